package pipeline

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"

	"github.com/framing/framing/corpus/atomicfile"
)

// DefaultCacheDir is where `framing report` keeps its article cache.
const DefaultCacheDir = ".framing-cache"

// Cache stores each article's ArticleResult on disk, so a report after adding
// one article analyses only that article.
//
// An entry's key is the article file's sha256 together with a salt: the
// program's fingerprint (its version and the sha256 of its own executable, so
// any rebuild starts afresh), the sha256 of every lexicon and of the cue
// list, whether entity recognition ran, and the sha256 of the article's event
// gazetteer. Change any of them and the old entries are simply never read
// again. The cache is safe to delete at any time.
//
// An entry is a header line with the sha256 of the JSON that follows. An
// entry whose checksum does not match (a disk error, a hand edit, a write
// interrupted where rename is not atomic) is deleted and recomputed.
type Cache struct {
	dir  string
	salt string

	hits, misses, corrupt atomic.Int64
}

const cacheMagic = "framing-cache/v1 "

// OpenCache returns the cache in dir for runs whose inputs give salt (see
// CacheSalt). The directory is created when the first entry is written.
func OpenCache(dir, salt string) *Cache { return &Cache{dir: dir, salt: salt} }

// CacheSalt combines what every cache key of a run shares.
func CacheSalt(parts ...string) string {
	h := sha256.New()
	io.WriteString(h, Version)
	h.Write([]byte{0})
	io.WriteString(h, programFingerprint())
	for _, p := range parts {
		h.Write([]byte{0})
		io.WriteString(h, p)
	}
	return hex.EncodeToString(h.Sum(nil))
}

var programFingerprint = sync.OnceValue(func() string {
	exe, err := os.Executable()
	if err != nil {
		return "unknown"
	}
	f, err := os.Open(exe)
	if err != nil {
		return "unknown"
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "unknown"
	}
	return hex.EncodeToString(h.Sum(nil))
})

func (c *Cache) path(articleHash, gazetteerHash string) string {
	h := sha256.Sum256([]byte(c.salt + "\x00" + gazetteerHash + "\x00" + articleHash))
	key := hex.EncodeToString(h[:])
	return filepath.Join(c.dir, key[:2], key+".json")
}

// Get returns the cached result for an article, or nil.
func (c *Cache) Get(articleHash, gazetteerHash string) *ArticleResult {
	path := c.path(articleHash, gazetteerHash)
	data, err := os.ReadFile(path)
	if err != nil {
		c.misses.Add(1)
		return nil
	}
	r, err := decodeEntry(data)
	if err != nil {
		c.corrupt.Add(1)
		c.misses.Add(1)
		os.Remove(path)
		return nil
	}
	c.hits.Add(1)
	return r
}

// Put stores a result. A failure to write is not an error of the run: the
// cache only saves time.
func (c *Cache) Put(articleHash, gazetteerHash string, r *ArticleResult) error {
	body, err := json.Marshal(r)
	if err != nil {
		return err
	}
	sum := sha256.Sum256(body)
	var b bytes.Buffer
	b.WriteString(cacheMagic)
	b.WriteString(hex.EncodeToString(sum[:]))
	b.WriteByte('\n')
	b.Write(body)
	path := c.path(articleHash, gazetteerHash)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return atomicfile.WriteFile(path, b.Bytes(), 0o644)
}

func decodeEntry(data []byte) (*ArticleResult, error) {
	nl := bytes.IndexByte(data, '\n')
	if nl < 0 || !bytes.HasPrefix(data, []byte(cacheMagic)) {
		return nil, errors.New("not a cache entry")
	}
	want := string(data[len(cacheMagic):nl])
	sum := sha256.Sum256(data[nl+1:])
	if hex.EncodeToString(sum[:]) != want {
		return nil, errors.New("checksum mismatch")
	}
	var r ArticleResult
	if err := json.Unmarshal(data[nl+1:], &r); err != nil {
		return nil, fmt.Errorf("decoding: %w", err)
	}
	return &r, nil
}

// Stats reports how the cache did: entries read, articles analysed, and
// corrupt entries discarded.
func (c *Cache) Stats() (hits, misses, corrupt int64) {
	return c.hits.Load(), c.misses.Load(), c.corrupt.Load()
}
