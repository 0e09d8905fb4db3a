package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/framing/framing/render"
)

const (
	fixtureCorpus  = "../../run/testdata/corpus"
	fixtureLexicon = "../../run/testdata/lexicon.yaml"
)

func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = execute(context.Background(), args, streams{in: strings.NewReader(""), out: &out, err: &errb})
	return code, out.String(), errb.String()
}

func TestReportCommandWritesReports(t *testing.T) {
	dir := t.TempDir()
	code, stdout, stderr := runCLI(t, "report", "--corpus", fixtureCorpus, "--lexicon", fixtureLexicon, "--out", dir, "--no-cache")
	if code != 0 {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	var want string
	for _, f := range []string{"report.json", "report.md", "report.html"} {
		want += filepath.Join(dir, f) + "\n"
	}
	if stdout != want {
		t.Errorf("stdout = %q, want the paths written %q", stdout, want)
	}
	if !strings.Contains(stderr, "ev-b/broken.md:1: error: front matter opened on line 1 never closes") {
		t.Errorf("the broken article is not reported on stderr:\n%s", stderr)
	}
	rep := readReport(t, dir)
	if rep.Corpus.Articles != 3 || len(rep.Outlets) != 2 {
		t.Errorf("report: %+v", rep.Corpus)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 4 {
		t.Errorf("out dir holds %d entries, want the 3 reports and charts/ (temporary files left behind?)", len(entries))
	}
	// Two events of two and one outlets: the front page's rates, category
	// and voice bars for each, the similarity and keyness of the first (two
	// outlets), and the whole corpus's voice bars and similarity; each
	// named with its checksum.
	charts, _ := os.ReadDir(filepath.Join(dir, render.ChartDir))
	var names, kinds []string
	checksum := regexp.MustCompile(`-[0-9a-f]{8}\.svg$`)
	for _, c := range charts {
		names = append(names, c.Name())
		kinds = append(kinds, checksum.ReplaceAllString(c.Name(), ""))
	}
	sort.Strings(kinds)
	if got, want := strings.Join(kinds, " "), "categories-ev-a categories-ev-b keyness-ev-a rates-ev-a rates-ev-b similarity similarity-ev-a voice voice-ev-a voice-ev-b"; got != want || len(kinds) != len(names) {
		t.Errorf("charts/ holds %s, want %s, each -CRC.svg", names, want)
	}
	md, _ := os.ReadFile(filepath.Join(dir, "report.md"))
	for _, n := range names {
		if !strings.Contains(string(md), "("+render.ChartDir+"/"+n+")") {
			t.Errorf("report.md does not show %s", n)
		}
	}
}

// --format chooses the files; report.json is always written,
// and the exports of a format left out are removed, so the files in --out
// always come from one run.
func TestReportFormats(t *testing.T) {
	dir := t.TempDir()
	run := func(formats string) []string {
		t.Helper()
		args := []string{"report", "--corpus", fixtureCorpus, "--lexicon", fixtureLexicon, "--out", dir, "--no-cache", "--quiet"}
		if formats != "" {
			args = append(args, "--format", formats)
		}
		if code, _, stderr := runCLI(t, args...); code != 0 {
			t.Fatalf("--format %q: exit %d\n%s", formats, code, stderr)
		}
		entries, _ := os.ReadDir(dir)
		var names []string
		for _, e := range entries {
			if !e.IsDir() && !strings.HasPrefix(e.Name(), ".") {
				names = append(names, e.Name())
			}
		}
		return names
	}
	for _, tc := range []struct{ formats, want string }{
		{"json,md,html,csv", "articles.csv hits.csv outlets.csv report.html report.json report.md"},
		{"csv,parquet", "articles.csv hits.csv hits.parquet outlets.csv report.json"},
		{"", "report.html report.json report.md"},
		{"md", "report.json report.md"},
	} {
		if got := strings.Join(run(tc.formats), " "); got != tc.want {
			t.Errorf("--format %q wrote %s, want %s", tc.formats, got, tc.want)
		}
	}
}

func TestReportExitCodes(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"strict with a broken article", []string{"report", "--strict", "--corpus", fixtureCorpus, "--lexicon", fixtureLexicon, "--out", dir, "--no-cache"}, 1, "1 error in the corpus or lexicons (--strict)"},
		{"no corpus", []string{"report", "--corpus", filepath.Join(dir, "nope"), "--out", dir}, 1, "run from the repository root, or pass --corpus DIR"},
		{"bad flag", []string{"report", "--no-such-flag"}, 2, "flag provided but not defined"},
		{"stray argument", []string{"report", "extra"}, 2, `unexpected argument "extra"`},
		{"unknown command", []string{"frobnicate"}, 2, `unknown command "frobnicate"`},
		{"only a bad lexicon", []string{"report", "--corpus", fixtureCorpus, "--lexicon", "../../run/testdata/bad-lexicon.yaml", "--out", dir, "--no-cache"}, 1, "no lexicon could be loaded"},
		{"help", []string{"help"}, 0, ""},
		{"command help", []string{"report", "--help"}, 0, "Usage: framing report"},
		{"bench help", []string{"bench", "--help"}, 0, ""},
		{"unknown format", []string{"report", "--format", "json,xlsx", "--corpus", fixtureCorpus, "--out", dir}, 2, `format "xlsx": want some of json, md, html, csv, parquet`},
	}
	for _, tt := range tests {
		code, _, stderr := runCLI(t, tt.args...)
		if code != tt.code || !strings.Contains(stderr, tt.stderr) {
			t.Errorf("%s: exit %d (want %d), stderr:\n%s", tt.name, code, tt.code, stderr)
		}
	}
}

// a cache that cannot be written does not stop the report, and
// the run says so.
func TestUnwritableCacheIsReported(t *testing.T) {
	dir := t.TempDir()
	cache := filepath.Join(dir, "cache")
	if err := os.WriteFile(cache, []byte("a file, not a folder"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCLI(t, "report", "--corpus", fixtureCorpus, "--lexicon", fixtureLexicon, "--out", filepath.Join(dir, "out"), "--cache", cache)
	if code != 0 {
		t.Fatalf("exit %d:\n%s", code, stderr)
	}
	if !strings.Contains(stderr, "entries could not be written") {
		t.Errorf("no warning about the cache:\n%s", stderr)
	}
}

// temporary files that dead runs left in the cache go once a run
// holds the cache; its entries stay.
func TestReportSweepsTheCache(t *testing.T) {
	dir := t.TempDir()
	cache := filepath.Join(dir, "cache")
	args := []string{"report", "--corpus", fixtureCorpus, "--lexicon", fixtureLexicon, "--out", filepath.Join(dir, "out"), "--cache", cache}
	if code, _, stderr := runCLI(t, args...); code != 0 {
		t.Fatal(stderr)
	}
	dead := []string{filepath.Join(cache, "ab", ".abcdef.bin.tmp-123"), filepath.Join(cache, "intervals", "cd", ".cd01.bin.tmp-9")}
	for _, p := range dead {
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte("torn"), 0o644)
	}
	if code, _, stderr := runCLI(t, args...); code != 0 || !strings.Contains(stderr, "articles read from it, 0 analysed") {
		t.Fatalf("exit %d:\n%s", code, stderr)
	}
	for _, p := range dead {
		if _, err := os.Stat(p); err == nil {
			t.Errorf("%s is still there", p)
		}
	}
}
