package pipeline

import (
	"context"
	"math"
	"strings"
	"testing"

	"github.com/framing/framing/reports"
)

func rankOf(rows []reports.Distinctive, outlet, kind, term string) int {
	r := 0
	for _, d := range rows {
		if d.Outlet != outlet || d.Kind != kind {
			continue
		}
		r++
		if d.Term == term {
			return r
		}
	}
	return -1
}

// Within the seed event: WSWS's most distinctive stems include its loaded
// vocabulary, Wikipedia's its crackdown-and-claims vocabulary.
func TestSeedDistinctiveTerms(t *testing.T) {
	rep := seedReport(t, 0)
	if len(rep.Events) != 1 || rep.Events[0].Event != seedEvent {
		t.Fatalf("events %v", rep.Events)
	}
	rows := rep.Events[0].Distinctive
	for _, c := range []struct{ outlet, stem string }{
		{wsws, "imperialist"}, {wsws, "massacr"}, {wikipedia, "crackdown"}, {wikipedia, "claim"},
	} {
		if r := rankOf(rows, c.outlet, "stem", c.stem); r < 1 || r > DistinctiveTop {
			t.Errorf("%s: stem %q ranks %d, want among the top %d", c.outlet, c.stem, r, DistinctiveTop)
		}
	}
	for _, d := range rows {
		if d.Kind == "stem" && (d.Z <= 0 || d.Q < d.P || d.Q > 1) {
			t.Errorf("inconsistent row %+v", d)
		}
	}
	// Ideology is WSWS's most distinctive loaded category (the valence
	// lexicon's categories measure sentiment, another kind).
	var loaded []reports.Distinctive
	for _, d := range rows {
		if !strings.HasPrefix(d.Term, "valence/") {
			loaded = append(loaded, d)
		}
	}
	if r := rankOf(loaded, wsws, "category", "framing/ideology"); r != 1 {
		t.Errorf("WSWS ideology ranks %d among its loaded categories", r)
	}
}

func TestSeedIntervals(t *testing.T) {
	rep := seedReport(t, 0)
	for _, o := range rep.Outlets {
		ci := o.AuthorialPer1kCI
		if !(ci[0] <= o.AuthorialPer1k && o.AuthorialPer1k <= ci[1]) {
			t.Errorf("%s: authorial rate %v outside its interval %v", o.Outlet, o.AuthorialPer1k, ci)
		}
		for id, st := range o.Categories {
			if c := o.CI[id]; st.Hits > 0 && !(c[0] <= st.Per1k && st.Per1k <= c[1]) {
				t.Errorf("%s %s: rate %v outside %v", o.Outlet, id, st.Per1k, c)
			}
		}
	}
	// The difference the voice test found is also a clear one.
	found := false
	for _, d := range rep.Comparison.ClearDifferences {
		found = found || d.Measure == "authorial_per_1k" && d.Higher == wsws && d.Lower == wikipedia
	}
	if !found {
		t.Errorf("WSWS vs Wikipedia authorial rate not a clear difference: %+v", rep.Comparison.ClearDifferences)
	}
}

func TestJSDTermsExplainTheDivergence(t *testing.T) {
	rep := seedReport(t, 0)
	if len(rep.Comparison.JSDTerms) != 1 {
		t.Fatalf("%d pairs", len(rep.Comparison.JSDTerms))
	}
	pt := rep.Comparison.JSDTerms[0]
	for _, v := range []struct {
		jsd, other reports.Float
		terms      []reports.TermShift
	}{{pt.JSD, pt.Other, pt.Terms}, {pt.JSDAuthorial, pt.OtherAuthorial, pt.TermsAuthorial}} {
		sum := float64(v.other)
		for _, t := range v.terms {
			sum += float64(t.Contribution)
		}
		if math.Abs(sum-float64(v.jsd)) > 1e-5 || len(v.terms) != JSDTopTerms {
			t.Errorf("top terms + other = %v, JSD %v (%d terms)", sum, v.jsd, len(v.terms))
		}
	}
}

// With three or more outlets an event gets a map; the whole corpus too.
func TestPCAInReport(t *testing.T) {
	rep, err := Build(context.Background(), Config{Options: Options{Corpus: shippedCorpus, Workers: 2}, Stats: StatsOptions{Resamples: 50}})
	if err != nil {
		t.Fatal(err)
	}
	if rep.PCA == nil || len(rep.PCA.Coords) != len(rep.Outlets) || len(rep.PCA.Loadings) != len(rep.Categories) {
		t.Fatalf("whole-corpus PCA %+v", rep.PCA)
	}
	for _, e := range rep.Events {
		if (len(e.Outlets) >= 3) != (e.PCA != nil) {
			t.Errorf("%s: %d outlets, PCA %v", e.Event, len(e.Outlets), e.PCA != nil)
		}
	}
	if rep.Stats.Resamples != 50 || rep.Stats.Prior != "pooled" {
		t.Errorf("stats %+v", rep.Stats)
	}
}

// A background corpus replaces the pooled prior.
func TestBackgroundPrior(t *testing.T) {
	cfg := Config{Options: Options{Corpus: shippedCorpus, Events: []string{seedEvent}}, Background: "testdata/corpus",
		Stats: StatsOptions{Resamples: 10}}
	rep, err := Build(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Stats.Prior != "testdata/corpus" {
		t.Errorf("prior %q", rep.Stats.Prior)
	}
	pooled := seedReport(t, 0)
	if rankOf(rep.Distinctive, wsws, "stem", "massacr") < 1 || rep.Distinctive[0].Z == pooled.Distinctive[0].Z {
		t.Error("the background prior changed nothing")
	}
}
