package reports

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"
)

// The packed index must give back every hit's span, strings and line
// length exactly: the digest fetches lines at the offsets it adds up.
func TestRecordIndexUnpack(t *testing.T) {
	hit := func(term, cat, field string, start, end int) Hit {
		return Hit{Article: "a1", Outlet: "o", Term: term, Category: cat, Field: field, Start: start, End: end,
			Text: term, Context: "… " + term + " …"}
	}
	tests := []struct {
		name   string
		hits   []Hit
		quotes []Quote
	}{
		{"none", nil, nil},
		{"quotes only", nil, []Quote{{Article: "a1", Speaker: "Imran Khan", Cue: "said", Start: 10, End: 40}, {Article: "a1", Start: 90, End: 95}}},
		{"hits", []Hit{
			hit("massacre", "framing/violence", "body", 120, 128),
			hit("massacre", "framing/violence", "body", 4000, 4008),
			// The title's hits come with offsets into the title: a start
			// before the previous one.
			hit("crackdown", "framing/violence", "title", 3, 12),
			hit("reportedly", "hedges/hedge", "body", 0, 10),
			hit("Ünïcode “term”", "framing/violence", "body", 70000, 70019),
		}, []Quote{{Article: "a1", Cue: "said"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := EncodeRecords("a1", "o", tt.hits, tt.quotes, nil, nil)
			if err != nil {
				t.Fatal(err)
			}
			spans, lens, err := e.Index.Unpack(nil, nil)
			if err != nil {
				t.Fatal(err)
			}
			hitLines := bytes.SplitAfter(e.Lines[0], []byte("\n"))
			quoteLines := bytes.SplitAfter(e.Lines[1], []byte("\n"))
			if len(spans) != len(tt.hits) || len(lens) != len(tt.quotes) {
				t.Fatalf("unpacked %d hits, %d quotes; want %d, %d", len(spans), len(lens), len(tt.hits), len(tt.quotes))
			}
			for i, h := range tt.hits {
				want := HitSpan{h.Term, h.Category, h.Field, h.Start, h.End, int32(len(hitLines[i]))}
				if spans[i] != want {
					t.Errorf("hit %d = %+v, want %+v", i, spans[i], want)
				}
			}
			for i := range tt.quotes {
				if int(lens[i]) != len(quoteLines[i]) {
					t.Errorf("quote %d line length = %d, want %d", i, lens[i], len(quoteLines[i]))
				}
			}
			// Unpacking appends: the digest reuses its slices.
			again, _, err := e.Index.Unpack(spans, nil)
			if err != nil || len(again) != 2*len(spans) || !reflect.DeepEqual(again[len(spans):], spans) {
				t.Errorf("second unpack onto the first: %d spans, %v", len(again), err)
			}
		})
	}
}

// A damaged index is an error, never a panic or a wrong span.
func TestRecordIndexUnpackDamaged(t *testing.T) {
	hits := []Hit{{Term: "massacre", Category: "framing/violence", Field: "body", Start: 5, End: 13},
		{Term: "terrorists", Category: "framing/othering", Field: "body", Start: 50, End: 60}}
	e, err := EncodeRecords("a1", "o", hits, []Quote{{Cue: "said"}}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	full := e.Index
	for n := 0; n < len(full.Spans); n++ {
		cut := full
		cut.Spans = full.Spans[:n]
		if _, _, err := cut.Unpack(nil, nil); !errors.Is(err, errSpans) {
			t.Errorf("spans cut to %d of %d bytes: err = %v, want errSpans", n, len(full.Spans), err)
		}
	}
	more := full
	more.Counts[0]--
	if _, _, err := more.Unpack(nil, nil); !errors.Is(err, errSpans) {
		t.Errorf("bytes left over: err = %v, want errSpans", err)
	}
	// The first hit's term: the byte after the table of 5 strings.
	bad := full
	bad.Spans = bytes.Clone(full.Spans)
	at := 1
	for _, str := range []string{"massacre", "framing/violence", "body", "terrorists", "framing/othering"} {
		at += 1 + len(str)
	}
	if bad.Spans[at] != 0 {
		t.Fatalf("byte %d = %d, not the first term's id: the layout changed", at, bad.Spans[at])
	}
	bad.Spans[at] = 5 // past the table
	if _, _, err := bad.Unpack(nil, nil); !errors.Is(err, errSpans) {
		t.Errorf("a string id past the table: err = %v, want errSpans", err)
	}
}

// The index the writer passes must describe what was written: one article
// short, the digest would fetch the wrong lines.
func TestAttachRecordsChecksTheIndex(t *testing.T) {
	rf, err := NewRecordFiles(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer rf.Discard()
	var index []RecordIndex
	for _, id := range []string{"a1", "a2"} {
		e, err := EncodeRecords(id, "o", []Hit{{Article: id, Term: "massacre", Category: "framing/violence", Field: "body", Start: 1, End: 9}}, nil, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		if err := rf.WriteEncoded(e); err != nil {
			t.Fatal(err)
		}
		index = append(index, e.Index)
	}
	if err := (&Report{}).AttachRecords(rf, index[:1]); err == nil || !strings.Contains(err.Error(), "hits.jsonl") {
		t.Errorf("an index one article short: err = %v, want one naming hits.jsonl", err)
	}
	r := &Report{}
	if err := r.AttachRecords(rf, index); err != nil {
		t.Fatal(err)
	}
	if r.Records.Counts[RecordHits] != 2 || r.Records.Inline {
		t.Errorf("records = %+v, want 2 hits written apart", r.Records)
	}
}
