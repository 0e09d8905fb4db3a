package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/framing/framing/reports"
)

// seedCorpusCopy copies the shipped seed event into a fresh corpus.
func seedCorpusCopy(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	ev := filepath.Join(dir, "pti-final-call-islamabad-2024")
	if err := os.MkdirAll(ev, 0o755); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob("../../corpus/pti-final-call-islamabad-2024/*")
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(ev, filepath.Base(f)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func reportOf(t *testing.T, corpusDir string, extra ...string) string {
	t.Helper()
	out := t.TempDir()
	args := append([]string{"report", "--corpus", corpusDir, "--out", out, "--no-cache", "--quiet", "--bootstrap", "200", "--format", "json"}, extra...)
	if code, _, stderr := runCLI(t, args...); code != 0 {
		t.Fatalf("report: exit %d\n%s", code, stderr)
	}
	return out
}

func diffJSON(t *testing.T, args ...string) (int, *reports.ReportDiff) {
	t.Helper()
	code, stdout, stderr := runCLI(t, append([]string{"diff", "--format", "json"}, args...)...)
	var d reports.ReportDiff
	if err := json.Unmarshal([]byte(stdout), &d); err != nil {
		t.Fatalf("diff %v: exit %d, not JSON (%v):\n%s\n%s", args, code, err, stdout, stderr)
	}
	return code, &d
}

// framing diff on real runs of the seed event: two runs of the
// same corpus (with different worker counts) are the same; an edited
// article is provenance, moves its outlet's rates and adds its hit; a field
// gone from report.json breaks the contract; --fail-on and the tolerances
// decide the exit code.
func TestDiffCommand(t *testing.T) {
	corpusDir := seedCorpusCopy(t)
	a := reportOf(t, corpusDir, "--workers", "1")
	b := reportOf(t, corpusDir, "--workers", "3")
	if code, d := diffJSON(t, a, b); code != 0 || d.Level != reports.LevelSame || len(d.Rates)+d.Hits.Added+d.Hits.Removed != 0 {
		t.Errorf("two runs of one corpus: exit %d, %+v", code, d)
	}
	if code, stdout, _ := runCLI(t, "diff", a, filepath.Join(b, "report.json")); code != 0 || !strings.Contains(stdout, "The reports agree") {
		t.Errorf("text diff of equal reports: exit %d\n%s", code, stdout)
	}

	// Edit the Wikipedia article: one more sentence, critics' loaded word
	// reported in it ("called ... a massacre": attributed).
	wiki := filepath.Join(corpusDir, "pti-final-call-islamabad-2024", "wikipedia-final-call-protest-pti-islamabad-november-2024.md")
	if _, err := os.Stat(wiki); err != nil {
		matches, _ := filepath.Glob(filepath.Join(corpusDir, "pti-final-call-islamabad-2024", "wikipedia*.md"))
		if len(matches) != 1 {
			t.Fatalf("no Wikipedia article: %v", matches)
		}
		wiki = matches[0]
	}
	body, err := os.ReadFile(wiki)
	if err != nil {
		t.Fatal(err)
	}
	added := "\n\nCritics called the crackdown a massacre of unarmed marchers.\n"
	if err := os.WriteFile(wiki, append(body, added...), 0o644); err != nil {
		t.Fatal(err)
	}
	c := reportOf(t, corpusDir)
	code, d := diffJSON(t, a, c)
	if code != 1 || d.Level != reports.LevelProvenance || len(d.Articles.Edited) != 1 || len(d.Articles.Added)+len(d.Articles.Removed) != 0 {
		t.Fatalf("edited article: exit %d, level %s, articles %+v", code, d.Level, d.Articles)
	}
	found := false
	for _, k := range d.Hits.AddedList {
		found = found || k.Text == "massacre" && k.Field == "body" && k.Article == d.Articles.Edited[0] && k.Voice == "attributed"
	}
	if !found {
		t.Errorf("the added massacre is not among the added hits: %+v", d.Hits.AddedList)
	}
	moved := false
	for _, r := range d.Rates {
		if r.Outlet != "Wikipedia" || r.Event == "" && r.Measure == "loaded_per_1k" {
			continue
		}
		moved = moved || r.Measure == "loaded_per_1k"
	}
	if !moved {
		t.Errorf("Wikipedia's loaded rate did not move: %+v", d.Rates)
	}
	for _, r := range d.Rates {
		if r.Outlet == "World Socialist Web Site" {
			t.Errorf("an outlet whose article did not change moved: %+v", r)
		}
	}
	if code, _, _ := runCLI(t, "diff", "--fail-on", "contract", a, c); code != 0 {
		t.Errorf("--fail-on contract with only provenance and drift: exit %d", code)
	}
	if code, _, _ := runCLI(t, "diff", "--fail-on", "provenance", a, c); code != 1 {
		t.Errorf("--fail-on provenance with an edited article: exit %d", code)
	}
	if _, d := diffJSON(t, "--rtol", "10", "--atol", "0.5", a, c); len(d.Rates) != 0 || d.Level != reports.LevelProvenance {
		t.Errorf("rtol 10, atol 0.5 still list %d rates (level %s)", len(d.Rates), d.Level)
	}
	if code, stdout, _ := runCLI(t, "diff", "--format", "md", a, c); code != 1 || !strings.Contains(stdout, "## framing diff: provenance") || !strings.Contains(stdout, "| event | outlet |") {
		t.Errorf("markdown diff: exit %d\n%s", code, stdout)
	}

	// A field gone from report.json: error: the contract broke.
	raw, err := os.ReadFile(filepath.Join(a, "report.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	for _, o := range m["outlets"].([]any) {
		delete(o.(map[string]any), "authorial_per_1k_ci")
	}
	broken, _ := json.MarshalIndent(m, "", "  ")
	bdir := t.TempDir()
	if err := os.WriteFile(filepath.Join(bdir, "report.json"), broken, 0o644); err != nil {
		t.Fatal(err)
	}
	code, d = diffJSON(t, "--fail-on", "contract", a, bdir)
	if code != 1 || d.Level != reports.LevelContract || len(d.Contract) != 1 || !strings.Contains(d.Contract[0], "outlets[].authorial_per_1k_ci: gone") {
		t.Errorf("a field removed: exit %d, level %s, contract %q", code, d.Level, d.Contract)
	}
	// Added fields are how the contract grows: the other way is no break.
	if _, d := diffJSON(t, bdir, a); len(d.Contract) != 0 {
		t.Errorf("a field added counts as a break: %q", d.Contract)
	}

	for _, args := range [][]string{{"diff", a}, {"diff", "--fail-on", "nothing", a, b}, {"diff", a, filepath.Join(a, "nope")}, {"diff", "--rtol", "-1", a, b}} {
		if code, _, _ := runCLI(t, args...); code != 2 {
			t.Errorf("%q: exit %d, want 2", args, code)
		}
	}
}

// One article of a new outlet in a new event: the event and the outlet are
// listed as added, not as rates that moved; the new event, which inherits
// the shared gazetteer, is no gazetteer change; what moved is grouped by
// outlet, the largest move first; the text stays short.
func TestDiffOfAnAddedArticle(t *testing.T) {
	corpusDir := seedCorpusCopy(t)
	old := reportOf(t, corpusDir)
	if code, _, stderr := runCLI(t, "add", "../../corpus/testdata/article.txt", "--outlet", "Example Wire", "--event", "capital-march-2024",
		"--published", "2024-11-26", "--corpus", corpusDir); code != 0 {
		t.Fatal(stderr)
	}
	newer := reportOf(t, corpusDir)
	_, d := diffJSON(t, old, newer)
	if d.Level != reports.LevelProvenance || len(d.Articles.Added) != 1 || len(d.Events.Added) != 1 || d.Events.Added[0] != "capital-march-2024" {
		t.Errorf("level %s, articles %+v, events %+v", d.Level, d.Articles, d.Events)
	}
	want := []reports.OutletPresence{{Event: "", Outlet: "Example Wire", Change: "added"}}
	if len(d.Outlets) != 1 || d.Outlets[0] != want[0] {
		t.Errorf("outlets %+v, want %+v", d.Outlets, want)
	}
	for _, r := range d.Rates {
		if r.Outlet == "Example Wire" || r.Event == "capital-march-2024" {
			t.Errorf("a rate of the new outlet or event listed as moved: %+v", r)
		}
	}
	for _, c := range d.Provenance {
		if strings.HasPrefix(c.What, "gazetteer") {
			t.Errorf("gazetteer change reported: %+v", c)
		}
	}
	for i := 1; i < len(d.Rates); i++ {
		a, b := d.Rates[i-1], d.Rates[i]
		if a.Event == b.Event && a.Outlet == b.Outlet && abs(float64(b.New-b.Old)) > abs(float64(a.New-a.Old))+1e-9 {
			t.Errorf("rates of %s not largest move first: %+v before %+v", a.Outlet, a, b)
		}
	}
	_, text, _ := runCLI(t, "diff", old, newer)
	if n := strings.Count(text, "\n"); n > 20 {
		t.Errorf("the diff of one added article is %d lines:\n%s", n, text)
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}
