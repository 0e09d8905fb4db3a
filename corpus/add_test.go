package corpus

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"
)

func readFixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func listFiles(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			b, _ := os.ReadFile(p)
			out[p] = string(b)
		}
		return nil
	})
	return out
}

func TestAddHTML(t *testing.T) {
	dir := t.TempDir()
	res, err := Add(dir, AddRequest{Name: "article.html", Data: readFixture(t, "article.html"), Outlet: "The Daily Example", Event: "capital-march-2024"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(dir, "capital-march-2024", "the-daily-example-police-fire-tear-gas-at-protesters-in-capital.md"); res.Path != want {
		t.Errorf("path %s, want %s", res.Path, want)
	}
	a, probs := Read(res.Path, 0)
	if a == nil {
		t.Fatalf("the written article does not load: %v", probs)
	}
	if a.Title != "Police fire tear gas at protesters in capital" || a.Published != "2024-11-26" || a.Authors[0] != "A. Reporter" {
		t.Errorf("title, date or byline not taken from the page: %+v", a)
	}
	if strings.Contains(a.Body, "trackPageView") || strings.Contains(a.Body, "<p>") || !strings.Contains(a.Body, "“brutal crackdown”") {
		t.Errorf("body is not the page's main text:\n%s", a.Body)
	}
}

func TestAddTextTakesTitleFromFirstLine(t *testing.T) {
	dir := t.TempDir()
	res, err := Add(dir, AddRequest{Name: "article.txt", Data: readFixture(t, "article.txt"), Outlet: "Example Wire", Event: "capital-march-2024", Published: "2024-11-26"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	a, _ := Read(res.Path, 0)
	if a.Title != "Thousands rally in the capital as police block roads" || a.ID != "example-wire-thousands-rally-in-the-capital-as-police-block" {
		t.Errorf("title %q id %q", a.Title, a.ID)
	}
}

// A Markdown file's own front matter is kept verbatim, completed from flags;
// a flag that disagrees with it is reported, not applied.
func TestAddMarkdownKeepsFrontMatter(t *testing.T) {
	dir := t.TempDir()
	res, err := Add(dir, AddRequest{Name: "article.md", Data: readFixture(t, "article.md"), Outlet: "Another Outlet", Event: "capital-march-2024"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(res.Path)
	if !strings.HasPrefix(string(b), "---\ntitle: \"Marchers reach the square\"\noutlet: The Weekly Example\nmood: tense\n") {
		t.Errorf("front matter not kept verbatim:\n%s", b)
	}
	if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], `outlet: keeping "The Weekly Example" from the front matter`) {
		t.Errorf("warnings %v", res.Warnings)
	}
	a, probs := Read(res.Path, 0)
	if a == nil || a.Event != "capital-march-2024" || a.Outlet != "The Weekly Example" {
		t.Errorf("article %+v, problems %v", a, probs)
	}
}

// UTF-16, a byte order mark, CRLF and decomposed accents all become the same
// normalised UTF-8 text.
func TestAddNormalises(t *testing.T) {
	text := "\ufeffCafe\u0301 protest\r\nSecond line\r\n"
	u := utf16.Encode([]rune(text))
	data := []byte{0xff, 0xfe}
	for _, c := range u {
		data = append(data, byte(c), byte(c>>8))
	}
	dir := t.TempDir()
	res, err := Add(dir, AddRequest{Name: "utf16.txt", Data: data, Outlet: "O", Event: "e"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	a, _ := Read(res.Path, 0)
	if a.Body != "Café protest\nSecond line\n" || a.Title != "Café protest" {
		t.Errorf("body %q title %q", a.Body, a.Title)
	}
}

func TestAddRefusesDuplicatesWithoutTouchingTheCorpus(t *testing.T) {
	dir := t.TempDir()
	req := AddRequest{Name: "article.txt", Data: readFixture(t, "article.txt"), Outlet: "Example Wire", Event: "capital-march-2024"}
	if _, err := Add(dir, req, nil); err != nil {
		t.Fatal(err)
	}
	loaded, _, _ := Load(dir, 0)
	existing := NewAddIndex(loaded)
	before := listFiles(t, dir)
	// The same text again, under another outlet and title: refused.
	req2 := req
	req2.Outlet, req2.Title = "Copy Cat", "Another title"
	_, err := Add(dir, req2, existing)
	if !errors.Is(err, ErrDuplicate) || !strings.Contains(err.Error(), "example-wire-thousands-rally") {
		t.Errorf("err = %v, want a duplicate naming the first article", err)
	}
	// The same file name again: refused, never overwritten.
	req3 := req
	req3.Data = append(readFixture(t, "article.txt"), []byte("\nA new last paragraph that changes the text.\n")...)
	_, err = Add(dir, req3, existing)
	if err == nil || !strings.Contains(err.Error(), "already exists; nothing was written") {
		t.Errorf("err = %v, want a refusal to overwrite", err)
	}
	after := listFiles(t, dir)
	if len(after) != len(before) {
		t.Fatalf("files %d -> %d", len(before), len(after))
	}
	for p, c := range before {
		if after[p] != c {
			t.Errorf("%s changed", p)
		}
	}
}

func TestAddWarnsOnNearDuplicates(t *testing.T) {
	dir := t.TempDir()
	base := strings.Repeat("Police fired tear gas at protesters who marched on the capital on Tuesday. ", 1) +
		"Opposition leaders described the response as a brutal crackdown and said at least three people had been injured in the clashes near the square. " +
		"Hospital officials could not immediately confirm the number of casualties, and the ministry denied that live ammunition had been used at any point."
	first, err := Add(dir, AddRequest{Name: "a.txt", Data: []byte("Headline one\n\n" + base), Outlet: "A", Event: "e"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Add(dir, AddRequest{Name: "b.txt", Data: []byte("Headline two\n\n" + base + " Updated at noon."), Outlet: "B", Event: "e"}, NewAddIndex([]*Article{first.Article}))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "near-duplicate of "+first.Path) {
		t.Errorf("warnings %v", res.Warnings)
	}
}

func TestAddRejectsBadInput(t *testing.T) {
	tests := []struct {
		name string
		req  AddRequest
		want string
	}{
		{"empty", AddRequest{Name: "e.txt", Data: nil, Outlet: "O", Event: "e"}, "e.txt: empty input (0 bytes)"},
		{"binary", AddRequest{Name: "b.txt", Data: []byte("PK\x03\x04\x00\x00"), Outlet: "O", Event: "e"}, "b.txt: NUL byte at offset 4: this looks like a binary file, not text"},
		{"invalid utf8", AddRequest{Name: "i.txt", Data: []byte("ok\nbad \xff\n"), Outlet: "O", Event: "e"}, "i.txt: invalid UTF-8 at offset 7 (line 2); save the file as UTF-8"},
		{"no outlet", AddRequest{Name: "n.txt", Data: []byte("Title\n\nBody."), Event: "e"}, "n.txt: no outlet: give --outlet (it is not in the document)"},
		{"bad event", AddRequest{Name: "n.txt", Data: []byte("Title\n\nBody."), Outlet: "O", Event: "Bad Event"}, `n.txt: event "Bad Event": use a slug`},
		{"bad date", AddRequest{Name: "n.txt", Data: []byte("Title\n\nBody."), Outlet: "O", Event: "e", Published: "yesterday"}, `n.txt: published "yesterday": use a date`},
		{"bad format", AddRequest{Name: "n.pdf", Data: []byte("x"), Format: "pdf", Outlet: "O", Event: "e"}, `n.pdf: format "pdf": want txt, md or html`},
		// what report would refuse, add refuses.
		{"too big", AddRequest{Name: "big.txt", Data: []byte(strings.Repeat("word ", 100)), Outlet: "O", Event: "e", MaxBytes: 100}, "big.txt: 500 bytes, over the 100-byte limit"},
		{"bad front matter", AddRequest{Name: "f.md", Data: []byte("---\ntitle: [unclosed\n---\nBody.\n"), Outlet: "O", Event: "e"}, "f.md:2: error: front matter:"},
	}
	for _, tt := range tests {
		_, err := Add(t.TempDir(), tt.req, nil)
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want %q", tt.name, err, tt.want)
		}
	}
}

// a Markdown file whose front matter has a field with no value
// gets the value on that field's own line: no key is written twice, and
// the article add wrote is one report and check accept.
func TestAddFillsEmptyFrontMatterFieldsInPlace(t *testing.T) {
	dir := t.TempDir()
	src := "---\ntitle:\noutlet: \"\"\nevent: e\nnote: kept as written  # a comment\n---\nPolice cleared the square.\n"
	res, err := Add(dir, AddRequest{Name: "a.md", Data: []byte(src), Outlet: "The Outlet", Title: "Square cleared"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(res.Path)
	want := "---\ntitle: \"Square cleared\"\noutlet: \"The Outlet\"\nevent: e\nnote: kept as written  # a comment\nid: "
	if !strings.HasPrefix(string(b), want) || strings.Count(string(b), "title:") != 1 || strings.Count(string(b), "outlet:") != 1 {
		t.Errorf("written:\n%s\nwant it to start:\n%s", b, want)
	}
	a, probs := Read(res.Path, 0)
	if a == nil || a.Title != "Square cleared" || a.Outlet != "The Outlet" {
		t.Fatalf("the article add wrote does not load: %v %+v", probs, a)
	}
	for _, p := range probs {
		if p.Severity != Warning {
			t.Errorf("check would reject it: %v", p)
		}
	}
}

// zero-width characters go, so they hide no loaded word.
func TestAddRemovesZeroWidthCharacters(t *testing.T) {
	dir := t.TempDir()
	res, err := Add(dir, AddRequest{Name: "z.txt", Data: []byte("A mas\u200bsac\u200dre\ufeff in the square\n\nIt was a mas\u2060sacre."), Outlet: "O", Event: "e"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	a, _ := Read(res.Path, 0)
	if a.Title != "A massacre in the square" || a.Body != "A massacre in the square\n\nIt was a massacre.\n" {
		t.Errorf("title %q body %q", a.Title, a.Body)
	}
}

// Files added together are compared with each other: the second of two
// copies is refused, and an id is never taken twice.
func TestAddIndexGrowsWithWhatItAdds(t *testing.T) {
	dir := t.TempDir()
	idx := NewAddIndex(nil)
	req := AddRequest{Name: "a.txt", Data: []byte("Headline\n\nPolice fired tear gas.\n"), Outlet: "O", Event: "e", ID: "same-id"}
	if _, err := Add(dir, req, idx); err != nil {
		t.Fatal(err)
	}
	if _, err := Add(dir, req, idx); !errors.Is(err, ErrDuplicate) {
		t.Errorf("the same text twice in one add: %v", err)
	}
	other := req
	other.Data, other.Title = []byte("Other\n\nA different text entirely.\n"), "Other"
	if _, err := Add(dir, other, idx); err == nil || !strings.Contains(err.Error(), `id "same-id" is already used`) {
		t.Errorf("the same id twice in one add: %v", err)
	}
}

// Adding into a new event writes its event.yaml (title from the flag or the
// headline, date from the article) and says so; an event.yaml that exists
// is never touched; check warns about an event without one.
func TestAddWritesEventInfoForANewEvent(t *testing.T) {
	dir := t.TempDir()
	res, err := Add(dir, AddRequest{Name: "article.txt", Data: readFixture(t, "article.txt"), Outlet: "Example Wire", Event: "capital-march-2024", Published: "2024-11-26"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.EventFile != filepath.Join(dir, "capital-march-2024", EventFile) {
		t.Fatalf("event file %q", res.EventFile)
	}
	info, probs := LoadEventInfo(dir, "capital-march-2024")
	if len(probs) > 0 || info.Title != "Thousands rally in the capital as police block roads" || info.Date != "2024-11-26" {
		t.Errorf("event.yaml: %+v %v", info, probs)
	}
	if p := MissingEventInfo(dir, "capital-march-2024"); p != nil {
		t.Errorf("check still warns: %v", p)
	}
	// A second article into the same event leaves the file as it is.
	os.WriteFile(res.EventFile, []byte("title: \"A march on the capital\"\n"), 0o644)
	res2, err := Add(dir, AddRequest{Name: "article.md", Data: readFixture(t, "article.md"), Outlet: "Another Outlet", Event: "capital-march-2024", EventTitle: "ignored"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(res.EventFile); res2.EventFile != "" || string(b) != "title: \"A march on the capital\"\n" {
		t.Errorf("the existing event.yaml was touched: %q (%q)", b, res2.EventFile)
	}
	// --event-title names a new event; a quote in it stays a quote.
	res3, err := Add(dir, AddRequest{Name: "x.txt", Data: []byte("A headline\n\nSome text about a \"final call\" march.\n"), Outlet: "Wire", Event: "final-call", EventTitle: `PTI "Final Call" march`}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if info, probs := LoadEventInfo(dir, "final-call"); len(probs) > 0 || info.Title != `PTI "Final Call" march` || info.Date != "" || res3.EventFile == "" {
		t.Errorf("event.yaml from --event-title: %+v %v", info, probs)
	}
	os.Remove(res3.EventFile)
	if p := MissingEventInfo(dir, "final-call"); p == nil || p.Severity != Warning || !strings.Contains(p.Error(), "event.yaml") {
		t.Errorf("an event without event.yaml: %v", p)
	}
}
