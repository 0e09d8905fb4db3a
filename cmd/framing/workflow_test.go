package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/framing/framing/corpus"
	"github.com/framing/framing/internal/atomicfile"
	"github.com/framing/framing/internal/tokenize"
	"github.com/framing/framing/lexicons"
	"github.com/framing/framing/reports"
)

func runIn(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := execute(context.Background(), args, streams{in: strings.NewReader(stdin), out: &out, err: &errb})
	return code, out.String(), errb.String()
}

// snapshot maps every file under dir to its content and modification time.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() && info.Name() != atomicfile.LockName {
			b, _ := os.ReadFile(p)
			out[p] = info.ModTime().Format(time.RFC3339Nano) + "\x00" + string(b)
		}
		return nil
	})
	return out
}

func readReport(t *testing.T, dir string) *reports.Report {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, "report.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rep, err := reports.ReadJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// A researcher's session: add an HTML page and a text file, check, report.
func TestAddCheckReport(t *testing.T) {
	dir := t.TempDir()
	corpusDir, out := filepath.Join(dir, "corpus"), filepath.Join(dir, "out")
	code, stdout, stderr := runIn(t, "", "add", "../../corpus/testdata/article.html", "--outlet", "The Daily Example",
		"--event", "capital-march-2024", "--corpus", corpusDir)
	if code != 0 || !strings.HasSuffix(strings.TrimSpace(stdout), "the-daily-example-police-fire-tear-gas-at-protesters-in-capital.md") {
		t.Fatalf("add html: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	code, _, stderr = runIn(t, "", "add", "--corpus", corpusDir, "--outlet", "Example Wire", "--event", "capital-march-2024",
		"../../corpus/testdata/article.txt")
	if code != 0 {
		t.Fatalf("add txt: exit %d: %s", code, stderr)
	}
	code, stdout, stderr = runIn(t, "", "check", "--corpus", corpusDir)
	if code != 0 || stdout != "" {
		t.Fatalf("check: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	code, _, stderr = runIn(t, "", "report", "--corpus", corpusDir, "--out", out, "--no-cache", "--bootstrap", "50")
	if code != 0 {
		t.Fatalf("report: exit %d: %s", code, stderr)
	}
	rep := readReport(t, out)
	if rep.Corpus.Articles != 2 || len(rep.Outlets) != 2 || len(rep.Hits) == 0 {
		t.Errorf("report: %+v, %d hits", rep.Corpus, len(rep.Hits))
	}
}

func TestAddTwiceFailsWithoutTouchingTheCorpus(t *testing.T) {
	corpusDir := t.TempDir()
	args := []string{"add", "../../corpus/testdata/article.txt", "--outlet", "Example Wire", "--event", "ev", "--corpus", corpusDir}
	if code, _, stderr := runIn(t, "", args...); code != 0 {
		t.Fatal(stderr)
	}
	before := snapshot(t, corpusDir)
	code, stdout, stderr := runIn(t, "", args...)
	if code != 1 || stdout != "" || !strings.Contains(stderr, "duplicate of") || !strings.Contains(stderr, "1 of 1 files not added") {
		t.Errorf("second add: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	if after := snapshot(t, corpusDir); len(after) != len(before) {
		t.Errorf("the corpus changed: %d files -> %d", len(before), len(after))
	} else {
		for p, v := range before {
			if after[p] != v {
				t.Errorf("%s changed", p)
			}
		}
	}
}

func TestAddFromStandardInput(t *testing.T) {
	corpusDir := t.TempDir()
	code, stdout, stderr := runIn(t, "Headline from a pipe\r\n\r\nBody text from standard input.\r\n",
		"add", "-", "--outlet", "Pipe News", "--event", "ev", "--corpus", corpusDir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	a, probs := corpus.Read(strings.TrimSpace(stdout), 0)
	if a == nil || a.Title != "Headline from a pipe" || strings.Contains(a.Body, "\r") {
		t.Errorf("article %+v, problems %v", a, probs)
	}
}

func TestCheckReportsHostileInputs(t *testing.T) {
	dir := t.TempDir()
	if err := corpus.WriteHostileCorpus(dir); err != nil {
		t.Fatal(err)
	}
	code, stdout, _ := runIn(t, "", "check", "--corpus", dir, "--format", "json")
	if code != 1 {
		t.Errorf("check of a hostile corpus: exit %d, want 1", code)
	}
	var probs []reports.Problem
	if err := json.Unmarshal([]byte(stdout), &probs); err != nil {
		t.Fatalf("check --format json: %v\n%s", err, stdout)
	}
	files := map[string]bool{}
	for _, p := range probs {
		files[filepath.Base(p.Path)] = true
	}
	for _, f := range []string{"binary.md", "dup-b.md", "empty.md", "huge.md", "invalid-utf8.md", "never-closes.md", "nul.md", "tabs.md", "unknown-field.md", "utf16.md"} {
		if !files[f] {
			t.Errorf("check does not report %s", f)
		}
	}
	// The rest of the corpus is still analysed.
	out := filepath.Join(dir, "out")
	code, _, stderr := runIn(t, "", "report", "--corpus", dir, "--out", out, "--no-cache", "--bootstrap", "20")
	if code != 0 {
		t.Fatalf("report: exit %d: %s", code, stderr)
	}
	if rep := readReport(t, out); rep.Corpus.Articles != 4 || rep.Corpus.Skipped != 9 {
		t.Errorf("corpus %+v", rep.Corpus)
	}
}

func TestLexiconImportRoundTrip(t *testing.T) {
	dir := t.TempDir()
	code, stdout, stderr := runIn(t, "", "lexicon", "import", "../../lexicons/testdata/sample.dic")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	lex, probs := lexicons.Parse("sample.yaml", []byte(stdout), tokenize.New())
	if lex == nil || len(lex.Entries) != 5 {
		t.Fatalf("imported YAML: %v %v", lex, probs)
	}
	out := filepath.Join(dir, "sample.yaml")
	if code, _, stderr := runIn(t, "", "lexicon", "import", "../../lexicons/testdata/sample.dic", "-o", out); code != 0 {
		t.Fatal(stderr)
	}
	code, _, stderr = runIn(t, "", "lexicon", "import", "../../lexicons/testdata/sample.dic", "-o", out)
	if code != 1 || !strings.Contains(stderr, "already exists; nothing written") {
		t.Errorf("import over an existing file: exit %d: %s", code, stderr)
	}
	// An undefined id is a warning on its .dic line; the rest converts.
	code, _, stderr = runIn(t, "", "lexicon", "import", "../../lexicons/testdata/bad-undefined.dic")
	if code != 0 || !strings.Contains(stderr, "bad-undefined.dic:5: warning: entry \"crackdown\": category id 7 is not defined in the legend") {
		t.Errorf("undefined category id: exit %d: %s", code, stderr)
	}
	// An error names the .dic's line, not the converted YAML's.
	code, _, stderr = runIn(t, "", "lexicon", "import", "../../lexicons/testdata/bad-regex.dic")
	if code != 1 || !strings.Contains(stderr, "bad-regex.dic:7: error: entry \"mass.*acre\" looks like a regular expression") {
		t.Errorf("regex-like term: exit %d: %s", code, stderr)
	}
	// report reads .dic directly.
	code, _, stderr = runIn(t, "", "report", "--corpus", fixtureCorpus, "--lexicon", "../../lexicons/testdata/sample.dic",
		"--out", filepath.Join(dir, "r"), "--no-cache", "--bootstrap", "10")
	if code != 0 {
		t.Errorf("report with a .dic: error: exit %d: %s", code, stderr)
	}
}

func TestLexiconShowAndLint(t *testing.T) {
	code, stdout, _ := runIn(t, "", "lexicon", "show", "framing")
	if code != 0 || !strings.Contains(stdout, "framing/violence") || !strings.Contains(stdout, "licence:  MIT") || !strings.Contains(stdout, "sha256:") {
		t.Errorf("show: exit %d:\n%s", code, stdout)
	}
	lex := filepath.Join(t.TempDir(), "lint.yaml")
	os.WriteFile(lex, []byte(`name: lint
version: "1"
licence: MIT
categories:
  - {id: a, kind: loaded}
  - {id: b, kind: loaded}
entries:
  - {term: pogrom, categories: [a]}
  - {term: live, categories: [a]}
  - {term: "liv*", categories: [b]}
  - {term: "s*", categories: [b]}
`), 0o644)
	code, stdout, _ = runIn(t, "", "lexicon", "lint", "--lexicon", lex, "--corpus", fixtureCorpus, "--max-wildcard", "2")
	for _, want := range []string{
		lex + `:8: warning: "pogrom" never matches the corpus (3 articles)`,
		lex + `:9: warning: "live" (a) is also matched by "liv*" (b, line 10): its words count in both categories`,
		lex + `:11: warning: wildcard "s*" matches 5 distinct words in the corpus (more than 2): said, show, slaughter, slaughtered, square`,
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("lint lacks %q; exit %d:\n%s", want, code, stdout)
		}
	}
}

// After adding one article, a report analyses only that article: the cache
// gains one entry and every other entry is left as it was.
func TestCacheTouchesOnlyTheNewArticle(t *testing.T) {
	dir := t.TempDir()
	corpusDir, cacheDir, out := filepath.Join(dir, "corpus"), filepath.Join(dir, "cache"), filepath.Join(dir, "out")
	copyDir(t, "../../corpus/pti-final-call-islamabad-2024", filepath.Join(corpusDir, "pti-final-call-islamabad-2024"))
	report := func() string {
		code, _, stderr := runIn(t, "", "report", "--corpus", corpusDir, "--cache", cacheDir, "--out", out, "--bootstrap", "20")
		if code != 0 {
			t.Fatalf("report: exit %d: %s", code, stderr)
		}
		return stderr
	}
	if stderr := report(); !strings.Contains(stderr, "0 articles read from it, 2 analysed") {
		t.Errorf("first run: %s", stderr)
	}
	first := snapshot(t, cacheDir)
	first1, _ := os.ReadFile(filepath.Join(out, "report.json"))
	time.Sleep(20 * time.Millisecond) // make a rewrite visible in modification times
	if stderr := report(); !strings.Contains(stderr, "2 articles read from it, 0 analysed") {
		t.Errorf("second run: %s", stderr)
	}
	second, _ := os.ReadFile(filepath.Join(out, "report.json"))
	if !bytes.Equal(first1, second) {
		t.Error("the cached run's report differs from the first")
	}
	if code, _, stderr := runIn(t, "", "add", "../../corpus/testdata/article.txt", "--outlet", "Example Wire",
		"--event", "pti-final-call-islamabad-2024", "--corpus", corpusDir); code != 0 {
		t.Fatal(stderr)
	}
	if stderr := report(); !strings.Contains(stderr, "2 articles read from it, 1 analysed") {
		t.Errorf("run after add: %s", stderr)
	}
	after := snapshot(t, cacheDir)
	// One more article entry; one more bootstrap entry (the new outlet: in
	// its event and in the whole corpus it has the same data, so the same
	// seed and the same interval), the others reused.
	articles := func(m map[string]string) (n int) {
		for p := range m {
			if !strings.Contains(filepath.ToSlash(p), "/intervals/") {
				n++
			}
		}
		return n
	}
	if a, b := articles(first), articles(after); b != a+1 || len(after)-b != len(first)-a+1 {
		t.Errorf("cache entries %d articles + %d intervals -> %d + %d, want one more article and one more interval",
			a, len(first)-a, b, len(after)-b)
	}
	for p, v := range first {
		if after[p] != v {
			t.Errorf("cache entry %s was touched", p)
		}
	}
	// A corrupt entry is detected, discarded and recomputed.
	var victim string
	for p := range first {
		if !strings.Contains(filepath.ToSlash(p), "/intervals/") {
			victim = p
			break
		}
	}
	b, _ := os.ReadFile(victim)
	b[len(b)-5] ^= 0x20
	os.WriteFile(victim, b, 0o644)
	if stderr := report(); !strings.Contains(stderr, "2 articles read from it, 1 analysed, 1 corrupt entries discarded and recomputed") {
		t.Errorf("run with a corrupt entry: %s", stderr)
	}
	again, _ := os.ReadFile(filepath.Join(out, "report.json"))
	if rep := readReport(t, out); rep.Corpus.Articles != 3 || len(again) == 0 {
		t.Errorf("report after recomputing: %+v", rep.Corpus)
	}
}

// An interrupted run writes nothing and says so; existing reports stay whole.
func TestInterruptedRunLeavesReportsIntact(t *testing.T) {
	out := t.TempDir()
	if code, _, stderr := runIn(t, "", "report", "--corpus", fixtureCorpus, "--lexicon", fixtureLexicon, "--out", out, "--no-cache"); code != 0 {
		t.Fatal(stderr)
	}
	before := snapshot(t, out)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var stdout, stderr bytes.Buffer
	code := execute(ctx, []string{"report", "--corpus", fixtureCorpus, "--lexicon", fixtureLexicon, "--out", out, "--no-cache"},
		streams{in: strings.NewReader(""), out: &stdout, err: &stderr})
	if code != 130 || !strings.Contains(stderr.String(), "interrupted; no report written, existing report files are intact") {
		t.Errorf("exit %d, stderr %q", code, stderr.String())
	}
	after := snapshot(t, out)
	for p, v := range before {
		if after[p] != v {
			t.Errorf("%s changed", p)
		}
	}
	if len(after) != len(before) {
		t.Errorf("files %d -> %d", len(before), len(after))
	}
}

// framing lexicon export writes a .dic that framing lexicon import reads
// back, never replaces a file, and says what the format cannot carry.
func TestLexiconExportCommand(t *testing.T) {
	dir := t.TempDir()
	dic := filepath.Join(dir, "framing.dic")
	code, stdout, stderr := runCLI(t, "lexicon", "export", "--lexicon", "framing", "--to", "dic", "-o", dic)
	if code != 0 || strings.TrimSpace(stdout) != dic || !strings.Contains(stderr, "exclusions left out") {
		t.Fatalf("export: exit %d, stdout %q, stderr %s", code, stdout, stderr)
	}
	if code, _, stderr := runCLI(t, "lexicon", "export", "--lexicon", "framing", "--to", "dic", "-o", dic); code != 1 || !strings.Contains(stderr, "already exists") {
		t.Errorf("a second export over the file: exit %d, %s", code, stderr)
	}
	yml := filepath.Join(dir, "framing.yaml")
	if code, _, stderr := runCLI(t, "lexicon", "import", dic, "-o", yml); code != 0 {
		t.Fatalf("importing the export: exit %d\n%s", code, stderr)
	}
	if code, stdout, _ := runCLI(t, "lexicon", "show", yml); code != 0 || !strings.Contains(stdout, "violence") {
		t.Errorf("the re-imported lexicon: exit %d\n%s", code, stdout)
	}
	if code, stdout, _ := runCLI(t, "lexicon", "export", "--to", "quanteda"); code != 0 || !strings.HasPrefix(stdout, "# quanteda dictionary") || !strings.Contains(stdout, "\nnews:\n") {
		t.Errorf("quanteda export of the default set: exit %d\n%.300s", code, stdout)
	}
}

// zeros is an endless input, like /dev/zero.
type zeros struct{ read int64 }

func (z *zeros) Read(p []byte) (int, error) {
	clear(p)
	z.read += int64(len(p))
	return len(p), nil
}

// add refuses an input over the article size limit while reading it: an
// endless input stops one byte past the limit, and the error says so.
func TestAddReadsNoMoreThanTheLimit(t *testing.T) {
	z := &zeros{}
	_, err := readLimited("standard input", z, 1<<20)
	if err == nil || !strings.Contains(err.Error(), "over the 1048576-byte limit") {
		t.Fatalf("err %v", err)
	}
	if z.read > 1<<20+64<<10 {
		t.Errorf("read %d bytes of an endless input for a 1 MiB limit", z.read)
	}
	if data, err := readLimited("x", strings.NewReader("short"), 1<<20); err != nil || string(data) != "short" {
		t.Errorf("a short input: %q %v", data, err)
	}
}

// An add sweeps the temporary files a killed add left in the corpus, and
// only those.
func TestAddSweepsLeftovers(t *testing.T) {
	corpusDir := t.TempDir()
	ev := filepath.Join(corpusDir, "ev")
	os.MkdirAll(ev, 0o755)
	left := filepath.Join(ev, ".wire-a-headline.md.tmp-123456")
	keep := filepath.Join(ev, "notes.tmp-1")
	os.WriteFile(left, []byte("half an article"), 0o644)
	os.WriteFile(keep, []byte("the user's"), 0o644)
	code, _, stderr := runIn(t, "A headline\n\nBody text.\n", "add", "-", "--outlet", "Wire", "--event", "ev", "--corpus", corpusDir)
	if code != 0 {
		t.Fatal(stderr)
	}
	if _, err := os.Stat(left); err == nil {
		t.Error("the leftover temporary file is still there")
	}
	if _, err := os.Stat(keep); err != nil {
		t.Error("a file that is not framing's was removed")
	}
	if !strings.Contains(stderr, "removed 1 temporary file") {
		t.Errorf("stderr %q", stderr)
	}
}

// check --out verifies a whole report set: a same-size edit of
// quotes.jsonl is an error, as is a chart report.md links that is gone;
// diff refuses such a report.
func TestCheckOutVerifiesEveryRecordFile(t *testing.T) {
	corpusDir := seedCorpusCopy(t)
	out := reportOf(t, corpusDir, "--inline-records", "-1", "--format", "json,md")
	if code, stdout, stderr := runCLI(t, "check", "--corpus", corpusDir, "--out", out); code != 0 {
		t.Fatalf("a whole set: exit %d\n%s%s", code, stdout, stderr)
	}
	path := filepath.Join(out, "quotes.jsonl")
	data, err := os.ReadFile(path)
	if err != nil || len(data) < 20 {
		t.Fatalf("quotes.jsonl: %v", err)
	}
	data[10] ^= 0x20
	os.WriteFile(path, data, 0o644)
	code, stdout, _ := runCLI(t, "check", "--corpus", corpusDir, "--out", out)
	if code != 1 || !strings.Contains(stdout, "quotes.jsonl") || !strings.Contains(stdout, "CRC-32C") {
		t.Errorf("a damaged quotes.jsonl: exit %d\n%s", code, stdout)
	}
	if code, _, stderr := runCLI(t, "diff", out, out); code != 2 || !strings.Contains(stderr, "quotes.jsonl") {
		t.Errorf("diff of a damaged report: exit %d, %s", code, stderr)
	}
}

// framing import: a media-monitoring CSV export with its usual column
// names is filed with the columns guessed; a title with a control
// character is cleaned and noted; rows without text or with a bad date are
// refused with their row numbers while the others are filed; a dry run
// writes nothing; importing the file again adds nothing; JSON Lines and a
// folder of JSON files import the same way.
func TestImportDatasets(t *testing.T) {
	dir := t.TempDir()
	corpusDir := filepath.Join(dir, "corpus")
	csvPath := filepath.Join(dir, "export.csv")
	csvData := "Headline,Source,Date,URL,Content,Topic\n" +
		"\"Police fire tear gas\tat protesters\",Daily Example,2024-11-26T09:30:00Z,https://example.com/a,\"Police fired tear gas at protesters in the capital on Tuesday, witnesses said.\",Capital March\n" +
		"Protesters defy ban,Example Wire,2024-11-27,https://example.com/b,\"Thousands of protesters defied a ban on gatherings, the organisers said.\",Capital March\n" +
		"No text here,Example Wire,2024-11-27,https://example.com/c,,Capital March\n" +
		"A bad date,Example Wire,27/11/2024,https://example.com/d,\"Officials described the march as unlawful.\",Capital March\n"
	os.WriteFile(csvPath, []byte(csvData), 0o644)
	code, stdout, stderr := runIn(t, "", "import", csvPath, "--corpus", corpusDir, "--dry-run")
	if code != 0 || !strings.Contains(stderr, `text      <- column "Content"`) || !strings.Contains(stderr, `event     <- column "Topic"`) {
		t.Fatalf("dry run: exit %d\n%s%s", code, stdout, stderr)
	}
	if _, err := os.Stat(corpusDir); err == nil {
		t.Error("the dry run wrote the corpus")
	}
	code, stdout, stderr = runIn(t, "", "import", csvPath, "--corpus", corpusDir)
	if code != 1 || strings.Count(strings.TrimSpace(stdout), "\n") != 1 {
		t.Fatalf("import: exit %d, want 1 with two articles filed\n%s%s", code, stdout, stderr)
	}
	for _, want := range []string{"row 4: no text", "row 5: published \"27/11/2024\"", "row 2, column Headline: control characters replaced", "2 articles filed, 0 rows already in the corpus, 2 refused"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	arts, _, err := corpus.Load(corpusDir, 0)
	if err != nil || len(arts) != 2 {
		t.Fatalf("%d articles, %v", len(arts), err)
	}
	for _, a := range arts {
		if a.Event != "capital-march" || a.URL == "" || a.Published == "" || strings.ContainsAny(a.Title, "\t\n") {
			t.Errorf("article %+v", a)
		}
	}
	if info, _ := corpus.LoadEventInfo(corpusDir, "capital-march"); info.Title != "Capital March" {
		t.Errorf("event title %q, want the dataset's value", info.Title)
	}
	code, _, stderr = runIn(t, "", "import", csvPath, "--corpus", corpusDir)
	if !strings.Contains(stderr, "0 articles filed, 2 rows already in the corpus") {
		t.Errorf("a second import: exit %d\n%s", code, stderr)
	}
	// JSON Lines, with a constant event; a folder of JSON files.
	jsonl := filepath.Join(dir, "rows.jsonl")
	os.WriteFile(jsonl, []byte(`{"id": "x1", "source": "Wire", "title": "A", "content": "A first article about the march on the capital."}`+"\n"+
		`{"id": "x2", "source": "Wire", "title": "B", "content": "A second article, about the crackdown that followed.", "authors": ["A. One", "B. Two"]}`+"\n"), 0o644)
	if code, _, stderr := runIn(t, "", "import", jsonl, "--corpus", corpusDir, "--set", "event=other-event"); code != 0 {
		t.Fatalf("JSON Lines: exit %d\n%s", code, stderr)
	}
	folder := filepath.Join(dir, "json")
	os.MkdirAll(folder, 0o755)
	os.WriteFile(filepath.Join(folder, "a.json"), []byte(`{"source": "Desk", "topic": "third", "text": "One more article, from a folder of JSON files."}`), 0o644)
	if code, _, stderr := runIn(t, "", "import", folder, "--corpus", corpusDir); code != 0 {
		t.Fatalf("JSON folder: exit %d\n%s", code, stderr)
	}
	arts, _, _ = corpus.Load(corpusDir, 0)
	if len(arts) != 5 {
		t.Errorf("%d articles after three imports, want 5", len(arts))
	}
	for _, a := range arts {
		if a.ID == "x2" && len(a.Authors) != 2 {
			t.Errorf("authors %v", a.Authors)
		}
	}
}

// framing add URL files the page's article, with its URL and the digest
// of the page as served in its source field.
func TestAddURL(t *testing.T) {
	page := `<html><head><meta property="og:site_name" content="Example Wire"><title>Thousands march on the capital</title></head><body><article><h1>Thousands march on the capital</h1>` +
		`<p>Thousands of supporters of the jailed opposition leader marched on the capital on Sunday, defying a ban on gatherings that the government said was needed to keep order.</p>` +
		`<p>Police blocked the main roads with shipping containers, and witnesses said officers fired tear gas at marchers near the parliament building late in the evening.</p></article></body></html>`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, page)
	}))
	defer srv.Close()
	corpusDir := t.TempDir()
	code, stdout, stderr := runIn(t, "", "add", srv.URL+"/march", "--event", "capital-march-2024", "--corpus", corpusDir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	a, probs := corpus.Read(strings.TrimSpace(stdout), 0)
	sum := sha256.Sum256([]byte(page))
	if a == nil || a.Outlet != "Example Wire" || a.URL != srv.URL+"/march" || !strings.Contains(a.Source, fmt.Sprintf("%x", sum)) || !strings.Contains(a.Body, "shipping containers") {
		t.Errorf("article %+v, problems %v", a, probs)
	}
}
