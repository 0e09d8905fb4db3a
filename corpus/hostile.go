package corpus

import (
	"os"
	"path/filepath"
)

// WriteHostileCorpus writes, under dir/ev/, a small corpus of hostile inputs
// beside good articles: invalid UTF-8, UTF-16 with a byte order mark, CRLF
// line endings (valid), NUL bytes, an empty file, a 50 MB file, a binary
// file, front matter that never closes, YAML with tabs, a duplicate id and an
// unknown field (valid, with a warning). Tests of every layer use it; it is
// exported for them and for anyone testing a framing deployment.
func WriteHostileCorpus(dir string) error {
	ev := filepath.Join(dir, "ev")
	if err := os.MkdirAll(ev, 0o755); err != nil {
		return err
	}
	head := func(id string) string {
		return "---\nid: " + id + "\noutlet: Hostile Times\nevent: ev\ntitle: A test\n---\n"
	}
	files := map[string]string{
		"good.md":          head("good") + "Police fired live ammunition at the crowd, witnesses said.\n",
		"crlf.md":          "---\r\nid: crlf\r\noutlet: CRLF Daily\r\nevent: ev\r\ntitle: Windows lines\r\n---\r\nThe massacre was denied.\r\nA second line.\r\n",
		"invalid-utf8.md":  head("bad-utf8") + "Bad byte \xff here.\n",
		"utf16.md":         "\xff\xfe-\x00-\x00-\x00\n\x00",
		"nul.md":           head("nul") + "Text\x00more.\n",
		"empty.md":         "",
		"binary.md":        "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
		"never-closes.md":  "---\nid: open\noutlet: O\nevent: ev\ntitle: t\n\nBody that is never reached.\n",
		"tabs.md":          "---\nid: tabs\noutlet: O\n\tevent: ev\ntitle: t\n---\nBody.\n",
		"dup-a.md":         head("dup") + "First of two files with one id.\n",
		"dup-b.md":         head("dup") + "Second of two files with one id.\n",
		"unknown-field.md": "---\nid: unknown-field\noutlet: Hostile Times\nevent: ev\ntitle: A test\nmood: grim\n---\nBody with an extra field.\n",
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(ev, name), []byte(content), 0o644); err != nil {
			return err
		}
	}
	// 50 MB, sparse: costs nothing on disk, and the loader must not read it.
	f, err := os.Create(filepath.Join(ev, "huge.md"))
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Truncate(50 << 20)
}
