package corpus

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
)

// DefaultDir is where the shipped corpus lives, relative to the repository
// root; the CLI's --corpus flag defaults to it.
const DefaultDir = "corpus"

// List returns the article files of the corpus rooted at dir, sorted, so that
// every run visits them in the same order. Articles are the *.md files one
// level down, in <dir>/<event>/; folders named testdata or starting with "."
// or "_" are not events and are skipped.
//
// Symbolic links are followed when they stay inside the corpus (an event
// folder or an article linked from elsewhere in it) and refused, with a
// problem, when they lead out of it or nowhere: a corpus is what its folder
// holds. An event folder that cannot be read is a problem too, like an
// unreadable file: the rest of the corpus is still listed. Only
// a corpus folder that cannot be read at all is an error.
func List(dir string) ([]string, []*Problem, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("corpus %s: %w", dir, err)
	}
	root, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("corpus %s: %w", dir, err)
	}
	if root, err = filepath.Abs(root); err != nil {
		return nil, nil, fmt.Errorf("corpus %s: %w", dir, err)
	}
	var (
		files []string
		probs []*Problem
	)
	// follow resolves a symbolic link, and reports whether it may be
	// followed: it leads somewhere inside the corpus.
	follow := func(path string) (fs.FileInfo, bool) {
		target, err := filepath.EvalSymlinks(path)
		if err != nil {
			what := "symbolic link to nothing"
			if isLinkLoop(err) {
				what = "symbolic link in a loop (it leads back to itself)"
			}
			probs = append(probs, listingProblemf(path, 0, Error, "%s (%v): skipped", what, unwrapPathError(err)))
			return nil, false
		}
		abs, _ := filepath.Abs(target)
		if rel, err := filepath.Rel(root, abs); err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			probs = append(probs, listingProblemf(path, 0, Error, "symbolic link to %s, outside the corpus: not followed (copy the file in, or link from inside the corpus)", target))
			return nil, false
		}
		info, err := os.Stat(path)
		if err != nil {
			probs = append(probs, listingProblemf(path, 0, Error, "%v", unwrapPathError(err)))
			return nil, false
		}
		return info, true
	}
	for _, e := range entries {
		if !isEventDir(e.Name()) {
			continue
		}
		sub := filepath.Join(dir, e.Name())
		isDir := e.IsDir()
		if e.Type()&fs.ModeSymlink != 0 {
			info, ok := follow(sub)
			isDir = ok && info.IsDir()
		}
		if !isDir {
			continue
		}
		articles, err := os.ReadDir(sub)
		if err != nil {
			probs = append(probs, listingProblemf(sub, 0, Error, "event folder cannot be read (%v): its articles are skipped", unwrapPathError(err)))
			continue
		}
		for _, a := range articles {
			if !strings.HasSuffix(a.Name(), ".md") || strings.HasPrefix(a.Name(), ".") {
				continue
			}
			path := filepath.Join(sub, a.Name())
			switch {
			case a.Type().IsRegular():
				files = append(files, path)
			case a.Type()&fs.ModeSymlink != 0:
				if info, ok := follow(path); ok && info.Mode().IsRegular() {
					files = append(files, path)
				}
			}
		}
	}
	sort.Strings(files)
	return files, probs, nil
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
	// One allocation at the file's size (io.ReadAll grew its buffer from
	// 512 bytes, copying a 10 KB article five times).
	var size int64
	if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
		size = min(st.Size(), maxBytes+1)
	}
	buf := bytes.NewBuffer(make([]byte, 0, size+bytes.MinRead))
	_, err = buf.ReadFrom(io.LimitReader(f, maxBytes+1))
	data := buf.Bytes()
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
	return ReadBytes(path, data, maxBytes)
}

// ReadBytes is Read of a file's bytes, read elsewhere (a distributed run's
// worker is sent them): the same checks, the same problems, path naming
// the file.
func ReadBytes(path string, data []byte, maxBytes int64) (*Article, []*Problem) {
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
	if abs, err := filepath.Abs(holder); err == nil {
		holder = abs // as full as the file's own path in the problem
	}
	return problemf(a.Path, a.IDLine, Error, "duplicate id %q: %s already uses it; this file is skipped", a.ID, holder)
}

// Load reads the whole corpus at dir: every readable article, in List order,
// and every problem found. A bad file never stops the others from loading.
// The pipeline streams files instead; Load serves check, add and tests.
func Load(dir string, maxBytes int64) ([]*Article, []*Problem, error) {
	files, probs, err := List(dir)
	if err != nil {
		return nil, nil, err
	}
	var (
		arts []*Article
		ids  IDs
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

// TextReader reads the title and body of the articles of the corpus in dir
// by their slash-separated path in it, again from their files: the analysis
// keeps no text, so memory stays flat however large the corpus. The HTML
// report uses it to show articles highlighted, and checks every hit against
// the text, so a file edited since the analysis is caught.
func TextReader(dir string, maxBytes int64) func(path string) (title, body string, err error) {
	return func(path string) (string, string, error) {
		art, probs := Read(filepath.Join(dir, filepath.FromSlash(path)), maxBytes)
		if art == nil {
			var errs []error
			for _, p := range probs {
				errs = append(errs, p)
			}
			return "", "", fmt.Errorf("article %s: %w", path, errors.Join(errs...))
		}
		return art.Title, art.Body, nil
	}
}

// isLinkLoop reports whether resolving a link failed because links point at
// each other (ELOOP, or Go's own "too many links" from EvalSymlinks).
func isLinkLoop(err error) bool {
	return errors.Is(err, syscall.ELOOP) || strings.Contains(err.Error(), "too many links")
}
