package run

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/framing/framing/corpus"
	"github.com/framing/framing/pipeline"
	"github.com/framing/framing/reports"
)

// On the shipped corpus: what is excluded is what the reasons say (the CNN
// video players, Wikipedia's section headings, the gallery strips), no hit
// is counted inside it, and every excluded word is counted apart.
func TestExcludedSpansOnTheShippedCorpus(t *testing.T) {
	rep, err := Build(context.Background(), Config{Config: pipeline.Config{Options: pipeline.Options{Corpus: shippedCorpus, Workers: 2}}})
	if err != nil {
		t.Fatal(err)
	}
	reasons := map[string]int{}
	for _, a := range rep.Articles {
		art, probs := corpus.Read(filepath.Join(shippedCorpus, a.Path), 0)
		if art == nil {
			t.Fatal(probs)
		}
		sum := 0
		for _, x := range a.Excluded {
			reasons[x.Reason]++
			sum += x.Tokens
			text := art.Body
			if x.Field == "title" {
				text = art.Title
			}
			span := text[x.Start:x.End]
			switch x.Reason {
			case reports.ExcludedHeading:
				if !strings.HasPrefix(span, "=") && !strings.HasPrefix(span, "#") {
					t.Errorf("%s: heading %q", a.ID, span)
				}
			case reports.ExcludedChrome:
				// The video players, links, photo galleries and ads of the
				// CNN, Hill and NYT pages in the corpus.
				known := false
				for _, p := range []string{"JUST WATCHED ", "MUST WATCH ", "Read:", "Photos: ", "Photo", "ADVERTISEMENT"} {
					known = known || strings.HasPrefix(span, p)
				}
				if !known {
					t.Errorf("%s: chrome %q", a.ID, span)
				}
			}
			for _, h := range rep.Hits {
				if h.Article == a.ID && h.Field == x.Field && h.Start < x.End && x.Start < h.End {
					t.Errorf("%s: hit %q counted inside excluded %s %q", a.ID, h.Text, x.Reason, span)
				}
			}
		}
		if sum != a.ExcludedTokens {
			t.Errorf("%s: excluded spans hold %d words, excluded_tokens says %d", a.ID, sum, a.ExcludedTokens)
		}
	}
	t.Logf("excluded spans by reason: %v", reasons)
	for _, r := range []string{reports.ExcludedHeading, reports.ExcludedChrome, reports.ExcludedRepeated} {
		if reasons[r] == 0 {
			t.Errorf("no %s span excluded in the shipped corpus", r)
		}
	}
}

// The seed sentences METHODS §2 names, in the real articles.
func TestSeedVoices(t *testing.T) {
	rep := seedReport(t, 0)
	tests := []struct {
		outlet, term, context string
		voice, speaker        string
		headline              bool
	}{
		{wikipedia, "massacre", `The PTI described the incident as a "massacre,"`, "quoted", "PTI", false},
		{wikipedia, "propaganda", "Government ministers denied any fatalities", "quoted", "Naqvi", false},
		{wikipedia, "terrorist", "The provincial government's spokesperson, Azma Bukhari", "quoted", "Azma Bukhari", false},
		{wikipedia, "live rounds", "The government denied using live rounds", "negated", "government", false},
		{wsws, "massacre", "# Pakistani army opens fire in brazen", "authorial", "", true},
		{wsws, "brazen", "# Pakistani army opens fire in brazen", "authorial", "", true},
		{wsws, "lying denial", "The office of Pakistani Interior Minister Mohsin Naqvi", "authorial", "", false},
	}
	for _, tt := range tests {
		h := seedHit(t, rep, tt.outlet, tt.term, tt.context)
		if h.Voice != tt.voice || h.Speaker != tt.speaker || h.Headline != tt.headline {
			t.Errorf("%s %q: voice %s speaker %q headline %v; want %s %q %v", tt.outlet, tt.term,
				h.Voice, h.Speaker, h.Headline, tt.voice, tt.speaker, tt.headline)
		}
	}
	// Scare quotes after a cue are quoted and attributed.
	if h := seedHit(t, rep, wikipedia, "massacre", `The PTI described`); h.AttributedTo != "PTI" || h.Cue != "described" {
		t.Errorf("PTI massacre: attributed_to %q cue %q", h.AttributedTo, h.Cue)
	}
}

func TestSeedVoiceProfiles(t *testing.T) {
	rep := seedReport(t, 0)
	wiki, ws := outlet(t, rep, wikipedia), outlet(t, rep, wsws)
	if ws.AuthorialPer1k < 2*wiki.AuthorialPer1k {
		t.Errorf("WSWS authorial loaded rate %.2f is not at least twice Wikipedia's %.2f", ws.AuthorialPer1k, wiki.AuthorialPer1k)
	}
	// Wikipedia reports the loaded words of both sides; it never uses
	// them in its own voice.
	total := 0
	for _, h := range rep.Hits {
		if h.Outlet == wikipedia && slices.Contains([]string{"massacre", "propaganda", "terrorist", "terrorists"}, strings.ToLower(h.Text)) {
			total++
			if h.Voice == "authorial" {
				t.Errorf("Wikipedia's %q is authorial: %q", h.Text, h.Context)
			}
		}
	}
	if total < 4 {
		t.Errorf("Wikipedia's massacre/propaganda/terrorists: %d hits; the seed has more", total)
	}
	// Every hit has exactly one voice, and the counts add up.
	for _, o := range rep.Outlets {
		sum := o.Voice.Total()
		hits := 0
		for _, c := range o.Categories {
			hits += c.Hits
			if c.Voice.Total() != c.Hits {
				t.Errorf("%s: a category's voice counts do not add up to its hits", o.Outlet)
			}
		}
		if sum != hits {
			t.Errorf("%s: voice counts sum to %d, hits %d", o.Outlet, sum, hits)
		}
	}
	// Wikipedia introduces others' words with neutral verbs more than WSWS's
	// own voice does with loaded ones? Both profiles must at least be there.
	if wiki.ReportVerbs.Neutral == 0 || wiki.ReportVerbs.Cues["said"] == 0 {
		t.Errorf("Wikipedia report verbs: %+v", wiki.ReportVerbs)
	}
	var pti *reports.Speaker
	for i := range wiki.Speakers {
		if wiki.Speakers[i].Actor == "pti" {
			pti = &wiki.Speakers[i]
		}
	}
	if pti == nil || pti.Terms["massacre"] == 0 {
		t.Errorf("PTI is not among Wikipedia's top speakers with 'massacre': %+v", wiki.Speakers)
	}
	// Headlines are listed on their own.
	found := false
	for _, hl := range rep.Headlines {
		if hl.Outlet == wsws && strings.HasPrefix(hl.Text, "Pakistani army opens fire") && hl.Loaded >= 2 {
			found = true
		}
	}
	if !found {
		t.Errorf("WSWS headline not listed with its loaded terms: %+v", rep.Headlines)
	}
}

func TestQuotesInReport(t *testing.T) {
	rep := seedReport(t, 0)
	bodies := map[string]string{}
	for _, a := range rep.Articles {
		art, _ := corpus.Read("../corpus/"+a.Path, 0)
		bodies[a.ID] = art.Body
	}
	n := 0
	for _, q := range rep.Quotes {
		if q.Field != "body" {
			continue
		}
		body := bodies[q.Article]
		if q.Start < 0 || q.End > len(body) || q.Start >= q.End {
			t.Fatalf("quote %+v out of bounds", q)
		}
		if q.Speaker == "Azma Bukhari" && strings.HasPrefix(body[q.Start:], `"protestors will be dealt with`) {
			n++
		}
	}
	if n != 1 {
		t.Errorf("Azma Bukhari's quote not in report.quotes")
	}
	_ = context.Background
}

func seedHit(t *testing.T, rep *reports.Report, outlet, term, contextPrefix string) reports.Hit {
	t.Helper()
	for _, h := range rep.Hits {
		if h.Outlet == outlet && h.Term == term && strings.HasPrefix(h.Context, contextPrefix) {
			return h
		}
	}
	t.Fatalf("no %s hit %q in a sentence starting %q", outlet, term, contextPrefix)
	return reports.Hit{}
}
