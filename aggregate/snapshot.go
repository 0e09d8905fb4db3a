package aggregate

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/framing/framing/cache"
	"github.com/framing/framing/corpus"
	"github.com/framing/framing/internal/atomicfile"
	"github.com/framing/framing/internal/stats"
	"github.com/framing/framing/pipeline"
	"github.com/framing/framing/reports"
)

// A snapshot is the aggregate of the last run over a corpus, kept in the
// cache directory beside the article entries (a re-run after
// adding one article to 10,000 must take under 5% of the cold run). The
// per-article cache alone leaves a re-run O(corpus): every file read and
// hashed, every entry decoded, every count summed again, 250 MB of
// records copied — 5.5 s at 10,000 articles. With the snapshot a re-run
// stats the files, reads only the new ones, inserts them into the restored
// aggregate where corpus order puts them (see Aggregator), and splices
// their records into the previous record files.
//
// The snapshot is used only when it can give the bytes a run over the
// whole corpus gives (tested, cached_test.go): same program, lexicons, cue
// list, entity setting, corpus directory, event filter, size limit and
// report directory (its key); every file it knew still there, unchanged
// (same size, modification time and inode, or else the same sha256) and
// analysed with the same gazetteer; the previous record files as it left
// them. Anything else — an article edited or deleted, a gazetteer edited,
// hits.jsonl touched, an added file taking the id of a later one — runs
// from the article cache as before, and writes a new snapshot. It applies
// to reports whose records are written apart (past --inline-records
// articles): smaller corpora are fast anyway.
type Snapshot struct {
	path, key string
	recordDir string
	g         *Aggregator
}

const snapshotMagic = "framing-snapshot/v9"

// snapshotKey is what a snapshot must match to be used.
func snapshotKey(c *cache.Cache, cfg Input) string {
	h := sha256.New()
	abs := func(p string) string {
		if a, err := filepath.Abs(p); err == nil {
			return a
		}
		return p
	}
	fmt.Fprintf(h, "%s\x00%s\x00%s\x00%d\x00%s", c.Salt(), abs(cfg.Corpus), strings.Join(cfg.Events, "\x00"),
		cfg.MaxArticleBytes, abs(cfg.RecordDir))
	return hex.EncodeToString(h.Sum(nil))
}

func snapshotPath(c *cache.Cache, key string) string {
	return filepath.Join(c.Dir(), "snapshots", key+".bin")
}

// snapshotData is a snapshot's content, gob-encoded.
type snapshotData struct {
	Key     string
	Records [4]pipeline.FileStat // the record files (reports.RecordFile order) the slots' records are in
	// RecordCRC is their CRC-32C as report.json records it: a file is
	// checked against it before its records are spliced into the next
	// report, so damage is never given a fresh, matching checksum.
	RecordCRC [4]string
	Files     []*fileSlot
	Groups    []snapGroup
	Events    []string
	IDOwner   map[string]string
	Actors    map[string]reports.ActorInfo
	ActorFrom map[string]string
	Unlinked  []snapUnlinked
}

// snapGroup is an outletSum as the snapshot holds it.
type snapGroup struct {
	Event, Outlet                                   string
	Articles, Tokens, Sentences, Covered, Agentless int
	CatVoice                                        []pipeline.VoiceCounts
	Loaded                                          pipeline.VoiceCounts
	Verbs                                           reports.ReportVerbs
	Speakers                                        map[string]*reports.Speaker
	SpeakerFrom                                     map[string]string
	Actors                                          map[string]*pipeline.ActorSum
	Stems                                           map[string]int
	Forms                                           map[pipeline.StemForm]int
	Terms                                           map[string]*pipeline.VoiceCounts
	Samples                                         *stats.Samples
	Top                                             []reports.LoadedSentence
	TopFrom                                         []string
}

type snapUnlinked struct {
	Entity         reports.UnlinkedEntity
	Labels, Events map[string]int
	From           string
}

// errRecordsDamaged: a record file the snapshot would splice does not hold
// the bytes the last report recorded; Build falls back to a full run.
var errRecordsDamaged = errors.New("the record file does not match the checksum the last report recorded")

// recordNames are the record kinds in the order RecordIndex counts them.
var recordNames = reports.RecordKinds()

// Save writes the snapshot, once the report it belongs to is written (its
// record files in place). Failing to is not an error of the run: the
// snapshot only saves time.
func (s *Snapshot) Save(rep *reports.Report) error {
	g := s.g
	d := g.snapshotData(s.key)
	for k, name := range recordNames {
		d.RecordCRC[k] = rep.Records.CRC32C[name]
	}
	var want [4]int64
	for _, f := range g.files {
		for k, n := range f.Index.Bytes {
			want[k] += n
		}
	}
	for k, name := range recordNames {
		st := pipeline.StatFile(filepath.Join(s.recordDir, reports.RecordFile(name)))
		if st.At == 0 || st.Size != want[k] {
			return fmt.Errorf("snapshot: %s is not the run's", reports.RecordFile(name))
		}
		d.Records[k] = st
	}
	if err := os.MkdirAll(filepath.Dir(s.path), 0o755); err != nil {
		return fmt.Errorf("snapshot: %w", err)
	}
	// Streamed to the file, its checksum last: at 10,000 articles the
	// snapshot is some 20 MB, not worth holding twice in memory.
	err := atomicfile.WriteNoSync(s.path, 0o644, func(w io.Writer) error {
		bw := bufio.NewWriterSize(w, 1<<16)
		bw.WriteString(snapshotMagic + "\n")
		crc := crc32.New(castagnoli)
		if err := d.encode(gob.NewEncoder(io.MultiWriter(bw, crc))); err != nil {
			return err
		}
		fmt.Fprintf(bw, "%08x\n", crc.Sum32())
		return bw.Flush()
	})
	if err != nil {
		return fmt.Errorf("snapshot: %w", err)
	}
	return nil
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// snapshotData is the aggregate as a snapshot or a partial aggregate holds
// it (the record files' stats apart).
func (g *Aggregator) snapshotData(key string) snapshotData {
	d := snapshotData{Key: key, Files: g.files, IDOwner: g.idOwner, Actors: g.actors, ActorFrom: g.actorFrom,
		Events: sortedKeys(g.events)}
	// Groups in key order: the encoding is then a function of the aggregate.
	keys := make([]groupKey, 0, len(g.groups))
	for k := range g.groups {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].event != keys[j].event {
			return keys[i].event < keys[j].event
		}
		return keys[i].outlet < keys[j].outlet
	})
	for _, key := range keys {
		o := g.groups[key]
		d.Groups = append(d.Groups, snapGroup{Event: key.event, Outlet: key.outlet, Articles: o.articles, Tokens: o.tokens,
			Sentences: o.sentences, Covered: o.covered, Agentless: o.agentless, CatVoice: o.catVoice, Loaded: o.loaded, Verbs: o.verbs,
			Speakers: o.speakers, SpeakerFrom: o.speakerFrom, Actors: o.actors, Stems: o.stems, Forms: o.forms, Terms: o.terms,
			Samples: &o.samples, Top: o.top, TopFrom: o.topFrom})
	}
	texts := make([]string, 0, len(g.unlinked))
	for t := range g.unlinked {
		texts = append(texts, t)
	}
	sort.Strings(texts)
	for _, t := range texts {
		u := g.unlinked[t]
		d.Unlinked = append(d.Unlinked, snapUnlinked{Entity: u.UnlinkedEntity, Labels: u.labels, Events: u.events, From: u.from})
	}
	return d
}

// loadSnapshot reads the snapshot at path, nil when there is none, it is
// damaged (it is then deleted) or its key is not key.
func loadSnapshot(path, key string) *snapshotData {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	// magic "\n" gob-body crc32c(body) "\n"
	head, tail := len(snapshotMagic)+1, 9
	if len(data) < head+tail || !bytes.HasPrefix(data, []byte(snapshotMagic+"\n")) ||
		string(data[len(data)-tail:]) != fmt.Sprintf("%08x\n", crc32.Checksum(data[head:len(data)-tail], castagnoli)) {
		os.Remove(path)
		return nil
	}
	body := data[head : len(data)-tail]
	var d snapshotData
	if err := d.decode(gob.NewDecoder(bytes.NewReader(body))); err != nil {
		os.Remove(path)
		return nil
	}
	if d.Key != key {
		return nil
	}
	return &d
}

// encode writes d as one gob message per file, group and entity after a
// header: gob holds a whole message in memory before writing it, and one
// message for everything would hold the whole snapshot (twice, growing).
func (d *snapshotData) encode(enc *gob.Encoder) error {
	head := *d
	head.Files, head.Groups, head.Unlinked = nil, nil, nil
	counts := [3]int{len(d.Files), len(d.Groups), len(d.Unlinked)}
	if err := errors.Join(enc.Encode(&head), enc.Encode(counts)); err != nil {
		return err
	}
	for _, f := range d.Files {
		if err := enc.Encode(f); err != nil {
			return err
		}
	}
	for i := range d.Groups {
		if err := enc.Encode(&d.Groups[i]); err != nil {
			return err
		}
	}
	for i := range d.Unlinked {
		if err := enc.Encode(&d.Unlinked[i]); err != nil {
			return err
		}
	}
	return nil
}

// decode reads what encode wrote.
func (d *snapshotData) decode(dec *gob.Decoder) error {
	var counts [3]int
	if err := errors.Join(dec.Decode(d), dec.Decode(&counts)); err != nil {
		return err
	}
	d.Files, d.Groups, d.Unlinked = make([]*fileSlot, counts[0]), make([]snapGroup, counts[1]), make([]snapUnlinked, counts[2])
	for i := range d.Files {
		d.Files[i] = &fileSlot{}
		if err := dec.Decode(d.Files[i]); err != nil {
			return err
		}
	}
	for i := range d.Groups {
		if err := dec.Decode(&d.Groups[i]); err != nil {
			return err
		}
	}
	for i := range d.Unlinked {
		if err := dec.Decode(&d.Unlinked[i]); err != nil {
			return err
		}
	}
	return nil
}

// restore rebuilds the aggregate a snapshot holds. gob decodes empty maps
// and slices as nil; the aggregate writes into its maps and the report
// tells nil from empty, so they are made again here.
func (d *snapshotData) restore(a *pipeline.Analyzer, so StatsOptions) *Aggregator {
	g := NewAggregator(a, so)
	g.files = d.Files
	for _, f := range g.files {
		f.Headline.Terms = nonNil(f.Headline.Terms)
		f.Article.Excluded = nonNil(f.Article.Excluded)
	}
	orEmpty(&g.idOwner, d.IDOwner)
	orEmpty(&g.actors, d.Actors)
	orEmpty(&g.actorFrom, d.ActorFrom)
	for _, ev := range d.Events {
		g.events[ev] = true
	}
	for _, sg := range d.Groups {
		o := newOutletSum(len(a.Categories()))
		o.articles, o.tokens, o.sentences, o.covered, o.agentless = sg.Articles, sg.Tokens, sg.Sentences, sg.Covered, sg.Agentless
		copy(o.catVoice, sg.CatVoice)
		o.loaded = sg.Loaded
		o.verbs = sg.Verbs
		orEmpty(&o.verbs.Cues, sg.Verbs.Cues)
		orEmpty(&o.speakers, sg.Speakers)
		for _, sp := range o.speakers {
			orEmpty(&sp.Terms, sp.Terms)
		}
		orEmpty(&o.speakerFrom, sg.SpeakerFrom)
		orEmpty(&o.actors, sg.Actors)
		for _, as := range o.actors {
			orEmpty(&as.CatVoice, as.CatVoice)
		}
		orEmpty(&o.stems, sg.Stems)
		orEmpty(&o.forms, sg.Forms)
		orEmpty(&o.terms, sg.Terms)
		if sg.Samples != nil {
			o.samples = *sg.Samples
		}
		o.top, o.topFrom = sg.Top, sg.TopFrom
		g.groups[groupKey{sg.Event, sg.Outlet}] = o
	}
	for _, u := range d.Unlinked {
		x := &unlinkedSum{UnlinkedEntity: u.Entity, from: u.From}
		orEmpty(&x.labels, u.Labels)
		orEmpty(&x.events, u.Events)
		g.unlinked[u.Entity.Text] = x
	}
	return g
}

// orEmpty sets *dst to src, or to an empty map when src is nil.
func orEmpty[K comparable, V any](dst *map[K]V, src map[K]V) {
	if src == nil {
		src = map[K]V{}
	}
	*dst = src
}

// fromSnapshot runs cfg from the snapshot: the files added since it was
// saved are analysed (or read from the article cache) and inserted. It
// returns a nil aggregator, and no error, when the snapshot cannot give
// the report a whole run would (see Snapshot).
func fromSnapshot(ctx context.Context, a *pipeline.Analyzer, cfg Input, d *snapshotData) (*Aggregator, int, error) {
	files, err := pipeline.ListFiles(cfg.Options)
	if err != nil {
		return nil, 0, err
	}
	old := make(map[string]*fileSlot, len(d.Files))
	for _, f := range d.Files {
		old[f.Path] = f
	}
	added := []string{}
	for _, path := range files {
		rel := pipeline.RelPath(cfg.Corpus, path)
		f := old[rel]
		if f == nil {
			added = append(added, path)
			continue
		}
		delete(old, rel)
		if now := pipeline.StatFile(path); !f.Stat.Unchanged(now) {
			data, err := os.ReadFile(path)
			if err != nil || f.Hash == "" || corpus.Hash(data) != f.Hash {
				return nil, 0, nil // edited (or unreadable before)
			}
			f.Stat = now
		}
		if f.Gaz != "" && f.Gaz != a.GazetteerHash(f.Article.Event) {
			return nil, 0, nil // its event's gazetteer was edited
		}
	}
	if len(old) > 0 {
		return nil, 0, nil // deleted, or moved out of the corpus
	}
	for k, name := range recordNames {
		was := d.Records[k]
		path := filepath.Join(cfg.RecordDir, reports.RecordFile(name))
		now := pipeline.StatFile(path)
		if !was.Same(now) {
			return nil, 0, nil // replaced or touched since
		}
		// The bytes too: a same-size edit that kept the time would
		// otherwise be spliced into the new report under a new checksum.
		if got, err := reports.FileCRC32C(path); err != nil || d.RecordCRC[k] == "" || got != d.RecordCRC[k] {
			return nil, 0, fmt.Errorf("%s: %w", path, errRecordsDamaged)
		}
	}
	src, err := reports.OpenRecordSource(cfg.RecordDir)
	if err != nil {
		return nil, 0, nil
	}
	g := d.restore(a, cfg.Stats)
	g.records, g.prev, g.cache = cfg.Records, src, cfg.Cache
	opts := cfg.Options
	opts.Only = added
	err = a.AnalyzeCorpus(ctx, opts, func(f *pipeline.Analysed) {
		if g.err == nil {
			g.Insert(f)
		}
	})
	if err == nil && errors.Is(g.err, errReorder) {
		src.Close()
		return nil, 0, nil
	}
	if err == nil {
		err = g.err
	}
	if err != nil {
		src.Close()
		return nil, 0, err
	}
	return g, len(files) - len(added), nil
}
