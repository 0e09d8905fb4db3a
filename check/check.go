// Package check validates what a run reads (articles, lexicons, cue list,
// gazetteers, event labels) and reviews lexicons against the corpus, without
// writing a report: framing check and framing lexicon lint.
package check

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/framing/framing/aggregate"
	"github.com/framing/framing/corpus"
	"github.com/framing/framing/internal/atomicfile"
	"github.com/framing/framing/internal/diag"
	"github.com/framing/framing/internal/tokenize"
	"github.com/framing/framing/lexicons"
	"github.com/framing/framing/pipeline"
	"github.com/framing/framing/reports"
	"github.com/framing/framing/run"
)

// Check validates everything a run reads, without analysing anything: every
// article (format, fields, duplicate ids), every lexicon asked for (or the
// default set), the cue list and every gazetteer. Problems come back sorted
// by file and line, like a compiler's.
func Check(cfg pipeline.Config) ([]reports.Problem, error) {
	var out []reports.Problem
	files, listing, err := corpus.List(cfg.Corpus)
	if err != nil {
		return nil, err
	}
	for _, p := range listing {
		out = append(out, reports.ProblemFrom(p))
	}
	if files, err = pipeline.FilterEvents(files, cfg.Events); err != nil {
		return nil, err
	}
	var ids corpus.IDs
	for _, path := range files {
		a, probs := corpus.Read(path, cfg.MaxArticleBytes)
		for _, p := range probs {
			out = append(out, reports.ProblemFrom(p))
		}
		if a != nil {
			if p := ids.Claim(a); p != nil {
				out = append(out, reports.ProblemFrom(p))
			}
		}
	}
	tok := tokenize.New()
	_, lprobs := lexicons.Loader{Tok: tok}.Load(cfg.Lexicons)
	cues := cfg.Cues
	if cues == "" {
		cues = pipeline.DefaultCues
	}
	_, cprobs := lexicons.Loader{Tok: tok}.LoadOne(cues)
	events, err := corpus.Events(cfg.Corpus)
	if err != nil {
		return nil, err
	}
	_, gprobs := lexicons.LoadGazetteers(cfg.Corpus, events, tok)
	for _, ev := range events {
		if p := corpus.MissingEventInfo(cfg.Corpus, ev); p != nil {
			out = append(out, reports.ProblemFrom(p))
		}
		_, eprobs := corpus.LoadEventInfo(cfg.Corpus, ev)
		for _, p := range eprobs {
			out = append(out, reports.ProblemFrom(p))
		}
	}
	for _, ps := range [][]*lexicons.Problem{lprobs, cprobs, gprobs} {
		for _, p := range ps {
			out = append(out, reports.ProblemFrom(p))
		}
	}
	sortProblems(out)
	return out, nil
}

func sortProblems(ps []reports.Problem) {
	sort.SliceStable(ps, func(i, j int) bool {
		if ps[i].Path != ps[j].Path {
			return ps[i].Path < ps[j].Path
		}
		if ps[i].Line != ps[j].Line {
			return ps[i].Line < ps[j].Line
		}
		return ps[i].Column < ps[j].Column
	})
}

// LintOptions sets lexicon lint.
type LintOptions struct {
	// MaxWildcardWords is how many distinct corpus words a prefix wildcard may
	// match before lint lists them as too greedy.
	MaxWildcardWords int
}

// Lint reviews lexicons against themselves and against the corpus: entries
// that cannot load (duplicates, bad terms), entries whose words another
// category's entry also matches (a stem or wildcard reaching too far),
// entries whose inflections are other entries ("illegal" -> "illegals"),
// wildcards matching more than opts.MaxWildcardWords distinct corpus words
// (listed), and entries that never match the corpus. Findings are warnings:
// the lexicon still works, but a researcher should look.
func Lint(ctx context.Context, cfg pipeline.Config, opts LintOptions) ([]reports.Problem, error) {
	if opts.MaxWildcardWords <= 0 {
		opts.MaxWildcardWords = 10
	}
	tok := tokenize.New()
	lexs, lprobs := lexicons.Loader{Tok: tok}.Load(cfg.Lexicons)
	var out []reports.Problem
	for _, p := range lprobs {
		out = append(out, reports.ProblemFrom(p))
	}
	if len(lexs) == 0 {
		return out, nil
	}
	for _, l := range lexs {
		for _, c := range lexicons.Collisions(l) {
			out = append(out, lintWarning(l.Path, c.Of.Line, fmt.Sprintf("%q (%s) is also matched by %q (%s, line %d): its words count in both categories",
				c.Of.Term, catList(c.Of), c.By.Term, catList(c.By), c.By.Line)))
		}
		for _, f := range lexicons.InflectionCollisions(l) {
			var terms []string
			for _, e := range f.Entries {
				terms = append(terms, fmt.Sprintf("%q (%s, line %d)", e.Term, catList(e), e.Line))
			}
			out = append(out, lintWarning(l.Path, f.Entries[0].Line, fmt.Sprintf("%s are forms of one word that score differently: each matches only as written; its other forms are not matched",
				strings.Join(terms, ", "))))
		}
	}
	cfg.Lexicons = nil
	for _, l := range lexs {
		cfg.Lexicons = append(cfg.Lexicons, l.Path)
	}
	// Built-in lexicons are named by name, not by their "builtin:" path.
	for i, l := range lexs {
		if strings.HasPrefix(l.Path, "builtin:") {
			cfg.Lexicons[i] = strings.TrimPrefix(l.Path, "builtin:")
		}
	}
	rep, err := run.Build(ctx, run.Config{Config: cfg, Stats: aggregate.StatsOptions{Resamples: -1}})
	if err != nil {
		return nil, err
	}
	type use struct {
		hits  int
		words map[string]int
	}
	uses := map[string]*use{} // lexicon name + "\x00" + term
	for _, h := range rep.Hits {
		key := h.Category[:strings.IndexByte(h.Category, '/')] + "\x00" + h.Term
		u := uses[key]
		if u == nil {
			u = &use{words: map[string]int{}}
			uses[key] = u
		}
		u.hits++
		u.words[tokenize.Fold(h.Text)]++
	}
	for _, l := range lexs {
		for _, e := range l.Entries {
			if e.Exclude {
				continue
			}
			u := uses[l.Name+"\x00"+e.Term]
			switch {
			case u == nil:
				out = append(out, lintWarning(l.Path, e.Line, fmt.Sprintf("%q never matches the corpus (%d articles)", e.Term, rep.Corpus.Articles)))
			case e.Mode == lexicons.Prefix && len(u.words) > opts.MaxWildcardWords:
				words := make([]string, 0, len(u.words))
				for w := range u.words {
					words = append(words, w)
				}
				sort.Slice(words, func(i, j int) bool {
					if u.words[words[i]] != u.words[words[j]] {
						return u.words[words[i]] > u.words[words[j]]
					}
					return words[i] < words[j]
				})
				out = append(out, lintWarning(l.Path, e.Line, fmt.Sprintf("wildcard %q matches %d distinct words in the corpus (more than %d): %s",
					e.Term, len(words), opts.MaxWildcardWords, strings.Join(words, ", "))))
			}
		}
	}
	sortProblems(out)
	return out, nil
}

func catList(e *lexicons.Entry) string {
	var ids []string
	for _, c := range e.Categories {
		ids = append(ids, c.Local)
	}
	return strings.Join(ids, ", ")
}

// lintWarning is a lint finding on a lexicon entry: the lexicon still works,
// but a researcher should look.
func lintWarning(path string, line int, msg string) reports.Problem {
	return reports.ProblemFrom(diag.Warningf(path, line, "lint", "%s", msg))
}

// CheckOutput checks a report set as a reader would trust it: report.json
// reads, every record file it names has the size and CRC-32C it records
// (hits, quotes, mentions, agency), every chart report.md links is there,
// and no temporary file of an interrupted run is left. Each failure is an
// error naming the file.
func CheckOutput(dir string) []reports.Problem {
	var out []reports.Problem
	add := func(path, check, format string, args ...any) {
		out = append(out, reports.Problem{Path: path, Severity: "error", Check: check, Message: fmt.Sprintf(format, args...)})
	}
	jsonPath := filepath.Join(dir, "report.json")
	rep, err := reports.ReadJSONFile(jsonPath)
	if err != nil {
		add(jsonPath, "report", "%v", err)
		return out
	}
	if err := rep.VerifyRecords(); err != nil {
		add(dir, "records", "%v", err)
	}
	if md, err := os.ReadFile(filepath.Join(dir, "report.md")); err == nil {
		for _, m := range chartLink.FindAllStringSubmatch(string(md), -1) {
			if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(m[1]))); err != nil {
				add(filepath.Join(dir, "report.md"), "charts", "links %s, which is missing", m[1])
			}
		}
	}
	for _, d := range []string{dir, filepath.Join(dir, "charts")} {
		entries, _ := os.ReadDir(d)
		for _, e := range entries {
			if atomicfile.IsLeftover(e.Name()) {
				out = append(out, reports.Problem{Path: filepath.Join(d, e.Name()), Severity: "warning", Check: "leftover",
					Message: "a temporary file of an interrupted run (the next framing report removes it)"})
			}
		}
	}
	sortProblems(out)
	return out
}

// chartLink finds the charts report.md links: ](charts/NAME.svg).
var chartLink = regexp.MustCompile(`\]\((charts/[^)\s]+\.svg)\)`)
