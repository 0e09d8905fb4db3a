// Command framing-beam runs framing's analysis on Apache Beam, for corpora
// past one machine: the articles are analysed in parallel by
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

	"github.com/framing/framing/aggregate"
	"github.com/framing/framing/corpus"
	"github.com/framing/framing/lexicons"
	"github.com/framing/framing/pipeline"
	"github.com/framing/framing/reports"
	"github.com/framing/framing/run"
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
	VoiceOff []pipeline.VoiceRule
	Stats    aggregate.StatsOptions
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
	cfg := pipeline.Config{Cues: j.Cues, NER: j.NER, VoiceOff: j.VoiceOff, Options: pipeline.Options{Corpus: filepath.Join(dir, "corpus")}}
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
	g := aggregate.NewAggregator(f.a, f.Job.Stats)
	if f.Job.Records != "" {
		g.ExternalRecords()
	}
	g.AddAnalysed(f.a.AnalyzeFile(in.Path, in.Rel, in.Data, f.Job.MaxBytes))
	if rec := g.TakeRecords(in.Rel); rec != nil {
		var b bytes.Buffer
		if err := aggregate.EncodeRecords(&b, rec); err != nil {
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
	aggs := make([]*aggregate.Aggregator, len(acc.Parts))
	for i, p := range acc.Parts {
		g, err := aggregate.ReadPartial(f.a, f.Job.Stats, bytes.NewReader(p))
		if err != nil {
			return nil, err
		}
		aggs[i] = g
	}
	if len(aggs) == 0 {
		aggs = append(aggs, aggregate.NewAggregator(f.a, f.Job.Stats))
	}
	// Pairwise, so each file slot is copied log n times, not n.
	for len(aggs) > 1 {
		var next []*aggregate.Aggregator
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
func newJob(cfg run.Config) (Job, error) {
	j := Job{Files: map[string][]byte{}, Support: map[string][]byte{}, NER: cfg.NER, VoiceOff: cfg.VoiceOff, Stats: cfg.Stats, MaxBytes: cfg.MaxArticleBytes}
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

// Run analyses cfg's corpus on Beam and writes the report set into
// cfg.Out through run.Report, as framing report does (the same locks,
// writing and exit policy). aggregate is where the workers leave the merged
// aggregate for the launcher: "" is OUT/aggregate.partial, for the local
// runner; a cluster needs a URL both reach (gs://bucket/run.partial).
// records is where they leave each article's records when the corpus has
// more than cfg.InlineMax articles: "" is OUT/record-shards.
func Run(ctx context.Context, cfg run.ReportConfig, aggregate, records string) (*run.ReportResult, error) {
	out := cfg.Out
	if out == "" {
		out = run.DefaultOut
	}
	cfg.Build = func(ctx context.Context, c run.Config) (*reports.Report, run.RunInfo, error) {
		rep, err := build(ctx, c, out, aggregate, records)
		return rep, run.RunInfo{}, err
	}
	return run.Report(ctx, cfg)
}

// build analyses the corpus on Beam and returns the report the merged
// aggregate gives.
func build(ctx context.Context, cfg run.Config, out, aggPath, records string) (*reports.Report, error) {
	if cfg.Cues == "" {
		cfg.Cues = pipeline.DefaultCues
	}
	// The launcher's own Analyzer: it checks the lexicons load, and reads
	// the merged aggregate.
	a, lprobs, err := pipeline.Prepare(cfg.Config)
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
	local := aggPath == ""
	if local {
		if aggPath, err = filepath.Abs(filepath.Join(out, AggregateFile)); err != nil {
			return nil, err
		}
		// Read below; the report set holds it all.
		defer os.Remove(aggPath)
	}
	// Past InlineMax articles (framing report's rule), the records go to
	// shard files and then to the report's JSON Lines files.
	inlineMax := cfg.InlineMax
	if inlineMax == 0 {
		inlineMax = run.DefaultInlineMax
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
	g, err := aggregate.ReadPartial(a, cfg.Stats, bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	if job.Records != "" {
		// The record files belong to the report set being written (beside
		// --out, published with the rest), not to --out itself.
		recDir := cfg.NewRecordDir
		if recDir == "" {
			recDir = out
		}
		rf, err := reports.NewRecordFiles(recDir)
		if err != nil {
			return nil, err
		}
		err = g.AttachRecordShards(rf, func(rel string) (*reports.EncodedRecords, error) {
			b, err := readAggregate(ctx, shardPath(job.Records, rel))
			if err != nil {
				return nil, err
			}
			return aggregate.DecodeRecords(bytes.NewReader(b))
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
	if err := run.Finish(rep, cfg.Config, lprobs); err != nil {
		return nil, err
	}
	return rep, nil
}

func main() {
	var shared run.Flags
	shared.Register(flag.CommandLine)
	out := flag.String("out", run.DefaultOut, "directory to write the report set into")
	ner := flag.Bool("ner", false, "run entity recognition (suggests names missing from the gazetteers; ~95% of the cost)")
	records := flag.String("records", "", "where the workers leave each article's records past --inline-records: a directory (default OUT/record-shards) or a Beam filesystem URL both they and this launcher reach")
	aggregatePath := flag.String("aggregate", "", "where the workers leave the merged aggregate for this launcher: a local path (default: OUT/aggregate.partial, for the prism runner) or a Beam filesystem URL both reach (gs://bucket/framing.partial)")
	flag.Parse()
	beam.Init()
	runCfg, err := shared.Config()
	if err != nil {
		fmt.Fprintln(os.Stderr, "framing-beam:", err)
		os.Exit(2)
	}
	cfg := run.ReportConfig{Config: runCfg, Out: *out, Say: func(msg string) { fmt.Fprintln(os.Stderr, "framing-beam:", msg) }}
	cfg.NER = *ner
	res, err := Run(context.Background(), cfg, *aggregatePath, *records)
	if res != nil {
		for _, p := range res.Paths {
			fmt.Println(p)
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "framing-beam:", err)
		os.Exit(1)
	}
}
