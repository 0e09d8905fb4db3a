package reports

import (
	"bytes"
	"encoding/json"
	"io"
	"math"
	"strings"
	"testing"
)

func TestFloatJSON(t *testing.T) {
	tests := []struct {
		in   Float
		want string
	}{
		{0.1234567, "0.123457"},
		{187.5, "187.5"},
		{Float(math.NaN()), "null"},
		{Float(math.Inf(1)), "null"},
		{-0.0000001, "0"},
		{3, "3"},
	}
	for _, tt := range tests {
		b, err := json.Marshal(tt.in)
		if err != nil || string(b) != tt.want {
			t.Errorf("Marshal(%v) = %s, %v; want %s", float64(tt.in), b, err, tt.want)
		}
	}
	var f Float
	if err := json.Unmarshal([]byte("null"), &f); err != nil || f == f {
		t.Errorf("null -> %v, %v; want NaN", f, err)
	}
}

func sampleReport() *Report {
	return &Report{
		Schema:     Schema,
		Generator:  Generator{"framing", "test"},
		Corpus:     CorpusInfo{Articles: 1, Tokens: 10, Events: []string{"ev"}},
		Lexicons:   []LexiconInfo{{Name: "small", Version: "1", SHA256: strings.Repeat("a", 64), Licence: "MIT", Entries: 3}},
		Categories: []CategoryInfo{{ID: "small/violence", Label: "Violence", Kind: "loaded", Lexicon: "small"}},
		Outlets: []Outlet{{Outlet: "The <b>|Pipe|</b> Times", Articles: 1, Tokens: 10, LoadedPer1k: 100,
			Categories: map[string]CategoryStat{"small/violence": {Kind: "loaded", Hits: 1, Per1k: 100}}}},
		Hits: []Hit{{Article: "a", Outlet: "The <b>|Pipe|</b> Times", Term: "massacre", Category: "small/violence",
			Text: "massacre", Context: "A massacre <script>alert(1)</script>", ContextOffset: 2, Field: "body", Voice: "quoted"}},
		Comparison: Comparison{Outlets: []string{"The <b>|Pipe|</b> Times"}, Cosine: [][]Float{{1}}, JSD: [][]Float{{0}}},
	}
}

func TestJSONRoundTrip(t *testing.T) {
	var b bytes.Buffer
	r := sampleReport()
	if err := WriteJSON(&b, r); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `"context": "A massacre <script>alert(1)</script>"`) {
		t.Error("JSON should keep text verbatim, not HTML-escape it")
	}
	back, err := ReadJSON(&b)
	if err != nil {
		t.Fatal(err)
	}
	var again bytes.Buffer
	WriteJSON(&again, back)
	var first bytes.Buffer
	WriteJSON(&first, r)
	if first.String() != again.String() {
		t.Error("JSON does not survive a round trip")
	}
}

// encodingJSON is v as encoding/json writes it with report.json's settings.
func encodingJSON(t *testing.T, v any) string {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// WriteJSON streams field by field, and must still give exactly the bytes
// encoding/json gives for the whole report.
func TestWriteJSONIsEncodingJSON(t *testing.T) {
	for _, r := range []*Report{sampleReport(), {Schema: Schema}} {
		var got bytes.Buffer
		if err := WriteJSON(&got, r); err != nil {
			t.Fatal(err)
		}
		if want := encodingJSON(t, r); got.String() != want {
			t.Errorf("WriteJSON differs from encoding/json:\n%s\nwant:\n%s", got.String(), want)
		}
	}
}

// writeObjectJSON writes what encoding/json writes for the struct shapes a
// report can take (a field added to Report later is covered here), and
// refuses the ones it would write differently.
func TestWriteObjectJSONFollowsEncodingJSON(t *testing.T) {
	type row struct {
		A string `json:"a"`
		B []int  `json:"b,omitempty"`
	}
	type object struct {
		Plain     int
		Named     string            `json:"named"`
		Skipped   string            `json:"-"`
		hidden    int               // unexported: never written
		Empty     []string          `json:"empty,omitempty"`
		Kept      []string          `json:"kept,omitempty"`
		Zero      float64           `json:"zero,omitzero"`
		NilRows   []row             `json:"nil_rows"`
		NoRows    []row             `json:"no_rows"`
		Rows      []row             `json:"rows"`
		Map       map[string]int    `json:"map"`
		HTML      string            `json:"html"`
		Nested    map[string][]bool `json:"nested,omitempty"`
		Interface any               `json:"interface"`
	}
	for _, v := range []*object{
		{},
		{Plain: 1, Named: "n", Skipped: "s", hidden: 2, Kept: []string{"k"}, Zero: 0.5,
			NoRows: []row{}, Rows: []row{{A: "x"}, {A: "<y>", B: []int{1, 2}}},
			Map: map[string]int{"b": 2, "a": 1}, HTML: "<script>&", Nested: map[string][]bool{"t": {true}},
			Interface: []any{"z", 1.5}},
	} {
		var got bytes.Buffer
		if err := writeObjectJSON(&got, v); err != nil {
			t.Fatal(err)
		}
		if want := encodingJSON(t, v); got.String() != want {
			t.Errorf("writeObjectJSON:\n%s\nencoding/json:\n%s", got.String(), want)
		}
	}
	var empty bytes.Buffer
	if err := writeObjectJSON(&empty, &struct{ x int }{}); err != nil || empty.String() != "{}\n" {
		t.Errorf("an object with no fields: %q, %v", empty.String(), err)
	}
	type Inner struct{ A int }
	if err := writeObjectJSON(io.Discard, &struct{ Inner }{}); err == nil {
		t.Error("an embedded struct was written; encoding/json would flatten it")
	}
	if err := writeObjectJSON(io.Discard, &struct {
		N int `json:"n,string"`
	}{}); err == nil {
		t.Error(`a ",string" field was written; encoding/json would quote it`)
	}
}
