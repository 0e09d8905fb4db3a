package corpus

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// DefaultDir is where the shipped corpus lives, relative to the repository
// root; the CLI's --corpus flag defaults to it.
const DefaultDir = "corpus"

// List returns the article files of the corpus rooted at dir, sorted, so that
// every run visits them in the same order. Articles are the *.md files one
// level down, in <dir>/<event>/; folders named testdata or starting with "."
// or "_" are not events and are skipped.
func List(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("corpus %s: %w", dir, err)
	}
	var files []string
	for _, e := range entries {
		if !e.IsDir() || !isEventDir(e.Name()) {
			continue
		}
		sub := filepath.Join(dir, e.Name())
		articles, err := os.ReadDir(sub)
		if err != nil {
			return nil, fmt.Errorf("corpus %s: %w", sub, err)
		}
		for _, a := range articles {
			if a.Type().IsRegular() && strings.HasSuffix(a.Name(), ".md") && !strings.HasPrefix(a.Name(), ".") {
				files = append(files, filepath.Join(sub, a.Name()))
			}
		}
	}
	sort.Strings(files)
	return files, nil
}

// Events returns the event folders of the corpus, sorted.
func Events(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("corpus %s: %w", dir, err)
	}
	var events []string
	for _, e := range entries {
		if e.IsDir() && isEventDir(e.Name()) {
			events = append(events, e.Name())
		}
	}
	return events, nil
}

func isEventDir(name string) bool {
	return name != "testdata" && !strings.HasPrefix(name, ".") && !strings.HasPrefix(name, "_")
}

// Read reads and parses one article file. It never reads more than maxBytes+1
// bytes, so a 50 MB file costs nothing but its error.
func Read(path string, maxBytes int64) (*Article, []*Problem) {
	if maxBytes <= 0 {
		maxBytes = DefaultMaxBytes
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, []*Problem{problemf(path, 0, Error, "%v", unwrapPathError(err))}
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxBytes+1))
	if err != nil {
		return nil, []*Problem{problemf(path, 0, Error, "%v", unwrapPathError(err))}
	}
	if int64(len(data)) > maxBytes {
		size := int64(len(data))
		if st, err := f.Stat(); err == nil {
			size = st.Size()
		}
		return nil, []*Problem{problemf(path, 0, Error, "file is %s, over the %s limit for one article (raise it with --max-article-bytes)",
			humanBytes(size), humanBytes(maxBytes))}
	}
	a, probs := Parse(path, data, maxBytes)
	if a != nil {
		if dir := filepath.Base(filepath.Dir(path)); dir != a.Event && isEventDir(dir) && dir != "." {
			probs = append(probs, problemf(path, 0, Warning, "event %q differs from its folder %q; the front matter wins", a.Event, dir))
		}
	}
	return a, probs
}

func unwrapPathError(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return fmt.Errorf("%s: %w", pe.Op, pe.Err)
	}
	return err
}

// IDs detects duplicate article ids. Feed it articles in corpus order (List's
// order): the first file to claim an id keeps it, and every later one is an
// error naming the first, so the outcome never depends on scheduling.
type IDs struct{ first map[string]string }

// Claim records a's id, or returns the problem if an earlier file holds it.
func (s *IDs) Claim(a *Article) *Problem {
	if s.first == nil {
		s.first = map[string]string{}
	}
	if prev, dup := s.first[a.ID]; dup {
		return DuplicateID(a, prev)
	}
	s.first[a.ID] = a.Path
	return nil
}

// DuplicateID is the problem of a file whose id the file at holder, earlier
// in corpus order, already uses.
func DuplicateID(a *Article, holder string) *Problem {
	return problemf(a.Path, 0, Error, "duplicate id %q: %s already uses it; this file is skipped", a.ID, holder)
}

// Load reads the whole corpus at dir: every readable article, in List order,
// and every problem found. A bad file never stops the others from loading.
// The pipeline streams files instead; Load serves check, add and tests.
func Load(dir string, maxBytes int64) ([]*Article, []*Problem, error) {
	files, err := List(dir)
	if err != nil {
		return nil, nil, err
	}
	var (
		arts  []*Article
		probs []*Problem
		ids   IDs
	)
	for _, path := range files {
		a, ps := Read(path, maxBytes)
		probs = append(probs, ps...)
		if a == nil {
			continue
		}
		if p := ids.Claim(a); p != nil {
			probs = append(probs, p)
			continue
		}
		arts = append(arts, a)
	}
	return arts, probs, nil
}
