package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/framing/framing/check"
	"github.com/framing/framing/corpus"
	"github.com/framing/framing/evaluate"
	"github.com/framing/framing/internal/atomicfile"
	"github.com/framing/framing/internal/textfmt"
	"github.com/framing/framing/internal/tokenize"
	"github.com/framing/framing/lexicons"
	"github.com/framing/framing/pipeline"
	"github.com/framing/framing/reports"
	"github.com/framing/framing/run"
)

// parseInterspersed parses flags wherever they stand among the positional
// arguments ("framing add a.html --outlet X"), and returns the positional
// ones. After "--" everything is positional.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := parse(fs, args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if i := indexOf(args, "--"); i == 0 {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}

func runAdd(ctx context.Context, args []string, st streams) error {
	stdout, stderr := st.out, st.err
	fs := newFlags("add", "add FILE|URL... --outlet NAME --event SLUG [--title T] [--published DATE] [--url U] [--id ID] [--event-title T] [--author NAME ...] [--format txt|md|html] [--corpus DIR]\n\nFILE may be - for standard input.", stderr)
	var req corpus.AddRequest
	var authors run.List
	dir := fs.String("corpus", corpus.DefaultDir, "corpus directory to add to")
	fs.StringVar(&req.Outlet, "outlet", "", "the outlet that published it (required unless the document says)")
	fs.StringVar(&req.Event, "event", "", "event slug: the folder it goes in (required unless the document says)")
	fs.StringVar(&req.Title, "title", "", "headline (default: the page's title, the front matter's, or a .txt file's first line)")
	fs.StringVar(&req.Published, "published", "", "publication date, like 2024-11-29 (default: the page's)")
	fs.StringVar(&req.URL, "url", "", "where it was published")
	fs.StringVar(&req.ID, "id", "", "article id (default: from outlet and title)")
	fs.StringVar(&req.EventTitle, "event-title", "", "title of a new event, for the event.yaml add writes into a new event folder (default: the article's headline)")
	fs.StringVar(&req.Format, "format", "", "txt, md or html (default: from the file name, else from the content)")
	fs.Var(&authors, "author", "author; repeat for several")
	maxBytes := fs.Int64("max-article-bytes", corpus.DefaultMaxBytes, "largest file to add, in bytes (framing report refuses larger articles)")
	timeout := fs.Duration("timeout", corpus.DefaultFetchTimeout, "for a URL: the longest the whole fetch may take")
	files, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return &exitError{2, errors.New("no file to add (give FILE..., or - for standard input)")}
	}
	req.Authors = authors
	req.MaxBytes = *maxBytes
	// One add at a time reads the corpus and files articles into it (two
	// adds of one id would both succeed otherwise). A corpus directory that
	// does not exist yet is a new, empty corpus.
	lock, err := atomicfile.WaitLock(ctx, *dir, "add", func(m string) { fmt.Fprintln(stderr, "framing add:", m) })
	if err != nil {
		return &exitError{1, err}
	}
	defer lock.Unlock()
	// Under the corpus lock no add is writing: a temporary file in the
	// corpus is what a killed add left.
	sweepCorpus(*dir, stderr)
	loaded, _, err := corpus.Load(*dir, 0)
	if err != nil {
		return &exitError{1, err}
	}
	existing := corpus.NewAddIndex(loaded)
	if st.atPhase != nil {
		st.atPhase("corpus loaded")
	}
	failed := 0
	for _, f := range files {
		r := req
		r.Name = f
		switch {
		case f == "-":
			r.Data, err = readLimited("standard input", st.in, req.MaxBytes)
		case strings.HasPrefix(f, "http://") || strings.HasPrefix(f, "https://"):
			// The page as served is not kept (it may be large and is the
			// publisher's); its digest, URL and time are, in the source
			// field, so the extraction can be checked against it.
			var page *corpus.Page
			if page, err = corpus.FetchPage(ctx, f, corpus.FetchOptions{MaxBytes: req.MaxBytes, Timeout: *timeout}); err == nil {
				r.Data, r.Format = page.HTML, "html"
				if r.URL == "" {
					r.URL = page.URL
				}
				r.Source = fmt.Sprintf("fetched from %s on %s by framing add; page sha256 %s", f, page.Fetched.Format(time.RFC3339), page.SHA256)
			}
		default:
			r.Data, err = readFileLimited(f, req.MaxBytes)
		}
		if err != nil {
			fmt.Fprintln(stderr, "framing add:", err)
			failed++
			continue
		}
		res, err := corpus.Add(*dir, r, existing)
		if err != nil {
			fmt.Fprintln(stderr, "framing add:", err)
			failed++
			continue
		}
		for _, w := range res.Warnings {
			fmt.Fprintf(stderr, "framing add: %s: warning: %s\n", f, w)
		}
		fmt.Fprintln(stdout, res.Path)
		if res.EventFile != "" {
			// Standard output lists the articles added, one a line, for
			// scripts; the event file is news for the person.
			what := "from the article's headline: an outlet's wording, so give the event a neutral label there"
			if r.EventTitle != "" {
				what = "from --event-title"
			}
			fmt.Fprintf(stderr, "framing add: new event %q: wrote %s, titled %s\n", res.Article.Event, res.EventFile, what)
		}
	}
	if failed > 0 {
		return &exitError{1, fmt.Errorf("%d of %d files not added", failed, len(files))}
	}
	return nil
}

func runCheck(ctx context.Context, args []string, st streams) error {
	stdout, stderr := st.out, st.err
	fs := newFlags("check", "check [--corpus DIR] [--lexicon NAME|FILE ...] [--cues FILE] [--out DIR] [--format text|json]", stderr)
	var lexs run.List
	dir := fs.String("corpus", corpus.DefaultDir, "corpus directory")
	fs.Var(&lexs, "lexicon", "lexicon to check: built-in name, \"default\", or file; repeat for several (default: the default set)")
	cues := fs.String("cues", pipeline.DefaultCues, "cue list to check")
	format := fs.String("format", "text", "text (file:line: problem) or json")
	maxBytes := fs.Int64("max-article-bytes", corpus.DefaultMaxBytes, "largest article file accepted, in bytes")
	out := fs.String("out", "", "also verify the report set in DIR: report.json reads, every record file matches the size and CRC-32C it records, every linked chart is there")
	if _, err := parseInterspersed(fs, args); err != nil {
		return err
	}
	probs, err := check.Check(pipeline.Config{Lexicons: lexs, Cues: *cues,
		Options: pipeline.Options{Corpus: *dir, MaxArticleBytes: *maxBytes}})
	if err != nil {
		return &exitError{1, err}
	}
	if *out != "" {
		probs = append(probs, check.CheckOutput(*out)...)
	}
	if err := printProblems(stdout, probs, *format); err != nil {
		return &exitError{2, err}
	}
	errs := 0
	for _, p := range probs {
		if p.Severity == "error" {
			errs++
		}
	}
	if errs > 0 {
		return &exitError{1, fmt.Errorf("%d errors, %d warnings", errs, len(probs)-errs)}
	}
	if *format == "text" {
		fmt.Fprintf(stderr, "framing check: no errors (%d warnings)\n", len(probs))
	}
	return nil
}

// printProblems writes problems like a compiler (path:line: severity: message)
// or as a JSON array for CI.
func printProblems(w io.Writer, probs []reports.Problem, format string) error {
	switch format {
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		if probs == nil {
			probs = []reports.Problem{}
		}
		return enc.Encode(probs)
	case "text":
		for _, p := range probs {
			fmt.Fprintln(w, p.Diagnostic())
		}
		return nil
	}
	return fmt.Errorf("--format %q: want text or json", format)
}

func runLexicon(ctx context.Context, args []string, st streams) error {
	stderr := st.err
	usage := "Usage: framing lexicon import FILE.dic [-o FILE] | export [--lexicon ...] --to dic|quanteda [-o FILE] | lint [--lexicon ...] [--corpus DIR] [--max-wildcard N] | show NAME|FILE | eval --gold FILE [--lexicon ...] [--format text|json]"
	if len(args) == 0 {
		fmt.Fprintln(stderr, usage)
		return &exitError{code: 2}
	}
	switch args[0] {
	case "import":
		return lexiconImport(args[1:], st)
	case "export":
		return lexiconExport(args[1:], st)
	case "lint":
		return lexiconLint(ctx, args[1:], st)
	case "show":
		return lexiconShow(args[1:], st)
	case "eval":
		return lexiconEval(args[1:], st)
	case "-h", "--help", "help":
		fmt.Fprintln(stderr, usage)
		return nil
	}
	fmt.Fprintln(stderr, usage)
	return &exitError{2, fmt.Errorf("unknown lexicon command %q", args[0])}
}

// lexiconExport writes lexicons as a LIWC .dic or a quanteda YAML
// dictionary (lexicons.ExportDic), so a researcher can check framing's
// counts in those tools; what the format cannot say is listed on stderr.
func lexiconExport(args []string, st streams) error {
	stdout, stderr := st.out, st.err
	fs := newFlags("lexicon export", "lexicon export [--lexicon NAME|FILE ...] --to dic|quanteda [-o FILE]", stderr)
	var lexs run.List
	fs.Var(&lexs, "lexicon", fmt.Sprintf("lexicon to export: a built-in name (%s), %q, or a .yaml/.dic file; repeat for several (default: %q)",
		strings.Join(lexicons.BuiltinNames(), ", "), lexicons.DefaultName, lexicons.DefaultName))
	to := fs.String("to", "", "dic (LIWC) or quanteda (YAML dictionary)")
	out := fs.String("o", "", "write to FILE (never replaces an existing file) instead of standard output")
	rest, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return &exitError{2, fmt.Errorf("unexpected argument %q (see --help)", rest[0])}
	}
	export := map[string]func(io.Writer, []*lexicons.Lexicon) ([]string, error){"dic": lexicons.ExportDic, "quanteda": lexicons.ExportQuanteda}[*to]
	if export == nil {
		return &exitError{2, fmt.Errorf("--to %q: want dic or quanteda", *to)}
	}
	if len(lexs) == 0 {
		lexs = run.List{lexicons.DefaultName}
	}
	loaded, probs := lexicons.Loader{Tok: tokenize.New()}.Load(lexs)
	for _, p := range probs {
		fmt.Fprintln(stderr, p)
	}
	if len(loaded) == 0 || len(probs) > 0 && !allLexiconWarnings(probs) {
		return &exitError{1, errors.New("the lexicons do not load; nothing written")}
	}
	var b bytes.Buffer
	warns, err := export(&b, loaded)
	if err != nil {
		return &exitError{1, err}
	}
	for _, w := range warns {
		fmt.Fprintln(stderr, "note:", w)
	}
	if *out == "" {
		_, err := stdout.Write(b.Bytes())
		return err
	}
	if err := atomicfile.Create(*out, b.Bytes(), 0o644); err != nil {
		if errors.Is(err, atomicfile.ErrExists) {
			return &exitError{1, fmt.Errorf("%s already exists; nothing written", *out)}
		}
		return &exitError{1, err}
	}
	fmt.Fprintln(stdout, *out)
	return nil
}

func allLexiconWarnings(ps []*lexicons.Problem) bool {
	for _, p := range ps {
		if !p.IsWarning() {
			return false
		}
	}
	return true
}

func lexiconImport(args []string, st streams) error {
	stdout, stderr := st.out, st.err
	fs := newFlags("lexicon import", "lexicon import FILE.dic [-o FILE]", stderr)
	out := fs.String("o", "", "write the YAML to FILE (never replaces an existing file) instead of standard output")
	files, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(files) != 1 {
		return &exitError{2, errors.New("give one .dic file")}
	}
	data, err := os.ReadFile(files[0])
	if err != nil {
		return &exitError{1, err}
	}
	// Convert, and check that the result loads, so a converted file is
	// always usable; problems name the .dic's lines, warnings included.
	y, _ := lexicons.DicToYAML(files[0], data)
	lex, probs := lexicons.ImportDic(files[0], data, tokenize.New())
	for _, p := range probs {
		fmt.Fprintln(stderr, p)
	}
	if y == nil || lex == nil {
		return &exitError{1, fmt.Errorf("%d problems; nothing written", len(probs))}
	}
	if *out == "" {
		_, err := stdout.Write(y)
		return err
	}
	if err := atomicfile.Create(*out, y, 0o644); err != nil {
		if errors.Is(err, atomicfile.ErrExists) {
			return &exitError{1, fmt.Errorf("%s already exists; nothing written", *out)}
		}
		return &exitError{1, err}
	}
	fmt.Fprintln(stdout, *out)
	return nil
}

func lexiconLint(ctx context.Context, args []string, st streams) error {
	stdout, stderr := st.out, st.err
	fs := newFlags("lexicon lint", "lexicon lint [--lexicon NAME|FILE ...] [--corpus DIR] [--max-wildcard N] [--format text|json]", stderr)
	var lexs run.List
	fs.Var(&lexs, "lexicon", "lexicon to lint (default: the default set)")
	dir := fs.String("corpus", corpus.DefaultDir, "corpus to lint against")
	maxWild := fs.Int("max-wildcard", 10, "report wildcards matching more distinct corpus words than this")
	format := fs.String("format", "text", "text or json")
	if _, err := parseInterspersed(fs, args); err != nil {
		return err
	}
	probs, err := check.Lint(ctx, pipeline.Config{Lexicons: lexs, Options: pipeline.Options{Corpus: *dir}},
		check.LintOptions{MaxWildcardWords: *maxWild})
	if err != nil {
		return &exitError{1, err}
	}
	if err := printProblems(stdout, probs, *format); err != nil {
		return &exitError{2, err}
	}
	for _, p := range probs {
		if p.Severity == "error" {
			return &exitError{1, errors.New("the lexicon has errors")}
		}
	}
	return nil
}

func lexiconShow(args []string, st streams) error {
	stdout, stderr := st.out, st.err
	if len(args) != 1 || strings.HasPrefix(args[0], "-") {
		fmt.Fprintln(stderr, "Usage: framing lexicon show NAME|FILE")
		fmt.Fprintln(stderr, "Built-in lexicons:", strings.Join(lexicons.BuiltinNames(), ", "))
		if len(args) == 1 && (args[0] == "-h" || args[0] == "--help") {
			return nil
		}
		return &exitError{code: 2}
	}
	lex, probs := lexicons.Loader{Tok: tokenize.New()}.LoadOne(args[0])
	if lex == nil {
		for _, p := range probs {
			fmt.Fprintln(stderr, p)
		}
		return &exitError{1, fmt.Errorf("%s does not load", args[0])}
	}
	fmt.Fprintf(stdout, "%s %s\n", lex.Name, lex.Version)
	fmt.Fprintf(stdout, "  file:     %s\n  licence:  %s\n  source:   %s\n", lex.Path, lex.Licence, lex.Source)
	if lex.Citation != "" {
		fmt.Fprintf(stdout, "  citation: %s\n", lex.Citation)
	}
	fmt.Fprintf(stdout, "  sha256:   %s\n  entries:  %d\n\n", lex.SHA256, len(lex.Entries))
	count := map[string]int{}
	excl := 0
	for _, e := range lex.Entries {
		if e.Exclude {
			excl++
		}
		for _, c := range e.Categories {
			count[c.ID]++
		}
	}
	fmt.Fprintf(stdout, "  %-36s %-10s %7s  %s\n", "CATEGORY", "KIND", "ENTRIES", "LABEL")
	for _, c := range lex.Categories {
		fmt.Fprintf(stdout, "  %-36s %-10s %7d  %s\n", c.ID, c.Kind, count[c.ID], c.Label)
	}
	if excl > 0 {
		fmt.Fprintf(stdout, "  %-36s %-10s %7d  %s\n", "(exclusions)", "", excl, "phrases that count nothing")
	}
	return nil
}

func lexiconEval(args []string, st streams) error {
	stdout, stderr := st.out, st.err
	fs := newFlags("lexicon eval", "lexicon eval --gold FILE [--lexicon NAME|FILE ...] [--cues FILE] [--format text|json]\n\n"+
		"FILE is a CSV or TSV (.tsv) with a header naming the columns text, label (biased / not biased, 1 / 0)\n"+
		"and optionally words (the annotated biased words, separated by ;).", stderr)
	var lexs run.List
	gold := fs.String("gold", "", "annotated sentences (required)")
	fs.Var(&lexs, "lexicon", "lexicon to evaluate: built-in name, \"default\", or file; repeat for several (default: the default set)")
	cues := fs.String("cues", pipeline.DefaultCues, "cue list for the voice stage")
	format := fs.String("format", "text", "text or json")
	scorer := fs.String("scorer", pipeline.ScorerModel, "what decides that a word counts as loaded: model (the loadedness model) or lexicon (every match of a loaded category)")
	threshold := fs.Float64("threshold", 0, "one threshold of the loadedness model for every word, for another operating point (0: the model's own, by evidence class)")
	unlisted := fs.Float64("unlisted-threshold", 0, "the threshold for words no lexicon lists (0: the model's own)")
	valence := fs.Float64("valence-threshold", 0, "the threshold for words only the valence list holds (0: the model's own)")
	if _, err := parseInterspersed(fs, args); err != nil {
		return err
	}
	if *gold == "" {
		return &exitError{2, errors.New("--gold FILE is required")}
	}
	data, err := os.ReadFile(*gold)
	if err != nil {
		return &exitError{1, err}
	}
	sentences, err := evaluate.ReadGold(*gold, data)
	if err != nil {
		return &exitError{1, err}
	}
	a, probs, err := pipeline.Prepare(pipeline.Config{Lexicons: lexs, Cues: *cues, Scorer: *scorer, Threshold: *threshold, UnlistedThreshold: *unlisted, ValenceThreshold: *valence})
	for _, p := range probs {
		fmt.Fprintln(stderr, p)
	}
	if err != nil {
		return &exitError{1, err}
	}
	rep := evaluate.Evaluate(a, sentences)
	if *format == "json" {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(rep)
	}
	var names []string
	for _, l := range rep.Lexicons {
		names = append(names, l.Name+" "+l.Version)
	}
	fmt.Fprintf(stdout, "lexicons: %s\n", strings.Join(names, ", "))
	fmt.Fprintf(stdout, "sentences: %d (%d biased)\n", rep.Sentences, rep.Biased)
	if rep.Scorer == pipeline.ScorerModel {
		fmt.Fprintf(stdout, "ROC AUC of the sentence model's probability: %.3f\n", float64(rep.AUC))
	} else {
		fmt.Fprintf(stdout, "ROC AUC of the weighted authorial loaded score: %.3f\n", float64(rep.AUC))
	}
	fmt.Fprintf(stdout, "ROC AUC of the counted loaded words in the writer's own voice, per word: %.3f\n", float64(rep.AUCCounted))
	fmt.Fprintf(stdout, "ROC AUC of the loadedness score (the lists' loaded and valence words, per word): %.3f\n", float64(rep.AUCLoadedness))
	for _, x := range []struct {
		what string
		w    evaluate.EvalWords
	}{{"counted loaded words, own voice", rep.Words}, {"loaded and valence hits", rep.WordsWithValence}} {
		w := x.w
		fmt.Fprintf(stdout, "annotated words, %s (%d sentences): precision %.3f, recall %.3f, F1 %.3f (TP %d, FP %d, FN %d)\n",
			x.what, w.Sentences, float64(w.Precision), float64(w.Recall), float64(w.F1), w.TP, w.FP, w.FN)
	}
	cats := make([]string, 0, len(rep.FalsePositives))
	for c := range rep.FalsePositives {
		cats = append(cats, c)
	}
	sort.Strings(cats)
	if len(cats) > 0 {
		fmt.Fprintln(stdout, "entries with most false positives:")
	}
	for _, c := range cats {
		var parts []string
		for _, e := range rep.FalsePositives[c] {
			parts = append(parts, fmt.Sprintf("%s %d", e.Term, e.N))
		}
		fmt.Fprintf(stdout, "  %s: %s\n", c, strings.Join(parts, ", "))
	}
	return nil
}

// readLimited reads at most limit bytes of r (and one more, to know it is
// over): memory stays bounded by the limit whatever comes in (a pipe, a
// device like /dev/zero), and the error names the input and the limit.
func readLimited(name string, r io.Reader, limit int64) ([]byte, error) {
	if limit <= 0 {
		limit = corpus.DefaultMaxBytes
	}
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%s: over the %d-byte limit for an article (framing report would not read it; see --max-article-bytes); nothing was read past it", name, limit)
	}
	return data, nil
}

func readFileLimited(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readLimited(path, f, limit)
}

// sweepCorpus removes the temporary files killed adds left in the corpus
// and its event folders; the caller holds the corpus lock.
func sweepCorpus(dir string, stderr io.Writer) {
	n, _ := atomicfile.SweepLeftovers(dir)
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.IsDir() && !strings.HasPrefix(e.Name(), ".") {
			m, _ := atomicfile.SweepLeftovers(filepath.Join(dir, e.Name()))
			n += m
		}
	}
	if n > 0 {
		fmt.Fprintf(stderr, "framing: removed %s an interrupted add left in %s\n", textfmt.Plural(n, "temporary file"), dir)
	}
}
