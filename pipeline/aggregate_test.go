package pipeline

import (
	"strings"
	"testing"

	"github.com/framing/framing/corpus"
	"github.com/framing/framing/internal/stats"
)

// An outlet's counted sentences are kept once, for the whole corpus; each
// event's bootstrap samples are cut out of them (eventSamples). They must
// be the samples the event's own articles give, in corpus order: checked
// over the shipped corpus, seven events, some outlets in several.
func TestEventSamplesAreTheEventsArticles(t *testing.T) {
	arts, _, err := corpus.Load(shippedCorpus, 0)
	if err != nil {
		t.Fatal(err)
	}
	a, _, err := Prepare(Config{Options: Options{Corpus: shippedCorpus}})
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
