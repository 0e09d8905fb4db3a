package reports

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// The packed index must give back every hit's span, strings and line
// length exactly: the digest fetches lines at the offsets it adds up.
func TestRecordIndexUnpack(t *testing.T) {
	n := 0
	hit := func(term, cat, field string, start, end int) Hit {
		n++ // every other hit counted: the flag travels in the index
		return Hit{Article: "a1", Outlet: "o", Term: term, Category: cat, Field: field, Start: start, End: end,
			Text: term, Context: "… " + term + " …", Counted: n%2 == 1}
	}
	agency := []AgencyEvent{
		{Article: "a1", Verb: "kill", Text: "were killed", Passive: true, Agentless: true}, // listed: agent left unnamed
		{Article: "a1", Verb: "fire", Text: "fired", Agent: "police", Patient: "pti"},      // listed
		{Article: "a1", Verb: "beat", Text: "beat"},                                        // names no one: not listed
	}
	tests := []struct {
		name   string
		hits   []Hit
		quotes []Quote
		agency []AgencyEvent
	}{
		{"none", nil, nil, nil},
		{"quotes only", nil, []Quote{{Article: "a1", Speaker: "Imran Khan", Cue: "said", Start: 10, End: 40}, {Article: "a1", Start: 90, End: 95}}, nil},
		{"agency only", nil, nil, agency},
		{"hits", []Hit{
			hit("massacre", "framing/violence", "body", 120, 128),
			hit("massacre", "framing/violence", "body", 4000, 4008),
			// The title's hits come with offsets into the title: a start
			// before the previous one.
			hit("crackdown", "framing/violence", "title", 3, 12),
			hit("reportedly", "hedges/hedge", "body", 0, 10),
			hit("Ünïcode “term”", "framing/violence", "body", 70000, 70019),
		}, []Quote{{Article: "a1", Cue: "said"}}, agency[1:]},
	}
	// The table the pipeline builds has most strings; a nil one none
	// (every string literal); this one a few, so both ways mix.
	table := NewSpanTable([]string{"body", "title", "framing/violence", "massacre", "crackdown"})
	for _, tt := range tests {
		for _, tab := range []*SpanTable{nil, table} {
			t.Run(fmt.Sprintf("%s/table=%v", tt.name, tab != nil), func(t *testing.T) {
				e, err := EncodeRecords(tab, tt.hits, tt.quotes, nil, tt.agency)
				if err != nil {
					t.Fatal(err)
				}
				var got IndexSpans
				if err := e.Index.Unpack(tab, &got); err != nil {
					t.Fatal(err)
				}
				hitLines := bytes.SplitAfter(e.Lines[0], []byte("\n"))
				quoteLines := bytes.SplitAfter(e.Lines[1], []byte("\n"))
				agencyLines := bytes.SplitAfter(e.Lines[3], []byte("\n"))
				if len(got.Hits) != len(tt.hits) || len(got.QuoteLens) != len(tt.quotes) || len(got.Agency) != len(tt.agency) {
					t.Fatalf("unpacked %d hits, %d quotes, %d agency events; want %d, %d, %d",
						len(got.Hits), len(got.QuoteLens), len(got.Agency), len(tt.hits), len(tt.quotes), len(tt.agency))
				}
				for i, h := range tt.hits {
					want := HitSpan{h.Term, h.Category, h.Field, h.Start, h.End, int32(len(hitLines[i])), h.Counted}
					if got.Hits[i] != want {
						t.Errorf("hit %d = %+v, want %+v", i, got.Hits[i], want)
					}
				}
				for i := range tt.quotes {
					if int(got.QuoteLens[i]) != len(quoteLines[i]) {
						t.Errorf("quote %d line length = %d, want %d", i, got.QuoteLens[i], len(quoteLines[i]))
					}
				}
				for i, a := range tt.agency {
					want := AgencySpan{Listed: a.Agent != "" || a.Patient != "" || a.Agentless, Len: int32(len(agencyLines[i]))}
					if got.Agency[i] != want {
						t.Errorf("agency event %d = %+v, want %+v", i, got.Agency[i], want)
					}
				}
				// Unpacking appends: the renderers reuse one IndexSpans.
				n := len(got.Hits)
				if err := e.Index.Unpack(tab, &got); err != nil || len(got.Hits) != 2*n || !reflect.DeepEqual(got.Hits[n:], got.Hits[:n]) {
					t.Errorf("second unpack onto the first: %d spans, %v", len(got.Hits), err)
				}
			})
		}
	}
	// Numbered strings are what keeps the index small.
	hits := tests[3].hits
	with, _ := EncodeRecords(table, hits, nil, nil, nil)
	without, _ := EncodeRecords(nil, hits, nil, nil, nil)
	if len(with.Index.Spans) >= len(without.Index.Spans)/2 {
		t.Errorf("packed with the table: %d bytes; without: %d", len(with.Index.Spans), len(without.Index.Spans))
	}
}

// A damaged index, or one read with another table, is an error, never a
// panic or a wrong span.
func TestRecordIndexUnpackDamaged(t *testing.T) {
	hits := []Hit{{Term: "massacre", Category: "framing/violence", Field: "body", Start: 5, End: 13},
		{Term: "terrorists", Category: "framing/othering", Field: "body", Start: 50, End: 60}}
	table := NewSpanTable([]string{"body", "framing/violence", "massacre", "framing/othering", "terrorists"})
	e, err := EncodeRecords(table, hits, []Quote{{Cue: "said"}}, nil, []AgencyEvent{{Verb: "kill", Agentless: true}})
	if err != nil {
		t.Fatal(err)
	}
	full := e.Index
	for n := 0; n < len(full.Spans); n++ {
		cut := full
		cut.Spans = full.Spans[:n]
		if err := cut.Unpack(table, &IndexSpans{}); !errors.Is(err, errSpans) {
			t.Errorf("spans cut to %d of %d bytes: err = %v, want errSpans", n, len(full.Spans), err)
		}
	}
	more := full
	more.Counts[0]--
	if err := more.Unpack(table, &IndexSpans{}); !errors.Is(err, errSpans) {
		t.Errorf("bytes left over: err = %v, want errSpans", err)
	}
	for name, other := range map[string]*SpanTable{
		"no table":      nil,
		"shorter table": NewSpanTable([]string{"body", "framing/violence"}),
	} {
		if err := full.Unpack(other, &IndexSpans{}); !errors.Is(err, errSpans) {
			t.Errorf("read with %s: err = %v, want errSpans", name, err)
		}
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
		e, err := EncodeRecords(nil, []Hit{{Article: id, Term: "massacre", Category: "framing/violence", Field: "body", Start: 1, End: 9}}, nil, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		if err := rf.WriteEncoded(e); err != nil {
			t.Fatal(err)
		}
		index = append(index, e.Index)
	}
	two := []Article{{ID: "a1"}, {ID: "a2"}}
	if err := (&Report{Articles: two[:1]}).AttachRecords(rf, index[:1], nil); err == nil || !strings.Contains(err.Error(), "hits.jsonl") {
		t.Errorf("an index one article short: err = %v, want one naming hits.jsonl", err)
	}
	if err := (&Report{Articles: two[:1]}).AttachRecords(rf, index, nil); err == nil {
		t.Errorf("an index of two articles for a report of one: no error")
	}
	r := &Report{Articles: two}
	if err := r.AttachRecords(rf, index, nil); err != nil {
		t.Fatal(err)
	}
	if r.Records.Counts[RecordHits] != 2 || r.Records.Inline {
		t.Errorf("records = %+v, want 2 hits written apart", r.Records)
	}
}
