package aggregate

import (
	"errors"
	"strings"
	"testing"

	"github.com/framing/framing/corpus"
	"github.com/framing/framing/internal/stats"
	"github.com/framing/framing/pipeline"
	"github.com/framing/framing/reports"
)

// An outlet's counted sentences are kept once, for the whole corpus; each
// event's bootstrap samples are cut out of them (eventSamples). They must
// be the samples the event's own articles give, in corpus order: checked
// over the shipped corpus, seven events, some outlets in several.
// shippedCorpus is the repository's corpus.
const shippedCorpus = "../corpus"

func TestEventSamplesAreTheEventsArticles(t *testing.T) {
	arts, _, err := corpus.Load(shippedCorpus, 0)
	if err != nil {
		t.Fatal(err)
	}
	a, _, err := pipeline.Prepare(pipeline.Config{Options: pipeline.Options{Corpus: shippedCorpus}})
	if err != nil {
		t.Fatal(err)
	}
	g := NewAggregator(a, StatsOptions{})
	want := map[groupKey]*stats.Samples{}
	for _, art := range arts {
		r := a.Analyze(art, art.Path)
		g.Add(r, nil)
		for _, ev := range []string{"", art.Event} {
			k := groupKey{ev, art.Outlet}
			if want[k] == nil {
				want[k] = &stats.Samples{}
			}
			want[k].AddAll(g.samples(r))
		}
	}
	fp := func(s *stats.Samples) string {
		var b strings.Builder
		s.Fingerprint(&b)
		return b.String()
	}
	multi := 0
	events := map[string]map[string]bool{}
	for k, w := range want {
		got := &g.groups[groupKey{"", k.outlet}].samples
		if k.event != "" {
			got = g.eventSamples(k.event, k.outlet)
			if events[k.outlet] == nil {
				events[k.outlet] = map[string]bool{}
			}
			events[k.outlet][k.event] = true
		}
		if w.Counted() == 0 {
			t.Errorf("%s in %q: no counted sentences; the test would prove nothing", k.outlet, k.event)
		}
		if fp(got) != fp(w) || got.Len() != w.Len() {
			t.Errorf("%s in %q: samples differ from those of its articles (%d sentences, want %d)", k.outlet, k.event, got.Len(), w.Len())
		}
	}
	for _, evs := range events {
		if len(evs) > 1 {
			multi++
		}
	}
	if multi == 0 {
		t.Error("no outlet covers two events: the runs between events go untested")
	}
}

// An aggregate whose records stream to files cannot be merged: its records
// are not in it to travel.
func TestMergeRefusesAStreamedAggregate(t *testing.T) {
	a, _, err := pipeline.Prepare(pipeline.Config{Options: pipeline.Options{Corpus: shippedCorpus}})
	if err != nil {
		t.Fatal(err)
	}
	if err := NewAggregator(a, StatsOptions{}).Merge(&Aggregator{a: a, records: &reports.RecordFiles{}}); !errors.Is(err, ErrMergeStreamed) {
		t.Errorf("streamed aggregate: %v", err)
	}
}

func TestSpellings(t *testing.T) {
	o := &outletSum{forms: map[pipeline.StemForm]int{
		{"massacr", "Massacre"}: 3, {"massacr", "massacre"}: 1, {"massacr", "massacres"}: 2, // 4 massacre, 2 massacres
		{"khan", "Khan"}: 5,
		{"us", "US"}:     4, {"us", "us"}: 2, {"us", "Us"}: 1, // the pronoun's capital joins "us": 3 against 4
		{"tie", "tied"}: 1, {"tie", "ties"}: 1,
	}}
	got := o.spellings([]string{"massacr", "khan", "us", "tie", "absent"})
	want := map[string]string{"massacr": "massacre", "khan": "Khan", "us": "US", "tie": "tied"}
	if len(got) != len(want) {
		t.Errorf("got %v, want %v", got, want)
	}
	for st, w := range want {
		if got[st] != w {
			t.Errorf("%s: %q, want %q", st, got[st], w)
		}
	}
}
