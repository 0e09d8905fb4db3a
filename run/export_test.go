package run

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"

	"github.com/framing/framing/aggregate"
	"github.com/framing/framing/corpus"
	"github.com/framing/framing/pipeline"
	"github.com/framing/framing/render"
	"github.com/framing/framing/reports"
)

func readCSV(t *testing.T, write func(*bytes.Buffer) error) [][]string {
	t.Helper()
	var b bytes.Buffer
	if err := write(&b); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// The CSV exports of the seed report hold what report.json
// holds: a row per hit whose offsets point at its text in the article's
// file, the voices of a category adding up to its all-voice count, the
// headline figure and its interval; a null is an empty cell.
func TestCSVExports(t *testing.T) {
	rep := seedReport(t, 0)
	hits := readCSV(t, func(b *bytes.Buffer) error { return render.WriteHitsCSV(b, rep) })
	if !slices.Equal(hits[0], render.HitsCSVHeader) || len(hits)-1 != len(rep.Hits) {
		t.Fatalf("hits.csv: error: header %q, %d rows for %d hits", hits[0], len(hits)-1, len(rep.Hits))
	}
	col := func(header []string, name string) int { return slices.Index(header, name) }
	texts := corpus.TextReader(shippedCorpus, 0)
	byID := map[string]reports.Article{}
	for _, a := range rep.Articles {
		byID[a.ID] = a
	}
	for _, row := range hits[1:] {
		a := byID[row[col(render.HitsCSVHeader, "article")]]
		title, body, err := texts(a.Path)
		if err != nil {
			t.Fatal(err)
		}
		field := body
		if row[col(render.HitsCSVHeader, "field")] == "title" {
			field = title
		}
		start, _ := strconv.Atoi(row[col(render.HitsCSVHeader, "start")])
		end, _ := strconv.Atoi(row[col(render.HitsCSVHeader, "end")])
		if field[start:end] != row[col(render.HitsCSVHeader, "text")] || row[col(render.HitsCSVHeader, "event")] != seedEvent {
			t.Fatalf("hits.csv row %q: the article has %q there", row, field[start:end])
		}
	}
	// The model's verdict travels with each hit.
	counted := 0
	for i, row := range hits[1:] {
		h := rep.Hits[i]
		if row[col(render.HitsCSVHeader, "counted")] != strconv.FormatBool(h.Counted) || row[col(render.HitsCSVHeader, "kind")] != h.Kind ||
			row[col(render.HitsCSVHeader, "categories")] != strings.Join(h.Categories, "|") {
			t.Fatalf("hits.csv row %d %q: hit counted %v kind %s categories %v", i, row, h.Counted, h.Kind, h.Categories)
		}
		if h.Counted {
			counted++
		}
	}
	if counted == 0 || counted == len(rep.Hits) {
		t.Errorf("%d of %d hits counted: the model decides nothing", counted, len(rep.Hits))
	}

	outlets := readCSV(t, func(b *bytes.Buffer) error { return render.WriteOutletsCSV(b, rep) })
	h := outlets[0]
	if !slices.Equal(h, render.OutletsCSVHeader) {
		t.Fatalf("outlets.csv header %q", h)
	}
	type key struct{ event, outlet, category string }
	all, voices := map[key]int{}, map[key]int{}
	headline := map[string][]string{}
	for _, row := range outlets[1:] {
		k := key{row[col(h, "event")], row[col(h, "outlet")], row[col(h, "category")]}
		n, _ := strconv.Atoi(row[col(h, "hits")])
		switch v := row[col(h, "voice")]; {
		case v == "all":
			all[k] += n
		case k.category != "loaded":
			voices[k] += n
		}
		if k.event == seedEvent && k.category == "loaded" && row[col(h, "voice")] == "authorial" {
			headline[k.outlet] = row
		}
	}
	for k, n := range all {
		if k.category != "loaded" && voices[k] != n {
			t.Errorf("%v: voices add up to %d hits, all voices %d", k, voices[k], n)
		}
	}
	for _, o := range rep.Events[0].Outlets {
		row := headline[o.Outlet]
		want := []string{csvFloatOf(o.AuthorialPer1k), csvFloatOf(o.AuthorialPer1kCI[0]), csvFloatOf(o.AuthorialPer1kCI[1])}
		if row == nil || !slices.Equal(row[col(h, "per_1k"):], want) {
			t.Errorf("%s: headline row %q, want per_1k and interval %q", o.Outlet, row, want)
		}
	}

	// Without the bootstrap, intervals are null: empty cells.
	noCI, err := Build(context.Background(), Config{Config: pipeline.Config{Options: pipeline.Options{Corpus: shippedCorpus, Events: []string{seedEvent}}}, Stats: aggregate.StatsOptions{Resamples: -1}})
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range readCSV(t, func(b *bytes.Buffer) error { return render.WriteOutletsCSV(b, noCI) })[1:] {
		if row[col(h, "ci_lo")] != "" || row[col(h, "ci_hi")] != "" {
			t.Fatalf("no bootstrap, yet row %q has an interval", row)
		}
	}

	arts := readCSV(t, func(b *bytes.Buffer) error { return render.WriteArticlesCSV(b, rep) })
	if len(arts)-1 != len(rep.Articles) || arts[1][col(render.ArticlesCSVHeader, "id")] != rep.Articles[0].ID {
		t.Errorf("articles.csv: %d rows for %d articles", len(arts)-1, len(rep.Articles))
	}
}

func csvFloatOf(f reports.Float) string {
	b, _ := f.MarshalJSON()
	if string(b) == "null" {
		return ""
	}
	return string(b)
}

// hits.parquet reads back, with a Parquet reader, as the report's hits.
func TestHitsParquet(t *testing.T) {
	rep := seedReport(t, 0)
	path := filepath.Join(t.TempDir(), "hits.parquet")
	var b bytes.Buffer
	if err := render.WriteHitsParquet(&b, rep); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	rows, err := parquet.ReadFile[render.HitRow](path)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(rep.Hits) {
		t.Fatalf("%d rows for %d hits", len(rows), len(rep.Hits))
	}
	for i, r := range rows {
		h := rep.Hits[i]
		if r.Index != int64(i) || r.Article != h.Article || r.Start != int64(h.Start) || r.End != int64(h.End) || r.Text != h.Text ||
			r.Term != h.Term || r.Category != h.Category || r.Voice != h.Voice || r.Speaker != h.Speaker || r.Event != seedEvent ||
			r.Counted != h.Counted || r.Kind != h.Kind || r.ScoringRule != h.ScoringRule {
			t.Fatalf("row %d %+v, hit %+v", i, r, h)
		}
	}
	var j bytes.Buffer
	if err := reports.WriteJSON(&j, rep); err != nil {
		t.Fatal(err)
	}
	t.Logf("hits.parquet %d bytes for %d hits (report.json %d bytes)", b.Len(), len(rows), j.Len())
}

// The record files are written by hand-made appenders (reports/jsonline.go,
// faster than encoding/json's reflection): every record of the seed event encodes to the line
// encoding/json writes for it.
func TestRecordLinesAsEncodingJSON(t *testing.T) {
	rep := seedReport(t, 0)
	if len(rep.Hits) < 100 || len(rep.Quotes) == 0 || len(rep.Mentions) == 0 || len(rep.Agency) == 0 {
		t.Fatalf("seed report too small: %d hits, %d quotes, %d mentions, %d agency events",
			len(rep.Hits), len(rep.Quotes), len(rep.Mentions), len(rep.Agency))
	}
	enc, err := reports.EncodeRecords(nil, rep.Hits, rep.Quotes, rep.Mentions, rep.Agency)
	if err != nil {
		t.Fatal(err)
	}
	lines := func(rows any) []byte {
		var b bytes.Buffer
		e := json.NewEncoder(&b)
		e.SetEscapeHTML(false)
		v := reflect.ValueOf(rows)
		for i := range v.Len() {
			if err := e.Encode(v.Index(i).Addr().Interface()); err != nil {
				t.Fatal(err)
			}
		}
		return b.Bytes()
	}
	for k, rows := range []any{rep.Hits, rep.Quotes, rep.Mentions, rep.Agency} {
		if want := lines(rows); !bytes.Equal(enc.Lines[k], want) {
			t.Errorf("record kind %d: the appenders' %d bytes differ from encoding/json's %d", k, len(enc.Lines[k]), len(want))
		}
	}
}

// The exports rebuild every headline figure without report.json: the
// counted hits of hits.csv, each span once, by outlet, event and voice, are
// outlets.csv's loaded counts; those over the outlet's words are its rates;
// every rate row has an interval holding it.
func TestHeadlineFiguresFromTheCSVsAlone(t *testing.T) {
	rep, err := corpusReport()
	if err != nil {
		t.Fatal(err)
	}
	hits := readCSV(t, func(b *bytes.Buffer) error { return render.WriteHitsCSV(b, rep) })
	outlets := readCSV(t, func(b *bytes.Buffer) error { return render.WriteOutletsCSV(b, rep) })
	hh, oh := hits[0], outlets[0]
	col := func(header []string, name string) int { return slices.Index(header, name) }
	type key struct{ event, outlet, voice string }
	counted := map[key]int{}
	seen := map[string]bool{}
	for _, row := range hits[1:] {
		span := row[col(hh, "article")] + "/" + row[col(hh, "field")] + "/" + row[col(hh, "start")] + "/" + row[col(hh, "end")]
		if row[col(hh, "counted")] != "true" || seen[span] {
			continue
		}
		seen[span] = true
		ev, outlet, voice := row[col(hh, "event")], row[col(hh, "outlet")], row[col(hh, "voice")]
		for _, k := range []key{{ev, outlet, voice}, {ev, outlet, "all"}, {"", outlet, voice}, {"", outlet, "all"}} {
			counted[k]++
		}
	}
	rows := 0
	for _, row := range outlets[1:] {
		if row[col(oh, "category")] != "loaded" {
			continue
		}
		k := key{row[col(oh, "event")], row[col(oh, "outlet")], row[col(oh, "voice")]}
		n, _ := strconv.Atoi(row[col(oh, "hits")])
		tokens, _ := strconv.Atoi(row[col(oh, "tokens")])
		per1k, _ := strconv.ParseFloat(row[col(oh, "per_1k")], 64)
		lo, errLo := strconv.ParseFloat(row[col(oh, "ci_lo")], 64)
		hi, errHi := strconv.ParseFloat(row[col(oh, "ci_hi")], 64)
		if n != counted[k] {
			t.Errorf("%v: outlets.csv says %d loaded words, hits.csv's counted spans %d", k, n, counted[k])
		}
		if math.Abs(per1k-1000*float64(n)/float64(tokens)) > 1e-5 {
			t.Errorf("%v: per_1k %v for %d in %d words", k, per1k, n, tokens)
		}
		if errLo != nil || errHi != nil || !(lo <= per1k+1e-9 && per1k <= hi+1e-9) || lo == hi {
			t.Errorf("%v: interval [%s, %s] for %v", k, row[col(oh, "ci_lo")], row[col(oh, "ci_hi")], per1k)
		}
		rows++
	}
	if rows < 2*len(rep.Outlets) {
		t.Errorf("%d loaded rows for %d outlets", rows, len(rep.Outlets))
	}
	// Every rate row has an interval.
	for _, row := range outlets[1:] {
		if tokens, _ := strconv.Atoi(row[col(oh, "tokens")]); tokens > 0 && (row[col(oh, "ci_lo")] == "" || row[col(oh, "ci_hi")] == "") {
			t.Fatalf("row %q has no interval", row)
		}
	}
}
