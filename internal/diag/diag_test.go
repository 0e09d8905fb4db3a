package diag

import "testing"

func TestFormat(t *testing.T) {
	for _, tt := range []struct {
		d    *Diagnostic
		want string
	}{
		{Errorf("corpus/ev/a.md", 3, "article", "front matter %s", "never closes"), "corpus/ev/a.md:3: error: front matter never closes"},
		{Warningf("corpus/ev/a.md", 0, "article", "unknown field"), "corpus/ev/a.md: warning: unknown field"},
		{&Diagnostic{Path: "x.dic", Line: 7, Column: 12, Message: "tab expected"}, "x.dic:7:12: error: tab expected"},
		{&Diagnostic{Path: "x.dic", Column: 12, Message: "no line, no column"}, "x.dic: error: no line, no column"},
	} {
		if got := tt.d.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
	}
	if ParseSeverity(Warning.String()) != Warning || ParseSeverity(Error.String()) != Error {
		t.Error("ParseSeverity does not invert String")
	}
}

func TestSort(t *testing.T) {
	ds := []*Diagnostic{
		{Path: "b", Line: 1, Message: "1"},
		{Path: "a", Line: 2, Column: 5, Message: "2"},
		{Path: "a", Line: 2, Column: 1, Message: "3"},
		{Path: "a", Line: 0, Message: "4"},
		{Path: "a", Line: 2, Column: 1, Message: "5"},
	}
	Sort(ds)
	got := ""
	for _, d := range ds {
		got += d.Message
	}
	if got != "43521" {
		t.Errorf("sorted %s, want 43521 (path, line, column; stable)", got)
	}
}
