package render

import (
	"fmt"
	"hash/crc32"
	"regexp"
	"strings"
	"sync"

	"github.com/framing/framing/reports"
)

// A Chart is one SVG figure of the report: written as a file next to
// report.md (which links it), inlined into report.html.
type Chart struct {
	ID    string // chartKey(Kind, Event)
	File  string // path under the report directory, e.g. "charts/pca-5f3a09c2.svg"
	Title string // what it shows, for captions and screen readers
	Event string // the event it is about, "" for the whole corpus
	Kind  string // categories | voice | similarity | pca
	SVG   []byte
}

// ChartDir is the folder of the report directory the charts are written to.
const ChartDir = "charts"

// Charts draws the report's figures. Each event gets its category rates
// (grouped bars), its loaded hits by voice, the similarity of its outlets
// (two or more) and their map (PCA, three or more); the whole corpus gets
// the voice bars, the similarity heatmap and the map. A figure whose data is
// missing is left out.
//
// A chart's file name ends with the CRC-32C of its SVG ("charts/voice-
// 5f3a09c2.svg"): a report.md links the charts of its own run, which a run
// that fails midway never overwrites, and WriteAll removes the
// charts no report links any more. A report draws its charts once
// (memoized): report.md and report.html share them.
func Charts(r *reports.Report) ([]Chart, error) {
	list, err := drawCharts(r)
	for i := range list {
		c := &list[i]
		c.File = strings.TrimSuffix(c.File, ".svg") + fmt.Sprintf("-%08x.svg", crc32.Checksum(c.SVG, castagnoli))
	}
	return list, err
}

// castagnoli is the CRC-32C table, as the record files' checksums use.
var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// memo is what the formats of one WriteAll share, computed once: the charts
// (report.md links them, report.html inlines them) and the digest of the
// records.
type memo struct {
	mu        sync.Mutex
	chartsOK  bool
	chartList []Chart
	chartErr  error
	digest    *digest
	digestKey digestKey
}

// charts are the report's charts, drawn once per memo.
func (opt RenderOptions) charts(r *reports.Report) ([]Chart, error) {
	if opt.memo == nil {
		return Charts(r)
	}
	m := opt.memo
	m.mu.Lock()
	defer m.mu.Unlock()
	if !m.chartsOK {
		m.chartList, m.chartErr = Charts(r)
		m.chartsOK = true
	}
	return m.chartList, m.chartErr
}

// chartLink is the file of the chart with this key, as report.md links it.
func chartLink(r *reports.Report, opt RenderOptions, key string) string {
	charts, _ := opt.charts(r)
	for _, c := range charts {
		if c.ID == key {
			return c.File
		}
	}
	return chartFile(key)
}

// hasChart reports whether the report has a chart with this key.
func hasChart(r *reports.Report, opt RenderOptions, key string) bool {
	charts, _ := opt.charts(r)
	for _, c := range charts {
		if c.ID == key {
			return true
		}
	}
	return false
}

func drawCharts(r *reports.Report) ([]Chart, error) {
	var out []Chart
	add := func(c Chart, event, kind string) {
		c.ID, c.Event, c.Kind = chartKey(kind, event), event, kind
		out = append(out, c)
	}
	for _, e := range r.Events {
		if len(e.Outlets) == 0 {
			continue
		}
		name := eventTitle(e)
		add(rateChart(chartKey("rates", e.Event), "Loaded words in each outlet's own voice: "+name, r, e), e.Event, "rates")
		add(voiceBars(chartKey("voice", e.Event), "Whose words the loaded terms are: "+name, e.Outlets, r.Categories), e.Event, "voice")
		if len(e.Outlets) == 2 {
			if c, ok := keynessChart(chartKey("keyness", e.Event), "Words that set the two outlets apart: "+name, e); ok {
				add(c, e.Event, "keyness")
			}
		}
		add(categoryBars(chartKey("categories", e.Event), "Category rates per outlet: "+name, e.Outlets, r.Categories), e.Event, "categories")
		if len(e.Outlets) >= 2 {
			add(heatmap(chartKey("similarity", e.Event), "How alike the outlets' category profiles are (all voices): "+name, similarityWhat, outletNames(e.Outlets), e.Comparison.Cosine), e.Event, "similarity")
		}
		if e.PCA != nil {
			c, err := pcaChart(chartKey("pca", e.Event), "Map of the outlets covering "+name+" (category rates, all voices)", e.PCA)
			if err != nil {
				return nil, err
			}
			add(c, e.Event, "pca")
		}
	}
	if len(r.Outlets) > 0 {
		add(voiceBars(chartKey("voice", ""), "Whose words the loaded terms are: every outlet", r.Outlets, r.Categories), "", "voice")
	}
	if len(r.Outlets) >= 2 {
		add(heatmap(chartKey("similarity", ""), "How alike the outlets' category profiles are (all voices): every outlet", similarityWhat, outletNames(r.Outlets), r.Comparison.Cosine), "", "similarity")
	}
	if r.PCA != nil {
		c, err := pcaChart(chartKey("pca", ""), "Map of outlets: first two principal components of their category rates (all voices)", r.PCA)
		if err != nil {
			return nil, err
		}
		add(c, "", "pca")
	}
	return out, nil
}

// eventTitle is how reports name an event: its event.yaml title, else its
// slug.
func eventTitle(e reports.EventReport) string {
	if e.Title != "" {
		return e.Title
	}
	return e.Event
}

const similarityWhat = "Cosine similarity of the outlets' per-1,000-word category rates: 1 means the same mix of categories, 0 nothing in common; a dash marks an outlet with no hits."

func outletNames(os []reports.Outlet) []string {
	names := make([]string, len(os))
	for i, o := range os {
		names[i] = o.Outlet
	}
	return names
}

var notIDChar = regexp.MustCompile(`[^a-z0-9]+`)

// chartID makes an element id from a chart's name: ids must be unique when
// the report's charts are inlined into one page.
func chartID(name string) string {
	return "chart-" + strings.Trim(notIDChar.ReplaceAllString(strings.ToLower(name), "-"), "-")
}

// chartKey is the element id of an event's chart of a kind (the whole
// corpus's when event is "").
func chartKey(kind, event string) string {
	if event == "" {
		return chartID(kind)
	}
	return chartID(kind + "-" + event)
}

// chartFile is where the chart with this id is written.
func chartFile(id string) string {
	return ChartDir + "/" + strings.TrimPrefix(id, "chart-") + ".svg"
}
