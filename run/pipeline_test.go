package run

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/framing/framing/corpus"
	"github.com/framing/framing/pipeline"
	"github.com/framing/framing/reports"
)

const (
	shippedCorpus = "../corpus"
	seedEvent     = "pti-final-call-islamabad-2024"
	wikipedia     = "Wikipedia"
	wsws          = "World Socialist Web Site"
)

// seedReports caches the seed-event report per worker count: several tests
// read it and the analysis is the slow part.
var seedReports sync.Map

func seedReport(t *testing.T, workers int) *reports.Report {
	t.Helper()
	if r, ok := seedReports.Load(workers); ok {
		return r.(*reports.Report)
	}
	rep, err := Build(context.Background(), Config{Config: pipeline.Config{Options: pipeline.Options{
		Corpus: shippedCorpus, Events: []string{seedEvent}, Workers: workers}}})
	if err != nil {
		t.Fatal(err)
	}
	seedReports.Store(workers, rep)
	return rep
}

func outlet(t *testing.T, rep *reports.Report, name string) reports.Outlet {
	t.Helper()
	for _, o := range rep.Outlets {
		if o.Outlet == name {
			return o
		}
	}
	t.Fatalf("no outlet %q in report", name)
	return reports.Outlet{}
}

func jsonBytes(t *testing.T, rep *reports.Report) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := reports.WriteJSON(&b, rep); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// wordRE is an independent word counter: runs of letters and digits, joined
// by inner apostrophes, hyphens, commas or periods ("US-backed", "20,000").
var wordRE = regexp.MustCompile(`[\pL\pN]+(?:['’.,-][\pL\pN]+)*`)

// The seeds' token counts are pinned (a change to tokenization must be a
// decision, seen in review), agree with an independent count, and do not
// depend on the number of workers. Wikipedia's 32 words of section headings
// are excluded from its prose: counted apart, not lost.
func TestSeedTokenCounts(t *testing.T) {
	one, eight := seedReport(t, 1), seedReport(t, 8)
	want := map[string][2]int{wikipedia: {3148, 32}, wsws: {1415, 0}}
	for name, n := range want {
		o1, o8 := outlet(t, one, name), outlet(t, eight, name)
		excluded := 0
		for _, a := range one.Articles {
			if a.Outlet == name {
				excluded += a.ExcludedTokens
			}
		}
		if o1.Tokens != n[0] || excluded != n[1] {
			t.Errorf("%s: %d word tokens and %d excluded, pinned %d and %d", name, o1.Tokens, excluded, n[0], n[1])
		}
		if o8.Tokens != o1.Tokens || o8.Sentences != o1.Sentences {
			t.Errorf("%s: 8 workers give %d tokens/%d sentences, 1 worker %d/%d", name, o8.Tokens, o8.Sentences, o1.Tokens, o1.Sentences)
		}
	}
	for _, a := range one.Articles {
		art, probs := corpus.Read(filepath.Join(shippedCorpus, a.Path), 0)
		if art == nil {
			t.Fatal(probs)
		}
		text := art.Body
		if !strings.Contains(art.Body, "# "+art.Title) {
			text = art.Title + "\n" + art.Body
		}
		independent := len(wordRE.FindAllString(text, -1))
		if diff := math.Abs(float64(a.Tokens+a.ExcludedTokens-independent)) / float64(independent); diff > 0.03 {
			t.Errorf("%s: %d tokens, an independent regexp count gives %d (%.1f%% apart)", a.ID, a.Tokens, independent, 100*diff)
		}
	}
}

func hitsOf(rep *reports.Report, outlet, term string) []reports.Hit {
	var out []reports.Hit
	for _, h := range rep.Hits {
		if h.Outlet == outlet && h.Term == term {
			out = append(out, h)
		}
	}
	return out
}

func TestSeedHitsOfKeyTerms(t *testing.T) {
	rep := seedReport(t, 0)
	if len(hitsOf(rep, wikipedia, "massacre")) == 0 {
		t.Error("massacre not found in the Wikipedia article")
	}
	headline := false
	for _, h := range hitsOf(rep, wsws, "massacre") {
		if h.Sentence == 0 && strings.HasPrefix(h.Context, "# Pakistani army opens fire in brazen") {
			headline = true
		}
	}
	if !headline {
		t.Error("massacre not found in the WSWS headline")
	}
	for _, term := range []string{"propaganda", "terrorist"} {
		if len(hitsOf(rep, wikipedia, term)) == 0 {
			t.Errorf("%s not found in the Wikipedia article", term)
		}
	}
	// "terrorists" is matched by the stem entry "terrorist".
	var texts []string
	for _, h := range hitsOf(rep, wikipedia, "terrorist") {
		texts = append(texts, h.Text)
	}
	if !strings.Contains(strings.Join(texts, " "), "terrorists") {
		t.Errorf("the word 'terrorists' is not among the terrorist hits: %v", texts)
	}
}

// Every hit slices back to its words, in the body or in the title.
func TestHitOffsetsSliceTheText(t *testing.T) {
	rep := seedReport(t, 0)
	bodies := map[string]*corpus.Article{}
	for _, a := range rep.Articles {
		art, _ := corpus.Read(filepath.Join(shippedCorpus, a.Path), 0)
		bodies[a.ID] = art
	}
	for _, h := range rep.Hits {
		art := bodies[h.Article]
		src := art.Body
		if h.Field == "title" {
			src = art.Title
		}
		if h.Start < 0 || h.End > len(src) || src[h.Start:h.End] != h.Text {
			t.Fatalf("hit %+v does not slice its %s", h, h.Field)
		}
		if h.Context[h.ContextOffset:h.ContextOffset+len(h.Text)] != h.Text {
			t.Fatalf("hit %+v: context offset is wrong", h)
		}
		if !strings.EqualFold(strings.ReplaceAll(h.Text, "’", "'"), h.Text) && h.Text == "" {
			t.Fatalf("empty hit %+v", h)
		}
	}
	if len(rep.Hits) < 50 {
		t.Errorf("only %d hits on the seeds", len(rep.Hits))
	}
}

// fixtureConfig is a run over the fixture corpus with the lexicon scorer:
// the fixtures are counted by hand, as word lists count.
func fixtureConfig(workers int, lexicons ...string) Config {
	return Config{Config: pipeline.Config{Lexicons: lexicons, Scorer: pipeline.ScorerLexicon,
		Options: pipeline.Options{Corpus: "testdata/corpus", Workers: workers}}}
}

// Counts made by hand on testdata/corpus with testdata/lexicon.yaml:
//
//	Alpha (alpha-1): title "Massacre in the square" (4 words, not in the
//	body, so analysed) + 12 body words = 16. Hits: Massacre, live
//	ammunition, massacre -> violence 3 ("live" inside "live ammunition"
//	does not count as heat); brutal -> heat 1; alleged -> hedges 1.
//	Covered words: 1+2+1+1+1 = 6.
//	Beta (beta-1 + beta-2): 2+12 and 3+5 words = 22. Hits: law and order,
//	live -> heat 2; Slaughter, slaughtered -> violence 2 and heat 2.
//	Covered: 3+1+1+1 = 6.
//	The loaded rate counts each span once, whatever its categories: Alpha
//	4 spans (Massacre, live ammunition, massacre, brutal), Beta 4 (law and
//	order, live, Slaughter, slaughtered).
//	Gamma's only article never closes its front matter: reported, skipped.
func TestFixtureCountsByHand(t *testing.T) {
	rep, err := Build(context.Background(), fixtureConfig(2, "testdata/lexicon.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	type want struct {
		tokens                 int
		violence, heat, hedges int
		covered, spans         int
	}
	wants := map[string]want{
		"Alpha": {16, 3, 1, 1, 6, 4},
		"Beta":  {22, 2, 4, 0, 6, 4},
	}
	if len(rep.Outlets) != 2 {
		t.Fatalf("outlets = %+v", rep.Outlets)
	}
	for name, w := range wants {
		o := outlet(t, rep, name)
		if o.Tokens != w.tokens {
			t.Errorf("%s tokens = %d, want %d", name, o.Tokens, w.tokens)
		}
		for cat, n := range map[string]int{"small/violence": w.violence, "small/heat": w.heat, "small/hedges": w.hedges} {
			st := o.Categories[cat]
			if st.Hits != n {
				t.Errorf("%s %s hits = %d, want %d", name, cat, st.Hits, n)
			}
			if want := float64(n) * 1000 / float64(w.tokens); math.Abs(float64(st.Per1k)-want) > 1e-9 {
				t.Errorf("%s %s per_1k = %v, want %v", name, cat, st.Per1k, want)
			}
		}
		if want := float64(w.spans) * 1000 / float64(w.tokens); math.Abs(float64(o.LoadedPer1k)-want) > 1e-9 {
			t.Errorf("%s loaded_per_1k = %v, want %v (loaded spans; hedges are epistemic)", name, o.LoadedPer1k, want)
		}
		if want := float64(w.covered) / float64(w.tokens); math.Abs(float64(o.Coverage)-want) > 1e-9 {
			t.Errorf("%s coverage = %v, want %v", name, o.Coverage, want)
		}
	}
	if rep.Corpus.Articles != 3 || rep.Corpus.Skipped != 1 || len(rep.Problems) != 1 ||
		!strings.Contains(rep.Problems[0].Message, "never closes") || rep.Problems[0].Path != filepath.Join("testdata/corpus/ev-b/broken.md") {
		t.Errorf("corpus %+v, problems %+v", rep.Corpus, rep.Problems)
	}

	// The comparison, by hand from the same counts. Category order: heat,
	// hedges, violence (sorted ids).
	a := []float64{1000.0 / 16, 1000.0 / 16, 3000.0 / 16}
	b := []float64{4000.0 / 22, 0, 2000.0 / 22}
	cos := (a[0]*b[0] + a[1]*b[1] + a[2]*b[2]) /
		(math.Sqrt(a[0]*a[0]+a[1]*a[1]+a[2]*a[2]) * math.Sqrt(b[0]*b[0]+b[1]*b[1]+b[2]*b[2]))
	p, q := []float64{1.0 / 5, 1.0 / 5, 3.0 / 5}, []float64{4.0 / 6, 0, 2.0 / 6}
	jsd := 0.0
	for i := range p {
		m := (p[i] + q[i]) / 2
		if p[i] > 0 {
			jsd += 0.5 * p[i] * math.Log2(p[i]/m)
		}
		if q[i] > 0 {
			jsd += 0.5 * q[i] * math.Log2(q[i]/m)
		}
	}
	c := rep.Comparison
	if strings.Join(c.Outlets, ",") != "Alpha,Beta" {
		t.Fatalf("comparison outlets %v", c.Outlets)
	}
	if math.Abs(float64(c.Cosine[0][1])-cos) > 1e-9 || math.Abs(float64(c.Cosine[1][0])-cos) > 1e-9 || math.Abs(float64(c.Cosine[0][0])-1) > 1e-9 {
		t.Errorf("cosine = %v, want %v off the diagonal", c.Cosine, cos)
	}
	if math.Abs(float64(c.JSD[0][1])-jsd) > 1e-9 || c.JSD[0][0] != 0 {
		t.Errorf("jsd = %v, want %v", c.JSD, jsd)
	}
}

// A malformed lexicon and a malformed article each give their error, and the
// run goes on with the rest.
func TestBadLexiconAndBadArticleDoNotStopTheRun(t *testing.T) {
	rep, err := Build(context.Background(), fixtureConfig(0, "testdata/lexicon.yaml", "testdata/bad-lexicon.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var msgs []string
	for _, p := range rep.Problems {
		msgs = append(msgs, p.Path+":"+p.Message)
	}
	joined := strings.Join(msgs, "\n")
	for _, want := range []string{
		`testdata/bad-lexicon.yaml:category "a": kind "sentiment" must be "loaded", "epistemic" or "valence"`,
		"ev-b/broken.md:front matter opened on line 1 never closes",
	} {
		if !strings.Contains(joined, want) {
			t.Errorf("no problem %q in:\n%s", want, joined)
		}
	}
	// The lexicon that loads, then framing's own rules (the lexicon scorer
	// adds no model).
	if len(rep.Lexicons) != 2 || rep.Lexicons[0].Name != "small" || rep.Lexicons[1].Name != pipeline.RulesLexicon || rep.Corpus.Articles != 3 {
		t.Errorf("lexicons %+v, articles %d", rep.Lexicons, rep.Corpus.Articles)
	}
	if _, err := Build(context.Background(), fixtureConfig(0, "testdata/bad-lexicon.yaml")); err == nil ||
		!strings.Contains(err.Error(), "no lexicon could be loaded") {
		t.Errorf("with only a bad lexicon, err = %v", err)
	}
}

// The same corpus and lexicons give byte-identical report.json, run after run,
// whatever the worker count.
func TestReportIsDeterministic(t *testing.T) {
	first := jsonBytes(t, seedReport(t, 1))
	for _, w := range []int{8, 3} {
		if got := jsonBytes(t, seedReport(t, w)); !bytes.Equal(first, got) {
			t.Fatalf("report.json with %d workers differs from 1 worker", w)
		}
	}
	again, err := Build(context.Background(), Config{Config: pipeline.Config{Options: pipeline.Options{
		Corpus: shippedCorpus, Events: []string{seedEvent}, Workers: 1}}})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first, jsonBytes(t, again)) {
		t.Fatal("two runs with the same input differ")
	}
}

func TestCancelledRunStops(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Build(ctx, Config{Config: pipeline.Config{Options: pipeline.Options{Corpus: shippedCorpus}}}); err != context.Canceled {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

func TestUnknownEventIsAnError(t *testing.T) {
	_, err := Build(context.Background(), Config{Config: pipeline.Config{Options: pipeline.Options{Corpus: shippedCorpus, Events: []string{"no-such-event"}}}})
	if err == nil || !strings.Contains(err.Error(), `event "no-such-event": no articles`) {
		t.Errorf("err = %v", err)
	}
}

func TestMain(m *testing.M) {
	if _, err := os.Stat(shippedCorpus); err != nil {
		panic("run tests need the shipped corpus at " + shippedCorpus)
	}
	code := m.Run()
	if benchData.dir != "" {
		os.RemoveAll(benchData.dir)
	}
	os.Exit(code)
}

// report.json is streamed field by field (reports.WriteJSON); on a real
// report it is exactly what encoding/json writes for the whole value.
func TestStreamedJSONIsEncodingJSON(t *testing.T) {
	rep := seedReport(t, 2)
	var want bytes.Buffer
	enc := json.NewEncoder(&want)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(rep); err != nil {
		t.Fatal(err)
	}
	if got := jsonBytes(t, rep); !bytes.Equal(got, want.Bytes()) {
		t.Error("reports.WriteJSON differs from encoding/json on the seed report")
	}
}

// A report with no problems says so with an empty list, not null.
func TestNoProblemsIsAnEmptyList(t *testing.T) {
	rep := seedReport(t, 0)
	if len(rep.Problems) != 0 {
		t.Skipf("the seed event has problems: %v", rep.Problems)
	}
	if !bytes.Contains(jsonBytes(t, rep), []byte(`"problems": []`)) {
		t.Error(`report.json lacks "problems": []`)
	}
}
