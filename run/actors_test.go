package run

import (
	"context"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/framing/framing/aggregate"
	"github.com/framing/framing/corpus"
	"github.com/framing/framing/lexicons"
	"github.com/framing/framing/pipeline"
	"github.com/framing/framing/reports"
)

var nerOnce = sync.OnceValues(func() (*reports.Report, error) {
	return Build(context.Background(), Config{Config: pipeline.Config{NER: true, Options: pipeline.Options{
		Corpus: shippedCorpus, Events: []string{seedEvent}}}})
})

func seedReportNER(t *testing.T) *reports.Report {
	t.Helper()
	rep, err := nerOnce()
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func articleOf(t *testing.T, rep *reports.Report, outlet string) (reports.Article, *corpus.Article) {
	t.Helper()
	for _, a := range rep.Articles {
		if a.Outlet == outlet {
			art, probs := corpus.Read(filepath.Join(shippedCorpus, a.Path), 0)
			if art == nil {
				t.Fatal(probs)
			}
			return a, art
		}
	}
	t.Fatalf("no article of %s", outlet)
	return reports.Article{}, nil
}

// The actors the issue names resolve, through their aliases, in every seed
// article whose text names them.
func TestSeedActorsResolve(t *testing.T) {
	rep := seedReport(t, 0)
	names := map[string]*regexp.Regexp{
		"imran-khan":       regexp.MustCompile(`\bImran Khan\b`),
		"mohsin-naqvi":     regexp.MustCompile(`\bNaqvi\b`),
		"pti":              regexp.MustCompile(`\bPTI\b`),
		"pakistan-rangers": regexp.MustCompile(`\bRangers\b`),
		"islamabad":        regexp.MustCompile(`\bIslamabad\b`),
		"al-jazeera":       regexp.MustCompile(`\bAl Jazeera\b`),
		"the-guardian":     regexp.MustCompile(`\bGuardian\b`),
	}
	for _, outlet := range []string{wikipedia, wsws} {
		a, art := articleOf(t, rep, outlet)
		found := map[string]int{}
		for _, m := range rep.Mentions {
			if m.Article == a.ID {
				found[m.Actor]++
				src := art.Body
				if m.Field == "title" {
					src = art.Title
				}
				if src[m.Start:m.End] != m.Text {
					t.Fatalf("mention %+v does not slice its text", m)
				}
			}
		}
		for id, re := range names {
			in := len(re.FindAllStringIndex(art.Title+"\n"+art.Body, -1))
			switch {
			case in > 0 && found[id] == 0:
				t.Errorf("%s names %s %d times; no mention resolved", outlet, id, in)
			case in == 0 && found[id] > 0 && id != "mohsin-naqvi" && id != "pti":
				t.Errorf("%s: %s mentioned %d times but never named", outlet, id, found[id])
			}
		}
	}
	// Aliases: "interior minister Naqvi" and "Khan's supporters".
	a, _ := articleOf(t, rep, wikipedia)
	seen := map[string]bool{}
	for _, m := range rep.Mentions {
		if m.Article == a.ID {
			seen[m.Actor+"="+m.Text] = true
		}
	}
	// The event's own protesters: an id the shared gazetteer also defines is
	// scoped to the event.
	for _, want := range []string{"mohsin-naqvi=interior minister", seedEvent + "/protesters=Khan's supporters", "pti=PTI", "pakistan-rangers=Pakistan Rangers", "the-guardian=The Guardian"} {
		if !seen[want] {
			t.Errorf("Wikipedia: no mention %s", want)
		}
	}
}

func TestSeedAgency(t *testing.T) {
	rep := seedReport(t, 0)
	armyFires, agentless := false, false
	for _, e := range rep.Agency {
		if e.Outlet == wsws && strings.HasPrefix(e.Context, "# Pakistani army opens fire") && e.Verb == "open fire" {
			armyFires = e.Agent == "pakistan-army" && !e.Passive
		}
		if e.Outlet == wikipedia && strings.HasPrefix(e.Context, "Meanwhile, several were injured during crowd containment") && e.Verb == "injure" {
			agentless = e.Agentless && e.Passive && e.Agent == ""
		}
	}
	if !armyFires {
		t.Error(`"Pakistani army opens fire": the army is not the agent`)
	}
	if !agentless {
		t.Error(`"several were injured during crowd containment" is not an agentless passive`)
	}
	wiki, ws := outlet(t, rep, wikipedia), outlet(t, rep, wsws)
	if wiki.AgentlessPassives == 0 || ws.Actors["pakistan-army"].Agent == 0 {
		t.Errorf("agentless passives %d, army agent %d", wiki.AgentlessPassives, ws.Actors["pakistan-army"].Agent)
	}
	// The army's stance vector in WSWS holds the violence of the headline.
	if st := ws.Actors["pakistan-army"].Categories["framing/violence"]; st.Hits == 0 || st.Voice.Authorial == 0 {
		t.Errorf("WSWS army x violence = %+v", st)
	}
	if cov := wiki.Actors[seedEvent+"/protesters"].Coverage; cov <= 0 || cov >= 1 {
		t.Errorf("coverage %v", cov)
	}
}

func TestSeedSpeakersAndHitsResolveToActors(t *testing.T) {
	rep := seedReport(t, 0)
	if h := seedHit(t, rep, wikipedia, "massacre", "The PTI described"); h.SpeakerActor != "pti" {
		t.Errorf("PTI massacre: speaker_actor %q", h.SpeakerActor)
	}
	if h := seedHit(t, rep, wikipedia, "propaganda", "Government ministers denied"); h.SpeakerActor != "mohsin-naqvi" {
		t.Errorf("Naqvi propaganda: speaker_actor %q", h.SpeakerActor)
	}
	if h := seedHit(t, rep, wsws, "massacre", "# Pakistani army opens fire"); h.Actor != "pakistan-army" {
		t.Errorf("WSWS headline massacre attaches to %q, want the army (the clause's subject)", h.Actor)
	}
	found := false
	for _, o := range rep.Omissions {
		found = found || o.Outlet == wsws && o.Actor == "ali-amin-gandapur"
	}
	if !found {
		t.Errorf("WSWS never names Gandapur, whom Wikipedia names often: not in omissions %+v", rep.Omissions)
	}
}

func TestUnlinkedEntities(t *testing.T) {
	rep := seedReportNER(t)
	if len(rep.UnlinkedEntities) == 0 {
		t.Fatal("no unlinked entities with NER on")
	}
	for _, u := range rep.UnlinkedEntities {
		switch u.Text {
		case "Al Jazeera", "Imran Khan", "Islamabad", "PTI":
			t.Errorf("%s is in the gazetteer but listed as unlinked", u.Text)
		case "Sources", "Soon", "Aftermath":
			t.Errorf("sentence-initial common word %q listed as an entity", u.Text)
		}
		if strings.HasSuffix(u.Text, "’s") || strings.HasSuffix(u.Text, "'s") {
			t.Errorf("possessive kept: %q", u.Text)
		}
		if u.Count < 1 || u.Example == "" || u.Label == "" {
			t.Errorf("incomplete %+v", u)
		}
	}
	if len(seedReport(t, 0).UnlinkedEntities) != 0 {
		t.Error("with NER off there must be no unlinked entities")
	}
}

// An article with no actors still reports: the fixture corpus has no
// gazetteer at all.
func TestNoActorsStillReports(t *testing.T) {
	rep, err := Build(context.Background(), fixtureConfig(1, "testdata/lexicon.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if rep.Corpus.Articles != 3 || len(rep.Mentions) != 0 || len(rep.Actors) != 0 {
		t.Errorf("articles %d, mentions %d, actors %d", rep.Corpus.Articles, len(rep.Mentions), len(rep.Actors))
	}
	for _, o := range rep.Outlets {
		if o.Actors == nil || len(o.Actors) != 0 {
			t.Errorf("%s actors = %v, want an empty map", o.Outlet, o.Actors)
		}
	}
	_ = lexicons.GazetteerFile
}

// A CRLF file is analysed as it is: sentences and hits stay on their bytes.
func TestCRLFArticleOffsets(t *testing.T) {
	dir := t.TempDir()
	if err := corpus.WriteHostileCorpus(dir); err != nil {
		t.Fatal(err)
	}
	rep, err := Build(context.Background(), Config{Config: pipeline.Config{Options: pipeline.Options{Corpus: dir}}, Stats: aggregate.StatsOptions{Resamples: -1}})
	if err != nil {
		t.Fatal(err)
	}
	art, _ := corpus.Read(filepath.Join(dir, "ev", "crlf.md"), 0)
	n := 0
	for _, h := range rep.Hits {
		if h.Article != "crlf" {
			continue
		}
		n++
		if art.Body[h.Start:h.End] != h.Text || strings.Contains(h.Context, "\r") {
			t.Errorf("hit %+v in a CRLF file", h)
		}
	}
	if n == 0 || rep.Corpus.Articles != 4 {
		t.Errorf("%d hits in crlf.md, %d articles", n, rep.Corpus.Articles)
	}
}

// each event's actors are its own. "police" is defined by the
// shared gazetteer and by three events: every event's report shows its own
// police, never another event's (the Pakistan event showed "Aurora police").
func TestActorsAreScopedToTheirEvent(t *testing.T) {
	rep, err := Build(context.Background(), Config{Config: pipeline.Config{Options: pipeline.Options{Corpus: shippedCorpus}}, Stats: aggregate.StatsOptions{Resamples: -1}})
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]string{}
	for _, a := range rep.Actors {
		if prev, dup := names[a.ID]; dup && prev != a.Name {
			t.Errorf("actor id %s names %q and %q", a.ID, prev, a.Name)
		}
		names[a.ID] = a.Name
	}
	event := map[string]string{}
	for _, a := range rep.Articles {
		event[a.ID] = a.Event
	}
	police := map[string]bool{}
	for _, m := range rep.Mentions {
		if !strings.HasSuffix(m.Actor, "police") {
			continue
		}
		police[m.Actor] = true
		ev := event[m.Article]
		if strings.Contains(m.Actor, "/") && !strings.HasPrefix(m.Actor, ev+"/") {
			t.Errorf("a %s article mentions %s (%s)", ev, m.Actor, names[m.Actor])
		}
	}
	for _, want := range []string{"aurora-theater-shooting-2012/police", seedEvent + "/police", "police"} {
		if !police[want] {
			t.Errorf("no mention of %s; police actors seen: %v", want, police)
		}
	}
	if names[seedEvent+"/police"] != "Pakistani police" || names["aurora-theater-shooting-2012/police"] != "Aurora police" {
		t.Errorf("police names: %v", names)
	}
}
