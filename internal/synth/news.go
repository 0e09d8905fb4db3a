package synth

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"
)

// newsArticle is one article of a JSON Lines file of real news (MBIC's
// articles.jsonl: outlet, topic, text with the headline as its first line).
type newsArticle struct {
	ID     string `json:"article_id"`
	Outlet string `json:"outlet"`
	Topic  string `json:"topic"`
	Text   string `json:"text"`
}

// generateNews writes a corpus from real news: up to as many articles as
// the source holds, the articles themselves (their outlets, their topics
// as events, unless Outlets and Events ask for another shape); past that,
// each further article is a real article's paragraphs with about one
// content word in seven replaced by a word drawn from a Zipfian vocabulary
// that keeps growing with the corpus (real words by frequency first, then
// made-up ones), so that no paragraph repeats and the vocabulary grows as
// a real corpus's does (Heaps' law), not as a resampling of one corpus's
// paragraphs would.
func generateNews(ctx context.Context, dst string, opt Options) (Stats, error) {
	src, err := readNews(opt.News)
	if err != nil {
		return Stats{}, err
	}
	if entries, err := os.ReadDir(dst); err == nil && len(entries) > 0 {
		return Stats{}, fmt.Errorf("synth: %s is not empty; generate into a new directory", dst)
	}
	if err := os.MkdirAll(dst, 0o755); err != nil {
		return Stats{}, fmt.Errorf("synth: %w", err)
	}
	vocab := rankedWords(src)
	rng := rand.New(rand.NewPCG(opt.Seed, 0xfeed))
	zipf := rand.NewZipf(rng, 1.07, 50, 1<<24)
	st := Stats{Articles: opt.Articles}
	events, outlets := map[string]bool{}, map[string]bool{}
	paragraphs, words := map[uint64]bool{}, map[string]bool{}
	for i := 0; i < opt.Articles; i++ {
		if i%256 == 0 && ctx.Err() != nil {
			return st, ctx.Err()
		}
		a := src[i%len(src)]
		event, outlet := a.Topic, a.Outlet
		if opt.Events > 0 {
			event = fmt.Sprintf("event-%03d", (i*7919)%opt.Events)
		}
		if opt.Outlets > 0 {
			outlet = fmt.Sprintf("Outlet %03d", (i*104729)%opt.Outlets)
		}
		if event == "" {
			event = "news"
		}
		events[event], outlets[outlet] = true, true
		lines := strings.Split(strings.TrimSpace(a.Text), "\n")
		title := strings.TrimSpace(lines[0])
		var body []string
		for _, l := range lines[1:] {
			if l = strings.TrimSpace(l); l != "" {
				if i >= len(src) {
					l = mutate(l, vocab, rng, zipf)
				}
				body = append(body, l)
				paragraphs[hash(l)] = true
			}
		}
		if len(body) == 0 {
			body = []string{title}
		}
		for _, p := range body {
			for _, w := range strings.FieldsFunc(p, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' }) {
				words[strings.ToLower(w)] = true
			}
		}
		dir := filepath.Join(dst, event)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return st, fmt.Errorf("synth: %w", err)
		}
		var b strings.Builder
		fmt.Fprintf(&b, "---\nid: \"news-%07d\"\noutlet: %q\nevent: %q\ntitle: %q\nsource: \"framing bench gen --news (seed %d) from %s\"\n---\n",
			i, outlet, event, title, opt.Seed, a.ID)
		b.WriteString(strings.Join(body, "\n\n"))
		b.WriteString("\n")
		if err := create(filepath.Join(dir, fmt.Sprintf("a%07d.md", i)), []byte(b.String())); err != nil {
			return st, err
		}
		st.Bytes += int64(b.Len())
	}
	st.Events, st.Outlets, st.Paragraphs, st.Words = len(events), len(outlets), len(paragraphs), len(words)
	return st, nil
}

func readNews(path string) ([]newsArticle, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("synth: %w", err)
	}
	defer f.Close()
	var out []newsArticle
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for n := 1; sc.Scan(); n++ {
		var a newsArticle
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			return nil, fmt.Errorf("synth: %s:%d: %w", path, n, err)
		}
		if strings.TrimSpace(a.Text) != "" && a.Outlet != "" {
			out = append(out, a)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("synth: %s: %w", path, err)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("synth: %s: no articles", path)
	}
	return out, nil
}

// rankedWords are the source's lower-case words of four letters or more,
// most frequent first (ties alphabetical).
func rankedWords(src []newsArticle) []string {
	count := map[string]int{}
	for _, a := range src {
		for _, w := range strings.FieldsFunc(a.Text, func(r rune) bool { return !unicode.IsLetter(r) }) {
			if len(w) >= 4 && unicode.IsLower([]rune(w)[0]) {
				count[w]++
			}
		}
	}
	out := make([]string, 0, len(count))
	for w := range count {
		out = append(out, w)
	}
	sort.Slice(out, func(i, j int) bool {
		if count[out[i]] != count[out[j]] {
			return count[out[i]] > count[out[j]]
		}
		return out[i] < out[j]
	})
	return out
}

// mutate replaces about one lower-case word of four letters or more in
// seven with a word of rank drawn from zipf: a real word while the rank is
// within the source's vocabulary, a made-up one past it.
func mutate(p string, vocab []string, rng *rand.Rand, zipf *rand.Zipf) string {
	fields := strings.Split(p, " ")
	for i, f := range fields {
		core := strings.TrimFunc(f, func(r rune) bool { return !unicode.IsLetter(r) })
		if len(core) < 4 || !unicode.IsLower([]rune(core)[0]) || rng.IntN(7) != 0 {
			continue
		}
		r := int(zipf.Uint64())
		w := ""
		if r < len(vocab) {
			w = vocab[r]
		} else {
			w = madeUp(r)
		}
		fields[i] = strings.Replace(f, core, w, 1)
	}
	return strings.Join(fields, " ")
}

// madeUp is a pronounceable word for a rank: syllables from its digits.
func madeUp(r int) string {
	cons := []string{"b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z"}
	vow := []string{"a", "e", "i", "o", "u"}
	var b strings.Builder
	for r > 0 || b.Len() < 4 {
		b.WriteString(cons[r%len(cons)])
		r /= len(cons)
		b.WriteString(vow[r%len(vow)])
		r /= len(vow)
	}
	return b.String()
}

func hash(s string) uint64 {
	var h uint64 = 1469598103934665603
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}
