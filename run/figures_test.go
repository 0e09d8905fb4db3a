package run

import (
	"context"
	"fmt"
	"html"
	"math"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/framing/framing/aggregate"
	"github.com/framing/framing/pipeline"
	"github.com/framing/framing/render"
	"github.com/framing/framing/reports"
)

// corpusReport is the report of the whole shipped corpus, built once.
var corpusReport = sync.OnceValues(func() (*reports.Report, error) {
	return Build(context.Background(), Config{Config: pipeline.Config{Options: pipeline.Options{Corpus: shippedCorpus}},
		Stats: aggregate.StatsOptions{Resamples: 200}})
})

// Every figure of an outlet agrees with every other and with the hits that
// are highlighted: the loaded counts by voice are the counted hits of the
// records, each span once; the rates are those counts over the words; the
// voice chart's bars are the same rates; an outlet's interval is the same in
// its event's table and in the corpus's when the data is the same.
func TestFiguresAgree(t *testing.T) {
	rep, err := corpusReport()
	if err != nil {
		t.Fatal(err)
	}
	type key struct{ event, outlet string }
	counted := map[key]*reports.VoiceCounts{}
	event := map[string]string{}
	for _, a := range rep.Articles {
		event[a.ID] = a.Event
	}
	type span struct {
		article, field string
		start, end     int
	}
	seen := map[span]bool{}
	for _, h := range rep.Hits {
		if !h.Counted || seen[span{h.Article, h.Field, h.Start, h.End}] {
			continue
		}
		seen[span{h.Article, h.Field, h.Start, h.End}] = true
		for _, k := range []key{{event[h.Article], h.Outlet}, {"", h.Outlet}} {
			if counted[k] == nil {
				counted[k] = &reports.VoiceCounts{}
			}
			v := counted[k]
			switch h.Voice {
			case "authorial":
				v.Authorial++
			case "quoted":
				v.Quoted++
			case "attributed":
				v.Attributed++
			case "negated":
				v.Negated++
			case "distanced":
				v.Distanced++
			}
		}
	}
	close := func(a, b float64) bool { return math.Abs(a-b) <= 1e-6*math.Max(1, math.Abs(b)) }
	check := func(ev string, o reports.Outlet) {
		got := counted[key{ev, o.Outlet}]
		if got == nil {
			got = &reports.VoiceCounts{}
		}
		if *got != o.Loaded {
			t.Errorf("%s/%s: loaded by voice %+v, the records' counted hits %+v", ev, o.Outlet, o.Loaded, *got)
		}
		per1k := func(n int) float64 { return 1000 * float64(n) / float64(o.Tokens) }
		if !close(float64(o.AuthorialPer1k), per1k(o.Loaded.Authorial)) || !close(float64(o.LoadedPer1k), per1k(o.Loaded.Total())) {
			t.Errorf("%s/%s: rates %v, %v for %+v in %d words", ev, o.Outlet, o.AuthorialPer1k, o.LoadedPer1k, o.Loaded, o.Tokens)
		}
		for _, ci := range [][2]reports.Float{o.AuthorialPer1kCI, o.LoadedPer1kCI} {
			if !(ci[0] < ci[1]) {
				t.Errorf("%s/%s: interval %v is a point", ev, o.Outlet, ci)
			}
		}
	}
	for _, o := range rep.Outlets {
		check("", o)
	}
	corpusRow := map[string]reports.Outlet{}
	for _, o := range rep.Outlets {
		corpusRow[o.Outlet] = o
	}
	events := map[string]int{}
	for _, e := range rep.Events {
		for _, o := range e.Outlets {
			events[o.Outlet]++
		}
	}
	for _, e := range rep.Events {
		for _, o := range e.Outlets {
			check(e.Event, o)
			if c := corpusRow[o.Outlet]; events[o.Outlet] == 1 && (c.AuthorialPer1kCI != o.AuthorialPer1kCI || c.LoadedPer1kCI != o.LoadedPer1kCI) {
				t.Errorf("%s: one outlet, one event, two intervals: %v in %s, %v in the corpus", o.Outlet, o.AuthorialPer1kCI, e.Event, c.AuthorialPer1kCI)
			}
		}
	}

	// The voice chart beside each event table draws those rates: its
	// description lists each outlet's per-voice rates.
	charts, err := render.Charts(rep)
	if err != nil {
		t.Fatal(err)
	}
	num := regexp.MustCompile(`([^:.]+): authorial ([0-9.]+), quoted ([0-9.]+), attributed ([0-9.]+), negated ([0-9.]+), distanced ([0-9.]+)\.`)
	found := 0
	for _, e := range rep.Events {
		for _, c := range charts {
			if c.Kind != "voice" || c.Event != e.Event {
				continue
			}
			found++
			for _, o := range e.Outlets {
				m := num.FindStringSubmatch(string(c.SVG)[strings.Index(string(c.SVG), o.Outlet+": authorial"):])
				if m == nil {
					t.Errorf("%s voice chart: no figures for %s", e.Event, o.Outlet)
					continue
				}
				want := []int{o.Loaded.Authorial, o.Loaded.Quoted, o.Loaded.Attributed, o.Loaded.Negated, o.Loaded.Distanced}
				for k, w := range want {
					v, _ := strconv.ParseFloat(m[2+k], 64)
					if math.Abs(v-1000*float64(w)/float64(o.Tokens)) > 0.006 {
						t.Errorf("%s voice chart, %s: %s, want counts %v over %d words", e.Event, o.Outlet, m[0], want, o.Tokens)
						break
					}
				}
			}
		}
	}
	if found != len(rep.Events) {
		t.Errorf("%d voice charts for %d events", found, len(rep.Events))
	}
}

// The most loaded sentences are ranked by one figure, and both pages show
// that figure, in that order.
func TestLoadedSentencesRankedAndLabelledByOneFigure(t *testing.T) {
	rep, err := corpusReport()
	if err != nil {
		t.Fatal(err)
	}
	var md, page strings.Builder
	if err := render.WriteMarkdown(&md, rep, render.RenderOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := render.WriteHTML(&page, rep, render.RenderOptions{}); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, o := range rep.Outlets {
		for i, s := range o.TopSentences {
			if s.RankedBy != "probability" || math.IsNaN(float64(s.Rank())) {
				t.Fatalf("%s: ranked by %q (%v): the model scores every sentence", o.Outlet, s.RankedBy, s.Rank())
			}
			if i > 0 && s.Rank() > o.TopSentences[i-1].Rank() {
				t.Errorf("%s: sentence %d ranks %v after %v", o.Outlet, i+1, s.Rank(), o.TopSentences[i-1].Rank())
			}
		}
		if len(o.TopSentences) == 0 {
			continue
		}
		n++
		first := fmt.Sprintf("1. %.2f — ", float64(o.TopSentences[0].Rank()))
		if !strings.Contains(md.String(), first) {
			t.Errorf("%s: report.md lacks %q", o.Outlet, first)
		}
	}
	if n == 0 {
		t.Fatal("no outlet has loaded sentences")
	}
	if !strings.Contains(md.String(), rep.Outlets[0].TopSentences[0].RankLabel()) || !strings.Contains(page.String(), html.EscapeString(rep.Outlets[0].TopSentences[0].RankLabel())) {
		t.Error("a page does not say what the sentences are ranked by")
	}
}
