// Command framing-beam runs framing's analysis on Apache Beam, for corpora
// past one machine (issue 19): the articles are analysed in parallel by
// Beam workers, their aggregates merged by a CombineFn, and the report
// written by this launcher from the merged aggregate — byte for byte the
// report `framing report` writes for the same corpus (beam_test.go checks
// it on the local prism runner).
//
//	go run ./beam --corpus corpus --out reports/out            # the in-process prism runner
//	go run ./beam --runner flink --endpoint localhost:8099 --aggregate /shared/run.partial …
//
// The launcher reads the corpus and sends the articles' bytes; the README
// says how to run it on Flink, Spark and Dataflow.
//
// It is a module of its own (beam/go.mod) so that `framing` and its build
// stay small: the Beam Go SDK brings some ninety modules.
//
// The pipeline:
//
//  1. Create: every article file of the corpus, as (path, place in the
//     corpus, bytes), read by the launcher.
//  2. ParDo analyseFn: one article at a time, with an Analyzer built once
//     per worker in Setup from the job's lexicons, cue list and
//     gazetteers, sent as bytes; it emits the article's aggregate as a
//     partial (pipeline.Aggregator.WritePartial).
//  3. Combine mergeFn: the partials of the whole corpus merged into one
//     (pipeline.Aggregator.Merge, which gives the bytes of a single run
//     whatever the order); accumulators are lists of partials, merged
//     pairwise at the end, so no partial is decoded twice.
//  4. ParDo writeFn: the merged aggregate written where the launcher reads
//     it (--aggregate: out/aggregate.partial by default, a gs:// or s3://
//     URL on a cluster).
//
// Then the launcher reads aggregate.partial, computes the statistics (the
// bootstrap, comparisons, distinctive terms) and writes the report set.
// Records (hits, quotes, mentions, agency events) travel inline in the
// partials up to --inline-records articles (500, framing report's rule);
// past it, each worker writes an article's records as a shard file keyed by
// the article (--records, out/record-shards by default), the partials carry
// only their index, and the launcher streams the shards into hits.jsonl and
// friends in corpus order, holding one article's records at a time.
package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/gcs"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/local"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/runners/prism"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/x/beamx"

	"github.com/framing/framing/corpus"
	"github.com/framing/framing/internal/atomicfile"
	"github.com/framing/framing/lexicons"
	"github.com/framing/framing/pipeline"
	"github.com/framing/framing/render"
	"github.com/framing/framing/reports"
)

func init() {
	register.DoFn2x2[context.Context, article, []byte, error](&analyseFn{})
	register.Combiner3[partials, []byte, []byte](&mergeFn{})
	register.DoFn2x1[context.Context, []byte, error](&writeFn{})
	beam.RegisterType(reflect.TypeOf((*article)(nil)).Elem())
	beam.RegisterType(reflect.TypeOf((*partials)(nil)).Elem())
}

// article is one corpus file as the workers get it.
type article struct {
	Path string // as framing report names it: the corpus directory joined
	Rel  string // its place in the corpus
	Data []byte
}

// Job is what every worker needs to build the Analyzer the launcher
// builds: the lexicons and cue list (built-in names, or files sent as
// bytes) and the corpus's gazetteers, sent as bytes.
type Job struct {
	Lexicons []string          // specs, a file spec as "file:NAME" (in Files)
	Cues     string            // spec, as Lexicons
	Files    map[string][]byte // lexicon and cue files by NAME
	Support  map[string][]byte // the corpus's actors.yaml files, by path in the corpus
	Events   []string
	NER      bool
	Stats    pipeline.StatsOptions
	MaxBytes int64
	// Records, when set, is where each article's records go, as a shard
	// file keyed by the article (a directory or a Beam filesystem URL); the
	// aggregates then carry only their index. "" keeps them inline.
	Records string
}

// analyzer builds the job's Analyzer in a fresh directory holding the files
// the job carries.
func (j Job) analyzer() (*pipeline.Analyzer, error) {
	dir, err := os.MkdirTemp("", "framing-beam-")
	if err != nil {
		return nil, err
	}
	write := func(rel string, data []byte) error {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		return os.WriteFile(p, data, 0o644)
	}
	spec := func(s string) (string, error) {
		name, ok := strings.CutPrefix(s, "file:")
		if !ok {
			return s, nil
		}
		p := filepath.Join("lexicons", name)
		return filepath.Join(dir, p), write(p, j.Files[name])
	}
	cfg := pipeline.Config{Cues: j.Cues, NER: j.NER, Options: pipeline.Options{Corpus: filepath.Join(dir, "corpus")}}
	if err := os.MkdirAll(cfg.Corpus, 0o755); err != nil {
		return nil, err
	}
	for _, ev := range j.Events {
		if err := os.MkdirAll(filepath.Join(cfg.Corpus, ev), 0o755); err != nil {
			return nil, err
		}
	}
	for rel, data := range j.Support {
		if err := write(filepath.Join("corpus", rel), data); err != nil {
			return nil, err
		}
	}
	for _, l := range j.Lexicons {
		s, err := spec(l)
		if err != nil {
			return nil, err
		}
		cfg.Lexicons = append(cfg.Lexicons, s)
	}
	if cfg.Cues, err = spec(j.Cues); err != nil {
		return nil, err
	}
	a, _, err := pipeline.Prepare(cfg)
	return a, err
}

// analyseFn analyses one article into its partial aggregate.
type analyseFn struct {
	Job Job
	a   *pipeline.Analyzer
}

func (f *analyseFn) Setup() error {
	var err error
	f.a, err = f.Job.analyzer()
	return err
}

func (f *analyseFn) ProcessElement(ctx context.Context, in article) ([]byte, error) {
	g := pipeline.NewAggregator(f.a, f.Job.Stats)
	if f.Job.Records != "" {
		g.ExternalRecords()
	}
	g.AddAnalysed(f.a.AnalyseFile(in.Path, in.Rel, in.Data, f.Job.MaxBytes))
	if rec := g.TakeRecords(in.Rel); rec != nil {
		var b bytes.Buffer
		if err := pipeline.EncodeRecords(&b, rec); err != nil {
			return nil, err
		}
		if err := writeURL(ctx, shardPath(f.Job.Records, in.Rel), b.Bytes()); err != nil {
			return nil, fmt.Errorf("%s: records: %w", in.Path, err)
		}
	}
	var b bytes.Buffer
	if err := g.WritePartial(&b); err != nil {
		return nil, fmt.Errorf("%s: %w", in.Path, err)
	}
	return b.Bytes(), nil
}

// partials accumulates partial aggregates unmerged: merging is cheap only
// pairwise, once, at the end.
type partials struct {
	Parts [][]byte
}

// mergeFn merges the corpus's partial aggregates into one.
type mergeFn struct {
	Job Job
	a   *pipeline.Analyzer
}

func (f *mergeFn) Setup() error {
	var err error
	f.a, err = f.Job.analyzer()
	return err
}

func (f *mergeFn) CreateAccumulator() partials { return partials{} }

func (f *mergeFn) AddInput(acc partials, in []byte) partials {
	acc.Parts = append(acc.Parts, in)
	return acc
}

func (f *mergeFn) MergeAccumulators(a, b partials) partials {
	a.Parts = append(a.Parts, b.Parts...)
	return a
}

func (f *mergeFn) ExtractOutput(acc partials) ([]byte, error) {
	aggs := make([]*pipeline.Aggregator, len(acc.Parts))
	for i, p := range acc.Parts {
		g, err := f.a.ReadPartial(f.Job.Stats, bytes.NewReader(p))
		if err != nil {
			return nil, err
		}
		aggs[i] = g
	}
	if len(aggs) == 0 {
		aggs = append(aggs, pipeline.NewAggregator(f.a, f.Job.Stats))
	}
	// Pairwise, so each file slot is copied log n times, not n.
	for len(aggs) > 1 {
		var next []*pipeline.Aggregator
		for i := 0; i+1 < len(aggs); i += 2 {
			if err := aggs[i].Merge(aggs[i+1]); err != nil {
				return nil, err
			}
			next = append(next, aggs[i])
		}
		if len(aggs)%2 == 1 {
			next = append(next, aggs[len(aggs)-1])
		}
		aggs = next
	}
	var b bytes.Buffer
	err := aggs[0].WritePartial(&b)
	return b.Bytes(), err
}

// writeFn writes the merged aggregate where the launcher reads it: a local
// path (prism, a shared disk) or a URL of a Beam filesystem (gs://, s3://)
// that workers and launcher both reach.
type writeFn struct {
	Path string
}

func (f *writeFn) ProcessElement(ctx context.Context, merged []byte) error {
	return writeURL(ctx, f.Path, merged)
}

// writeURL writes data to a local path or a Beam filesystem URL.
func writeURL(ctx context.Context, path string, data []byte) error {
	fsys, err := filesystem.New(ctx, path)
	if err != nil {
		return err
	}
	defer fsys.Close()
	w, err := fsys.OpenWrite(ctx, path)
	if err != nil {
		return err
	}
	if _, err := w.Write(data); err != nil {
		w.Close()
		return err
	}
	return w.Close()
}

// shardPath is where an article's records go: a file named by its place in
// the corpus (hashed: a name any filesystem takes), in the records
// directory or URL.
func shardPath(records, rel string) string {
	sum := sha256.Sum256([]byte(rel))
	return strings.TrimSuffix(records, "/") + "/" + hex.EncodeToString(sum[:12]) + ".rec"
}

// readAggregate reads what writeFn (or writeURL) wrote.
func readAggregate(ctx context.Context, path string) ([]byte, error) {
	fsys, err := filesystem.New(ctx, path)
	if err != nil {
		return nil, err
	}
	defer fsys.Close()
	r, err := fsys.OpenRead(ctx, path)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return io.ReadAll(r)
}

// AggregateFile is the merged aggregate's file in --out.
const AggregateFile = "aggregate.partial"

// newJob reads what the workers need from the launcher's files.
func newJob(cfg pipeline.Config) (Job, error) {
	j := Job{Files: map[string][]byte{}, Support: map[string][]byte{}, NER: cfg.NER, Stats: cfg.Stats, MaxBytes: cfg.MaxArticleBytes}
	spec := func(s string) (string, error) {
		if !strings.HasSuffix(s, ".yaml") && !strings.HasSuffix(s, ".yml") && !strings.HasSuffix(s, ".dic") {
			return s, nil // a built-in name
		}
		data, err := os.ReadFile(s)
		if err != nil {
			return "", err
		}
		name := fmt.Sprintf("%d-%s", len(j.Files), filepath.Base(s))
		j.Files[name] = data
		return "file:" + name, nil
	}
	for _, l := range cfg.Lexicons {
		s, err := spec(l)
		if err != nil {
			return j, err
		}
		j.Lexicons = append(j.Lexicons, s)
	}
	var err error
	if j.Cues, err = spec(cfg.Cues); err != nil {
		return j, err
	}
	events, err := corpus.Events(cfg.Corpus)
	if err != nil {
		return j, err
	}
	j.Events = events
	for _, rel := range append([]string{lexicons.GazetteerFile}, eventFiles(events, lexicons.GazetteerFile)...) {
		data, err := os.ReadFile(filepath.Join(cfg.Corpus, rel))
		if err == nil {
			j.Support[filepath.ToSlash(rel)] = data
		} else if !errors.Is(err, fs.ErrNotExist) {
			return j, err
		}
	}
	return j, nil
}

func eventFiles(events []string, name string) []string {
	out := make([]string, len(events))
	for i, ev := range events {
		out[i] = filepath.Join(ev, name)
	}
	return out
}

// RecordShardDir is where, in --out, the workers leave the articles'
// records by default.
const RecordShardDir = "record-shards"

// Run analyses cfg's corpus on Beam and writes the report set into out; it
// returns the paths written. aggregate is where the workers leave the
// merged aggregate for the launcher: "" is out/aggregate.partial, for the
// local runner; a cluster needs a URL both reach (gs://bucket/run.partial).
// records is where they leave each article's records when the corpus has
// more than cfg.InlineMax articles: "" is out/record-shards.
func Run(ctx context.Context, cfg pipeline.Config, out, aggregate, records string) ([]string, error) {
	if cfg.Cues == "" {
		cfg.Cues = pipeline.DefaultCues
	}
	// The launcher's own Analyzer: it checks the lexicons load, and reads
	// the merged aggregate.
	a, lprobs, err := pipeline.Prepare(cfg)
	if err != nil {
		return nil, err
	}
	job, err := newJob(cfg)
	if err != nil {
		return nil, err
	}
	files, err := pipeline.CorpusFiles(cfg.Options)
	if err != nil {
		return nil, err
	}
	var arts []article
	for _, f := range files {
		data, err := os.ReadFile(f.Path)
		if err != nil {
			return nil, err
		}
		arts = append(arts, article{Path: f.Path, Rel: f.Rel, Data: data})
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return nil, err
	}
	aggPath := aggregate
	if aggPath == "" {
		if aggPath, err = filepath.Abs(filepath.Join(out, AggregateFile)); err != nil {
			return nil, err
		}
	}
	// Past InlineMax articles (framing report's rule), the records go to
	// shard files and then to the report's JSON Lines files.
	inlineMax := cfg.InlineMax
	if inlineMax == 0 {
		inlineMax = pipeline.DefaultInlineMax
	}
	if len(arts) > inlineMax {
		job.Records = records
		if job.Records == "" {
			if job.Records, err = filepath.Abs(filepath.Join(out, RecordShardDir)); err != nil {
				return nil, err
			}
			if err := os.MkdirAll(job.Records, 0o755); err != nil {
				return nil, err
			}
			defer os.RemoveAll(job.Records)
		}
	}
	p, s := beam.NewPipelineWithRoot()
	col := beam.CreateList(s, arts)
	parts := beam.ParDo(s, &analyseFn{Job: job}, col)
	merged := beam.Combine(s, &mergeFn{Job: job}, parts)
	beam.ParDo0(s, &writeFn{Path: aggPath}, merged)
	if err := beamx.Run(ctx, p); err != nil {
		return nil, fmt.Errorf("beam: %w", err)
	}

	data, err := readAggregate(ctx, aggPath)
	if err != nil {
		return nil, err
	}
	g, err := a.ReadPartial(cfg.Stats, bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	if job.Records != "" {
		rf, err := reports.NewRecordFiles(out)
		if err != nil {
			return nil, err
		}
		err = g.AttachRecordShards(rf, func(rel string) (*reports.EncodedRecords, error) {
			b, err := readAggregate(ctx, shardPath(job.Records, rel))
			if err != nil {
				return nil, err
			}
			return pipeline.DecodeRecords(bytes.NewReader(b))
		})
		if err != nil {
			rf.Discard()
			return nil, err
		}
	}
	rep, err := g.Report()
	if err != nil {
		return nil, err
	}
	if err := pipeline.Finish(rep, cfg, lprobs); err != nil {
		return nil, err
	}
	lock, err := atomicfile.WaitLock(ctx, out, "framing-beam", nil)
	if err != nil {
		return nil, err
	}
	defer lock.Unlock()
	paths, err := render.WriteAll(out, rep, render.RenderOptions{Texts: corpus.TextReader(cfg.Corpus, cfg.MaxArticleBytes)})
	if err == nil && aggregate == "" {
		err = os.Remove(aggPath) // read; the report set holds it all
	}
	return paths, err
}

type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

func main() {
	var lexs multiFlag
	corpusDir := flag.String("corpus", corpus.DefaultDir, "corpus directory, read by this launcher")
	out := flag.String("out", "reports/out", "directory to write the report set into")
	flag.Var(&lexs, "lexicon", "lexicon: a built-in name, \"default\", or a .yaml/.dic file; repeat for several")
	cues := flag.String("cues", pipeline.DefaultCues, "cue list: a built-in name or a .yaml file")
	ner := flag.Bool("ner", false, "run entity recognition (suggests names missing from the gazetteers; ~95% of the cost)")
	resamples := flag.Int("bootstrap", 1000, "bootstrap resamples (0 or less: no intervals)")
	seed := flag.Uint64("seed", 1, "bootstrap seed")
	inlineMax := flag.Int("inline-records", pipeline.DefaultInlineMax, "largest corpus (articles) whose records are inlined in report.json; past it they travel as shard files, one per article, and end in hits.jsonl and friends")
	records := flag.String("records", "", "where the workers leave each article's records past --inline-records: a directory (default OUT/record-shards) or a Beam filesystem URL both they and this launcher reach")
	aggregate := flag.String("aggregate", "", "where the workers leave the merged aggregate for this launcher: a local path (default: OUT/aggregate.partial, for the prism runner) or a Beam filesystem URL both reach (gs://bucket/framing.partial)")
	flag.Parse()
	beam.Init()
	if *resamples <= 0 {
		*resamples = -1
	}
	cfg := pipeline.Config{Options: pipeline.Options{Corpus: *corpusDir}, Lexicons: lexs, Cues: *cues, NER: *ner,
		Stats: pipeline.StatsOptions{Resamples: *resamples, Seed: *seed}, InlineMax: *inlineMax}
	paths, err := Run(context.Background(), cfg, *out, *aggregate, *records)
	if err != nil {
		fmt.Fprintln(os.Stderr, "framing-beam:", err)
		os.Exit(1)
	}
	for _, p := range paths {
		fmt.Println(p)
	}
}
