package run

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/framing/framing/aggregate"
	"github.com/framing/framing/corpus"
	"github.com/framing/framing/internal/tokenize"
	"github.com/framing/framing/pipeline"
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
		if r := rankOf(rows, c.outlet, "stem", c.stem); r < 1 || r > aggregate.DistinctiveTop {
			t.Errorf("%s: stem %q ranks %d, want among the top %d", c.outlet, c.stem, r, aggregate.DistinctiveTop)
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
		if math.Abs(sum-float64(v.jsd)) > 1e-5 || len(v.terms) != aggregate.JSDTopTerms {
			t.Errorf("top terms + other = %v, JSD %v (%d terms)", sum, v.jsd, len(v.terms))
		}
	}
}

// With three or more outlets an event gets a map; the whole corpus too.
func TestPCAInReport(t *testing.T) {
	rep, err := Build(context.Background(), Config{Config: pipeline.Config{Options: pipeline.Options{Corpus: shippedCorpus, Workers: 2}}, Stats: aggregate.StatsOptions{Resamples: 50}})
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
	cfg := Config{Config: pipeline.Config{Options: pipeline.Options{Corpus: shippedCorpus, Events: []string{seedEvent}}}, Background: "testdata/corpus", Stats: aggregate.StatsOptions{Resamples: 10}}
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

// the summary states authorial figures, so its differences must be
// authorial too. Every category has an interval of its authorial rate
// holding the rate; a difference marked authorial is one of those intervals,
// not the all-voice ones. On the seeds, Wikipedia's threat-and-
// securitization words are all quoted or reported, and too few against
// WSWS's none for a clear difference.
func TestAuthorialCategoryDifferences(t *testing.T) {
	rep := seedReport(t, 0)
	byName := map[string]reports.Outlet{}
	for _, o := range rep.Outlets {
		byName[o.Outlet] = o
		for id, st := range o.Categories {
			c, ok := o.AuthorialCI[id]
			if !ok {
				t.Fatalf("%s: no authorial interval for %s", o.Outlet, id)
			}
			if r := st.VoicePer1k.Authorial; st.Voice.Authorial > 0 && !(c[0] <= r && r <= c[1]) {
				t.Errorf("%s %s: authorial rate %v outside %v", o.Outlet, id, r, c)
			}
			// No hit is not a certain zero: the interval reaches the exact
			// Poisson bound, -ln(0.025) = 3.689 hits over the outlet's words.
			if upper := 3.6889 * 1000 / float64(o.Tokens); st.Voice.Authorial == 0 && (c[0] != 0 || math.Abs(float64(c[1])-upper) > 1e-3*upper) {
				t.Errorf("%s %s: no authorial hit, interval %v, want [0, %.4f]", o.Outlet, id, c, upper)
			}
		}
	}
	var threatAll, threatOwn, own bool
	for _, d := range rep.Comparison.ClearDifferences {
		hi, lo := byName[d.Higher], byName[d.Lower]
		if d.Voice == "authorial" {
			own = true
			if hi.Categories[d.Measure].VoicePer1k.Authorial <= lo.Categories[d.Measure].VoicePer1k.Authorial ||
				hi.AuthorialCI[d.Measure][0] <= lo.AuthorialCI[d.Measure][1] {
				t.Errorf("authorial difference %+v not supported: %v vs %v", d, hi.AuthorialCI[d.Measure], lo.AuthorialCI[d.Measure])
			}
		}
		if d.Measure == "framing/threat" && d.Higher == wikipedia {
			threatAll = threatAll || d.Voice == ""
			threatOwn = threatOwn || d.Voice == "authorial"
		}
	}
	if !own {
		t.Error("no authorial category difference between WSWS and Wikipedia")
	}
	// Wikipedia's 7 threat words (3,148 words) against WSWS's none (1,415):
	// with the exact interval of a zero count, [0, 2.6] per 1,000, that is
	// no clear difference even over all voices, and none in its own.
	if threatAll || threatOwn {
		t.Errorf("Wikipedia's threat words: difference over all voices %v, in its own voice %v; want neither", threatAll, threatOwn)
	}
}

// Distinctive stems are shown as words: each form is a spelling
// the outlet wrote that stems back to the stem; a sentence-initial capital
// does not make "Massacre" of "massacre", a name keeps its capital, an
// acronym its capitals.
func TestDistinctiveStemsHaveWordForms(t *testing.T) {
	rep := seedReport(t, 0)
	seen := map[string]string{}
	for _, d := range rep.Distinctive {
		if d.Kind != "stem" {
			if d.Form != "" {
				t.Errorf("category row with a form: %+v", d)
			}
			continue
		}
		if d.Form == "" {
			t.Errorf("stem %q of %s has no form", d.Term, d.Outlet)
			continue
		}
		if st := tokenize.Stem(tokenize.Fold(d.Form)); st != d.Term {
			t.Errorf("form %q of %s stems to %q, not %q", d.Form, d.Outlet, st, d.Term)
		}
		seen[d.Outlet+" "+d.Term] = d.Form
	}
	for key, want := range map[string]string{wsws + " massacr": "massacre", wsws + " khan": "Khan", wsws + " us": "US"} {
		if got, ok := seen[key]; ok && got != want {
			t.Errorf("%s: form %q, want %q", key, got, want)
		} else if !ok {
			t.Logf("%s not among the distinctive stems", key)
		}
	}
}

// Events carry the labels of their event.yaml and articles their front
// matter's date and outlet type; a broken event.yaml is a
// problem with its file and line, and the event is still analysed.
func TestEventLabelsAndArticleMetadata(t *testing.T) {
	rep := seedReport(t, 0)
	if len(rep.Events) != 1 {
		t.Fatalf("%d events", len(rep.Events))
	}
	e := rep.Events[0]
	if !strings.Contains(e.Title, `"Final Call"`) || e.Date != "2024-11-24" || !strings.Contains(e.Description, "Islamabad") {
		t.Errorf("seed event labelled %q, %q, %q", e.Title, e.Date, e.Description)
	}
	for _, a := range rep.Articles {
		switch a.Outlet {
		case wsws:
			if a.Published != "2024-11-29" || a.OutletKind != "partisan news site" {
				t.Errorf("WSWS article: published %q, kind %q", a.Published, a.OutletKind)
			}
		case wikipedia:
			if a.Published != "" || a.OutletKind != "encyclopedia" {
				t.Errorf("Wikipedia article: published %q, kind %q", a.Published, a.OutletKind)
			}
		}
	}

	dir := hostileCorpus(t)
	path := filepath.Join(dir, seedEvent, corpus.EventFile)
	if err := os.WriteFile(path, []byte("title: Final Call\ndate: last Tuesday\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	broken, err := Build(context.Background(), Config{Config: pipeline.Config{Options: pipeline.Options{Corpus: dir}}, Stats: aggregate.StatsOptions{Resamples: -1}})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, p := range broken.Problems {
		found = found || p.Path == path && p.Line == 2 && strings.Contains(p.Message, "last Tuesday")
	}
	if !found || broken.Events[0].Title != "Final Call" || broken.Events[0].Date != "" || len(broken.Articles) != 3 {
		t.Errorf("broken event.yaml: error: problems %+v, event %q %q, %d articles", broken.Problems, broken.Events[0].Title, broken.Events[0].Date, len(broken.Articles))
	}
}
