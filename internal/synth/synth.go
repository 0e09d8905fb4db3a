// Package synth writes synthetic corpora for benchmarks: any number of
// articles made of real news paragraphs, so every stage meets the text it
// meets in use (quotes, report verbs, names, loaded words) at any scale.
//
// Generated event k draws its paragraphs from source event k mod (number
// of source events) and gets that event's actor gazetteer, so the actors
// stage has real names to find. Article i takes the length, in paragraphs,
// and the title of a random source article of its event, and each paragraph
// at random from all of that event's paragraphs. Everything is drawn from a
// PCG generator seeded by (seed, i): the same options give the same files,
// byte for byte, and articles can be made in any order.
package synth

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"

	"github.com/framing/framing/corpus"
)

// Options say what to generate.
type Options struct {
	Source   string // corpus to draw text from (the shipped corpus)
	Articles int
	Outlets  int    // outlets, each covering every event; 0 means 12
	Events   int    // 0 means as many as the source has
	Seed     uint64 // 0 is a seed like any other
	// News, when set, is a JSON Lines file of real news articles (MBIC's
	// articles.jsonl) to build the corpus from instead of Source (see
	// generateNews); Outlets and Events then default to the articles' own.
	News string
}

// Stats describe what Generate wrote.
type Stats struct {
	Articles, Events, Outlets int
	Bytes                     int64
	// Paragraphs and Words count the distinct paragraphs and word types
	// written (with News: the shape of the text beside real news's).
	Paragraphs, Words int
}

type sourceEvent struct {
	slug       string
	articles   []*corpus.Article
	lengths    []int // paragraphs per article
	paragraphs []string
	gazetteer  []byte // the event's actors.yaml, nil when it has none
}

// Generate writes the corpus into dst, which must not exist or be empty:
// the generator never writes over anything.
func Generate(ctx context.Context, dst string, opt Options) (Stats, error) {
	if opt.Articles <= 0 {
		return Stats{}, fmt.Errorf("synth: %d articles: want at least 1", opt.Articles)
	}
	if opt.News != "" {
		return generateNews(ctx, dst, opt)
	}
	if opt.Outlets <= 0 {
		opt.Outlets = 12
	}
	srcs, err := loadSource(opt.Source)
	if err != nil {
		return Stats{}, err
	}
	if opt.Events <= 0 {
		opt.Events = len(srcs)
	}
	if entries, err := os.ReadDir(dst); err == nil && len(entries) > 0 {
		return Stats{}, fmt.Errorf("synth: %s is not empty; generate into a new directory", dst)
	}
	if err := os.MkdirAll(dst, 0o755); err != nil {
		return Stats{}, fmt.Errorf("synth: %w", err)
	}
	st := Stats{Articles: opt.Articles, Events: opt.Events, Outlets: opt.Outlets}
	if shared, err := os.ReadFile(filepath.Join(opt.Source, "actors.yaml")); err == nil {
		if err := create(filepath.Join(dst, "actors.yaml"), shared); err != nil {
			return st, err
		}
	}
	slugs := make([]string, opt.Events)
	for k := range slugs {
		src := srcs[k%len(srcs)]
		slugs[k] = fmt.Sprintf("%s-g%03d", src.slug, k)
		dir := filepath.Join(dst, slugs[k])
		if err := os.Mkdir(dir, 0o755); err != nil {
			return st, fmt.Errorf("synth: %w", err)
		}
		if src.gazetteer != nil {
			if err := create(filepath.Join(dir, "actors.yaml"), src.gazetteer); err != nil {
				return st, err
			}
		}
	}
	for i := 0; i < opt.Articles; i++ {
		if i%256 == 0 && ctx.Err() != nil {
			return st, ctx.Err()
		}
		k := i % opt.Events
		text := article(srcs[k%len(srcs)], slugs[k], i, opt)
		if err := create(filepath.Join(dst, slugs[k], fmt.Sprintf("a%07d.md", i)), text); err != nil {
			return st, err
		}
		st.Bytes += int64(len(text))
	}
	return st, nil
}

// article makes article i of the generated corpus.
func article(src *sourceEvent, event string, i int, opt Options) []byte {
	rng := rand.New(rand.NewPCG(opt.Seed, uint64(i)))
	m := rng.IntN(len(src.articles))
	model, n := src.articles[m], src.lengths[m]
	outlet := fmt.Sprintf("Outlet %02d", (i/opt.Events)%opt.Outlets+1)
	var b strings.Builder
	fmt.Fprintf(&b, "---\nid: \"bench-%07d\"\noutlet: %q\nevent: %q\ntitle: %q\nsource: \"framing bench gen (seed %d) from %s\"\n---\n",
		i, outlet, event, model.Title, opt.Seed, model.ID)
	fmt.Fprintf(&b, "# %s\n", model.Title)
	for p := 0; p < n; p++ {
		b.WriteString("\n")
		b.WriteString(src.paragraphs[rng.IntN(len(src.paragraphs))])
		b.WriteString("\n")
	}
	return []byte(b.String())
}

// loadSource reads the source corpus, event by event, and splits its
// articles into paragraphs (non-blank lines; headings excluded).
func loadSource(dir string) ([]*sourceEvent, error) {
	arts, probs, err := corpus.Load(dir, 0)
	if err != nil {
		return nil, fmt.Errorf("synth: source: %w", err)
	}
	for _, p := range probs {
		if !p.IsWarning() {
			return nil, fmt.Errorf("synth: source: %w", p)
		}
	}
	byEvent := map[string]*sourceEvent{}
	var out []*sourceEvent
	for _, a := range arts {
		ev := byEvent[a.Event]
		if ev == nil {
			ev = &sourceEvent{slug: a.Event}
			if g, err := os.ReadFile(filepath.Join(dir, a.Event, "actors.yaml")); err == nil {
				ev.gazetteer = g
			}
			byEvent[a.Event] = ev
			out = append(out, ev)
		}
		n := 0
		for _, line := range strings.Split(a.Body, "\n") {
			line = strings.TrimSpace(line)
			if line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "==") {
				continue
			}
			ev.paragraphs = append(ev.paragraphs, line)
			n++
		}
		if n > 0 {
			ev.articles = append(ev.articles, a)
			ev.lengths = append(ev.lengths, n)
		}
	}
	for _, ev := range out {
		if len(ev.articles) == 0 {
			return nil, fmt.Errorf("synth: source event %s has no paragraphs", ev.slug)
		}
	}
	if len(out) == 0 {
		return nil, errors.New("synth: the source corpus has no articles")
	}
	return out, nil
}

// create writes a new file, refusing to replace one. The target directory
// is new and the files are regenerable, so there is no fsync: 10,000
// articles are written in a second, not a minute.
func create(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return fmt.Errorf("synth: %w", err)
	}
	return f.Close()
}
