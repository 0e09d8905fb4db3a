package corpus

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const seedEvent = "pti-final-call-islamabad-2024"

// The seed articles are shipped with their text exactly as given, headings
// and blank lines included: every offset framing reports depends on it.
func TestShippedSeedsKeepTheirTextExactly(t *testing.T) {
	arts, probs, err := Load(".", 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range probs {
		t.Errorf("shipped corpus problem: %v", p)
	}
	byOutlet := map[string]*Article{}
	for _, a := range arts {
		if a.Event == seedEvent {
			byOutlet[a.Outlet] = a
		}
	}
	for outlet, file := range map[string]string{"Wikipedia": "wikipedia.txt", "World Socialist Web Site": "wsws.txt"} {
		want, err := os.ReadFile(filepath.Join("testdata", "seeds", file))
		if err != nil {
			t.Fatal(err)
		}
		a := byOutlet[outlet]
		if a == nil {
			t.Fatalf("no %s article in event %s", outlet, seedEvent)
		}
		if a.Body != string(want) {
			t.Errorf("%s: body differs from testdata/seeds/%s", outlet, file)
		}
	}
	wsws := byOutlet["World Socialist Web Site"]
	if wsws.Published != "2024-11-29" || strings.Join(wsws.Authors, ";") != "V. Gnana;Alex Lantier" {
		t.Errorf("wsws metadata: %+v", wsws)
	}
	if len(arts) < 20 {
		t.Errorf("shipped corpus has %d articles; want the 2 seeds and the 24 eval articles", len(arts))
	}
}

func TestParseValidArticle(t *testing.T) {
	src := "---\nid: a1\noutlet: Daily\nevent: ev-1\ntitle: A title\nauthors: One Writer\n---\nBody line.\n"
	a, probs := Parse("a.md", []byte(src), 0)
	if a == nil || len(probs) != 0 {
		t.Fatalf("Parse: %v %v", a, probs)
	}
	if a.Body != "Body line.\n" || a.BodyLine != 8 || a.Language != "en" || a.Authors[0] != "One Writer" {
		t.Errorf("got %+v", a)
	}
}

func TestParseProblems(t *testing.T) {
	const head = "---\nid: a1\noutlet: Daily\nevent: ev-1\ntitle: T\n"
	tests := []struct {
		name string
		data string
		want string // the whole first problem
		ok   bool   // the article is still usable (warnings only)
	}{
		{"empty", "", "x.md: error: empty file (0 bytes)", false},
		{"no front matter", "Just text.\n", "x.md:1: error: no front matter: the first line must be --- (then id, outlet, event, title, then ---)", false},
		{"never closes", "---\nid: a\ntitle: b\n\nBody text\n", "x.md:1: error: front matter opened on line 1 never closes: add a line --- after the last field", false},
		{"missing title", "---\nid: a1\noutlet: O\nevent: e\n---\nBody\n", `x.md:1: error: front matter is missing required field "title"`, false},
		{"empty id", "---\nid: \"\"\noutlet: O\nevent: e\ntitle: t\n---\nBody\n", `x.md:2: error: required field "id" is empty`, false},
		{"bad yaml", "---\nid: a1\noutlet: [O\nevent: e\ntitle: t\n---\nBody\n", "x.md:3: error: front matter: did not find expected ',' or ']'", false},
		{"tab indent", "---\nid: a1\n\toutlet: O\n---\nBody\n", "x.md:3: error: front matter: found a tab character that violates indentation", false},
		{"type error", "---\nid: a1\noutlet: O\nevent: e\ntitle: [a, b]\n---\nBody\n", "x.md:5: error: front matter: field title: cannot unmarshal !!seq into string", false},
		// A value reached through an alias is the field that used it, not
		// the (ignored) field that anchored it.
		{"type error through an alias", "---\nid: a1\nnotes: &n [[a], [b]]\noutlet: O\nevent: e\ntitle: t\nauthors: *n\n---\nBody\n",
			"x.md:7: error: front matter: field authors, through alias *n (anchored on line 3): cannot unmarshal !!seq into string", false},
		{"empty body", head + "---\n \n\n", "x.md:7: error: empty body: there is no text after the front matter", false},
		{"bad date", head + "published: last tuesday\n---\nBody\n", `x.md:6: error: published "last tuesday": use a date like 2024-11-29`, false},
		{"bad event", "---\nid: a1\noutlet: O\nevent: My Event\ntitle: t\n---\nBody\n", `x.md:4: error: event "My Event": use a slug of lower-case letters, digits and '-' (it names a folder)`, false},
		{"not english", head + "language: fr\n---\nBody\n", `x.md:6: error: language "fr": framing's tokenizer, tagger and lexicons are English only`, false},
		{"duplicate key", head + "title: again\n---\nBody\n", `x.md:6: error: field "title" appears twice in the front matter`, false},
		{"nul byte", head + "---\nBo\x00dy\n", "x.md:7: error: NUL byte at offset 52: this looks like a binary file, not text", false},
		{"invalid utf8", head + "---\nBody \xff here\n", "x.md:7: error: invalid UTF-8 at offset 55 (byte 0xff); save the file as UTF-8", false},
		{"utf16", "\xff\xfe-\x00-\x00-\x00", "x.md:1: error: file is UTF-16 (byte order mark fffe); framing reads UTF-8: convert it, e.g. with `framing add`", false},
		{"unknown field", head + "mood: grim\n---\nBody\n", `x.md:6: warning: unknown front-matter field "mood" (known: id, outlet, event, title, published, url, authors, language, outlet_kind, bias, source, licence); it is ignored`, true},
		{"crlf and bom", "\xef\xbb\xbf---\r\nid: a1\r\noutlet: O\r\nevent: e\r\ntitle: t\r\n---\r\nBody\r\n", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, probs := Parse("x.md", []byte(tt.data), 0)
			if (a != nil) != tt.ok {
				t.Errorf("article usable = %v, want %v (problems %v)", a != nil, tt.ok, probs)
			}
			if tt.want == "" {
				if len(probs) != 0 {
					t.Errorf("unexpected problems %v", probs)
				}
				return
			}
			if len(probs) == 0 {
				t.Fatalf("no problem, want %q", tt.want)
			}
			// The wanted problem is among them (an ignored field's warning
			// may come first).
			var got []string
			for _, p := range probs {
				got = append(got, p.Error())
			}
			if !slices.Contains(got, tt.want) {
				t.Errorf("problems\n got %s\nwant %s", strings.Join(got, "\n     "), tt.want)
			}
		})
	}
}

func TestParseRejectsFilesOverTheLimit(t *testing.T) {
	big := "---\nid: a\noutlet: O\nevent: e\ntitle: t\n---\n" + strings.Repeat("word ", 1000)
	_, probs := Parse("big.md", []byte(big), 1024)
	if len(probs) != 1 || !strings.Contains(probs[0].Error(), "big.md: error: file is 4.9 KiB, over the 1.0 KiB limit for one article") {
		t.Errorf("problems = %v", probs)
	}
}

// A bad file is reported and skipped; the rest of the corpus loads. The first
// file (in path order) to claim an id keeps it.
func TestLoadSkipsBadFilesAndDuplicateIDs(t *testing.T) {
	dir := t.TempDir()
	write := func(rel, content string) {
		p := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	art := func(id string) string {
		return "---\nid: " + id + "\noutlet: O\nevent: ev\ntitle: t\n---\nSome text.\n"
	}
	write("ev/a.md", art("one"))
	write("ev/b.md", art("one"))
	write("ev/c.md", "---\nbroken\n")
	write("ev/d.md", art("two"))
	write("ev/notes.txt", "not an article")
	write("testdata/x.md", "not an event")
	write("README.md", "not in an event folder")
	write("other/e.md", art("three"))

	arts, probs, err := Load(dir, 0)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, a := range arts {
		ids = append(ids, a.ID)
	}
	if strings.Join(ids, ",") != "one,two,three" {
		t.Errorf("ids = %v", ids)
	}
	var msgs []string
	for _, p := range probs {
		msgs = append(msgs, p.Error())
	}
	want := []string{
		filepath.Join(dir, "ev/b.md") + `:2: error: duplicate id "one": ` + filepath.Join(dir, "ev/a.md") + " already uses it; this file is skipped",
		filepath.Join(dir, "ev/c.md") + ":1: error: front matter opened on line 1 never closes: add a line --- after the last field",
		filepath.Join(dir, "other/e.md") + `: warning: event "ev" differs from its folder "other"; the front matter wins`,
	}
	if strings.Join(msgs, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(msgs, "\n"), strings.Join(want, "\n"))
	}
}

// links inside the corpus are followed, links out of it refused
// and named; nothing is skipped silently.
func TestListFollowsLinksInsideTheCorpusOnly(t *testing.T) {
	dir := t.TempDir()
	outside := t.TempDir()
	write := func(p, body string) {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(dir, "a", "one.md"), "x")
	write(filepath.Join(dir, "_store", "b", "two.md"), "x")
	write(filepath.Join(dir, "_store", "three.md"), "x")
	write(filepath.Join(outside, "four.md"), "x")
	write(filepath.Join(outside, "c", "five.md"), "x")
	link := func(target, name string) {
		if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
			t.Skip("no symbolic links here:", err)
		}
	}
	link(filepath.Join(dir, "_store", "b"), "b")                 // an event folder inside the corpus
	link(filepath.Join(dir, "_store", "three.md"), "a/three.md") // an article inside
	link(filepath.Join(outside, "four.md"), "a/four.md")         // an article outside
	link(filepath.Join(outside, "c"), "c")                       // an event folder outside
	link(filepath.Join(dir, "nowhere.md"), "a/gone.md")          // a link to nothing
	files, probs, err := List(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range files {
		rel, _ := filepath.Rel(dir, f)
		got = append(got, filepath.ToSlash(rel))
	}
	if strings.Join(got, " ") != "a/one.md a/three.md b/two.md" {
		t.Errorf("files %v", got)
	}
	var msgs []string
	for _, p := range probs {
		rel, _ := filepath.Rel(dir, p.Path)
		msgs = append(msgs, filepath.ToSlash(rel)+": "+p.Message)
	}
	all := strings.Join(msgs, "\n")
	for _, want := range []string{"a/four.md: symbolic link to", "outside the corpus: not followed", "c: symbolic link to", "a/gone.md: symbolic link to nothing"} {
		if !strings.Contains(all, want) {
			t.Errorf("problems lack %q:\n%s", want, all)
		}
	}
	if len(probs) != 3 {
		t.Errorf("%d problems, want 3:\n%s", len(probs), all)
	}
}

// An event folder that cannot be read is a problem of that folder; the
// other events are listed. (Root reads any folder, so this runs as a user.)
func TestListSkipsAnUnreadableEventFolder(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads folders whatever their mode")
	}
	dir := t.TempDir()
	for _, p := range []string{"a/one.md", "b/two.md"} {
		os.MkdirAll(filepath.Join(dir, filepath.Dir(p)), 0o755)
		os.WriteFile(filepath.Join(dir, p), []byte("x"), 0o644)
	}
	if err := os.Chmod(filepath.Join(dir, "b"), 0); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(filepath.Join(dir, "b"), 0o755)
	files, probs, err := List(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 1 || len(probs) != 1 || !strings.Contains(probs[0].Message, "event folder cannot be read") {
		t.Errorf("files %v problems %v", files, probs)
	}
}

// a field of the wrong type is named in its error.
func TestWrongTypeFieldIsNamed(t *testing.T) {
	_, probs := Parse("a.md", []byte("---\nid: x\noutlet: O\nevent: e\ntitle: [a, b]\n---\nBody.\n"), 0)
	if len(probs) == 0 || probs[0].Line != 5 || !strings.Contains(probs[0].Message, "field title:") {
		t.Errorf("problems %v", probs)
	}
}

// A duplicate id points at the id line of the file skipped and names the
// file that keeps it by its full path; links that point at each other are
// a loop, not a link to nothing.
func TestDuplicateIDAndLinkLoop(t *testing.T) {
	dir := t.TempDir()
	ev := filepath.Join(dir, "ev")
	os.MkdirAll(ev, 0o755)
	art := "---\noutlet: A\nevent: ev\nid: same\ntitle: T\n---\nBody.\n"
	os.WriteFile(filepath.Join(ev, "a.md"), []byte(art), 0o644)
	os.WriteFile(filepath.Join(ev, "b.md"), []byte(art), 0o644)
	os.Symlink("loop2.md", filepath.Join(ev, "loop1.md"))
	os.Symlink("loop1.md", filepath.Join(ev, "loop2.md"))
	_, probs, err := Load(dir, 0)
	if err != nil {
		t.Fatal(err)
	}
	var dup, loops int
	for _, p := range probs {
		msg := p.Error()
		switch {
		case strings.Contains(msg, "duplicate id"):
			dup++
			abs, _ := filepath.Abs(filepath.Join(ev, "a.md"))
			if p.Line != 4 || !strings.Contains(msg, abs) || !strings.HasSuffix(p.Path, "b.md") {
				t.Errorf("duplicate id: %v (line %d)", msg, p.Line)
			}
		case strings.Contains(msg, "in a loop"):
			loops++
		}
	}
	if dup != 1 || loops != 2 {
		t.Errorf("%d duplicate-id problems, %d loops: %v", dup, loops, probs)
	}
}
