package run

import (
	"context"
	"math"
	"strings"
	"testing"

	"github.com/framing/framing/aggregate"
	"github.com/framing/framing/pipeline"
)

// Weights by hand on testdata/corpus with testdata/lexicon.yaml (weights:
// massacre 1.0, live ammunition 0.6, brutal* 0.5, alleged 0.5 (epistemic),
// live, law and order, slaughter unweighted = 1):
//
//	Alpha: Massacre 1.0 + live ammunition 0.6 + massacre 1.0 + brutal 0.5
//	       = 3.1 loaded, all authorial, over 16 words.
//	Beta:  law and order 1 + live 1 + Slaughter 1 + slaughtered 1 = 4
//	       loaded over 22 words (a span matched for violence and heat is
//	       one hit, at its highest weight); "Nobody was slaughtered" is
//	       negated, so authorial = 3.
func TestWeightsByHand(t *testing.T) {
	rep, err := Build(context.Background(), fixtureConfig(1, "testdata/lexicon.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][2]float64{"Alpha": {3.1 * 1000 / 16, 3.1 * 1000 / 16}, "Beta": {4.0 * 1000 / 22, 3.0 * 1000 / 22}}
	for name, w := range want {
		o := outlet(t, rep, name)
		if math.Abs(float64(o.WeightedLoadedPer1k)-w[0]) > 1e-6 || math.Abs(float64(o.WeightedAuthorialPer1k)-w[1]) > 1e-6 {
			t.Errorf("%s weighted %v / authorial %v, want %v / %v", name, o.WeightedLoadedPer1k, o.WeightedAuthorialPer1k, w[0], w[1])
		}
	}
	for _, h := range rep.Hits {
		switch h.Term {
		case "live ammunition":
			if h.Weight != 0.6 || h.Polarity != "" {
				t.Errorf("live ammunition: weight %v polarity %q", h.Weight, h.Polarity)
			}
		case "massacre":
			if h.Weight != 1 || h.Polarity != "negative" {
				t.Errorf("massacre: weight %v polarity %q", h.Weight, h.Polarity)
			}
		}
	}
	// Alpha's most loaded sentence: "Police fired live ammunition." (0.6)
	// ties nothing; "Massacre in the square" (1.0) and "The massacre was
	// brutal." (1.5) lead.
	top := outlet(t, rep, "Alpha").TopSentences
	if len(top) != 3 || top[0].Text != "The massacre was brutal." || top[0].Score != 1.5 || strings.Join(top[0].Terms, ",") != "massacre,brutal*" {
		t.Errorf("Alpha top sentences %+v", top)
	}
	if top[1].Field != "title" || top[1].Score != 1 || top[2].Score != 0.6 {
		t.Errorf("Alpha top sentences %+v", top)
	}
	// Loadedness is weight per word, and ranks them.
	for i, want := range []float64{1.5 / 4, 1.0 / 4, 0.6 / 4} {
		if math.Abs(float64(top[i].Loadedness)-want) > 1e-6 {
			t.Errorf("Alpha top sentence %d loadedness %v, want %v", i, top[i].Loadedness, want)
		}
	}
	// The negated sentence is not among Beta's authorial sentences, and
	// "Slaughter" in the title, matched for two categories, is one hit
	// that weighs once (score 1; loadedness 1 of 3 words).
	title := false
	for _, s := range outlet(t, rep, "Beta").TopSentences {
		if strings.Contains(s.Text, "Nobody") {
			t.Errorf("a negated sentence listed as loaded: %+v", s)
		}
		if strings.HasPrefix(s.Text, "Slaughter") {
			title = true
			if s.Score != 1 || math.Abs(float64(s.Loadedness)-1.0/3) > 1e-6 {
				t.Errorf("Beta title: score %v loadedness %v, want 1 and 1/3", s.Score, s.Loadedness)
			}
		}
	}
	if !title {
		t.Errorf("Beta's title is not among its loaded sentences: %+v", outlet(t, rep, "Beta").TopSentences)
	}
}

// The general lexicon fires on real text in each of the six eval events.
func TestNewsLexiconFiresInEveryEvent(t *testing.T) {
	events := []string{"aurora-theater-shooting-2012", "boston-bombing-suspect-moved-2013", "zimmerman-verdict-2013",
		"iran-protests-plane-shootdown-2020", "esper-insurrection-act-2020", "iran-all-out-war-warning-2019"}
	rep, err := Build(context.Background(), Config{Config: pipeline.Config{Lexicons: []string{"news"}, Options: pipeline.Options{Corpus: shippedCorpus, Events: events}}, Stats: aggregate.StatsOptions{Resamples: -1}})
	if err != nil {
		t.Fatal(err)
	}
	perEvent := map[string]int{}
	ev := map[string]string{}
	for _, a := range rep.Articles {
		ev[a.ID] = a.Event
	}
	for _, h := range rep.Hits {
		perEvent[ev[h.Article]]++
	}
	for _, e := range events {
		if perEvent[e] < 3 {
			t.Errorf("%s: %d news hits", e, perEvent[e])
		}
	}
}
