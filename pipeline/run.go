package pipeline

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime"
	"sync"

	"github.com/framing/framing/corpus"
	"github.com/framing/framing/internal/diag"
	"github.com/framing/framing/reports"
)

// Stage names, as accepted in Options.StageWorkers.
const (
	StageRead      = "read"
	StageSegment   = "segment"
	StageStem      = "stem"
	StageMatch     = "match"
	StageVoice     = "voice"
	StageActors    = "actors"
	StageScore     = "score"
	StageNER       = "ner"
	StageSummarize = "summarize"
)

// StageNames lists the per-article stages, by name, in the order articles
// pass through them: read and segment, the Analyzer's Stages, summarize.
func StageNames() []string {
	return []string{StageRead, StageSegment, StageStem, StageMatch, StageVoice, StageActors, StageScore, StageNER, StageSummarize}
}

// Options configures a run.
type Options struct {
	Corpus string   // corpus directory
	Events []string // analyse only these event folders; empty means all

	// Workers is every stage's worker count; 0 means GOMAXPROCS.
	// StageWorkers overrides it per stage (keys: StageNames()).
	Workers      int
	StageWorkers map[string]int

	MaxArticleBytes int64       // per article file; 0 means corpus.DefaultMaxBytes
	Progress        Progress    // may be nil
	Cache           ResultCache // per-article results kept between runs; nil analyses everything

	// Only, when not nil, are the files to analyse (paths in the corpus, in
	// corpus order) instead of every file: a snapshot's added files.
	Only []string
}

// Analysed is one corpus file as AnalyzeCorpus hands it on.
type Analysed struct {
	Path     string   // relative to the corpus, slash-separated: its place in corpus order
	Stat     FileStat // taken before the file was read
	Hash     string   // sha256 of the file; "" when it could not be read
	Result   *ArticleResult
	Problems []*corpus.Problem
}

// A ResultCache keeps articles' results between runs, keyed by the article
// file's sha256 and its event gazetteer's (package cache stores them on
// disk). Put may fail: the cache only saves time.
type ResultCache interface {
	Get(articleHash, gazetteerHash string) *ArticleResult
	Put(articleHash, gazetteerHash string, r *ArticleResult) error
}

// Progress hears about a run's advance; the CLI turns it into a progress bar.
// Calls come from one goroutine.
type Progress interface {
	Start(total int)
	Step(path string)
	Finish()
}

func (o Options) workers(stage string) int {
	if n := o.StageWorkers[stage]; n > 0 {
		return n
	}
	if o.Workers > 0 {
		return o.Workers
	}
	return runtime.GOMAXPROCS(0)
}

// item is one article's envelope as it passes through the stages.
type item struct {
	seq     int
	path    string
	relPath string
	stat    FileStat
	art     *corpus.Article
	doc     *Doc
	result  *ArticleResult
	probs   []*corpus.Problem
}

// AnalyzeCorpus runs the per-article stages over every article of the corpus and
// calls sink with each file's result and problems, in corpus order (the
// order of corpus.List), whatever the worker counts.
//
// At most a window of articles is in flight between the reader and the sink,
// so memory does not grow with the corpus. A cancelled ctx stops the stages
// and AnalyzeCorpus returns ctx.Err().
func (a *Analyzer) AnalyzeCorpus(ctx context.Context, opts Options, sink func(*Analysed)) error {
	files := opts.Only
	if files == nil {
		var err error
		if files, err = ListFiles(opts); err != nil {
			return err
		}
	}
	if opts.Progress != nil {
		opts.Progress.Start(len(files))
		defer opts.Progress.Finish()
	}
	// Deferred after Finish, so run first: the reusable buffers are dropped
	// once the analysis is over, before anything measures what it keeps.
	defer a.dropBuffers()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	maxWorkers := 1
	for _, s := range StageNames() {
		maxWorkers = max(maxWorkers, opts.workers(s))
	}
	window := make(chan struct{}, 4*maxWorkers+8)

	src := make(chan *item)
	go func() {
		defer close(src)
		for i, path := range files {
			select {
			case window <- struct{}{}:
			case <-ctx.Done():
				return
			}
			select {
			case src <- &item{seq: i, path: path, relPath: RelPath(opts.Corpus, path)}:
			case <-ctx.Done():
				return
			}
		}
	}()

	read := stage(ctx, StageRead, opts.workers(StageRead), src, func(it *item) {
		it.stat = StatFile(it.path)
		it.art, it.probs = corpus.Read(it.path, opts.MaxArticleBytes)
		if it.art != nil && opts.Cache != nil {
			if r := opts.Cache.Get(it.art.Hash, a.GazetteerHash(it.art.Event)); r != nil {
				r.Article.Path = it.relPath // the file may have moved; its content has not
				it.result = r
			}
		}
	})
	seg := stage(ctx, StageSegment, opts.workers(StageSegment), read, func(it *item) {
		if it.art != nil && it.result == nil {
			it.doc = a.Segment(it.art)
		}
	})
	prev := seg
	for _, st := range a.stages {
		prev = stage(ctx, st.Name(), opts.workers(st.Name()), prev, func(it *item) {
			if it.doc != nil {
				st.Run(it.doc)
			}
		})
	}
	done := stage(ctx, StageSummarize, opts.workers(StageSummarize), prev, func(it *item) {
		if it.doc != nil {
			it.result = a.Summarize(it.doc, it.relPath)
			a.Release(it.doc)
			it.doc = nil // only the result travels on
			if opts.Cache != nil {
				// Encoded once, for the cache and the record files both.
				if enc, err := it.result.Encode(a.spans); err == nil {
					it.result.Encoded = enc
				}
				opts.Cache.Put(it.art.Hash, a.GazetteerHash(it.art.Event), it.result)
			}
		}
	})

	// Reorder: hold early arrivals until every earlier article has been sunk.
	pending := map[int]*item{}
	next := 0
	for it := range done {
		pending[it.seq] = it
		for {
			p, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			f := &Analysed{Path: p.relPath, Stat: p.stat, Result: p.result, Problems: p.probs}
			if p.art != nil {
				f.Hash = p.art.Hash
			}
			sink(f)
			if opts.Progress != nil {
				opts.Progress.Step(p.path)
			}
			<-window
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if next != len(files) {
		return fmt.Errorf("pipeline: %d of %d articles came through", next, len(files))
	}
	return nil
}

// stage runs fn over every item of in with n workers and passes each item on.
// Order is not kept here; AnalyzeCorpus restores it at the end. A panic in fn is
// that article's problem, not the run's: the article is dropped with an
// error naming the stage (isolate), and the rest of the corpus goes on.
func stage(ctx context.Context, name string, n int, in <-chan *item, fn func(*item)) <-chan *item {
	out := make(chan *item, n)
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for it := range in {
				if ctx.Err() != nil {
					continue // drain, so upstream goroutines can finish
				}
				isolate(name, it, fn)
				select {
				case out <- it:
				case <-ctx.Done():
				}
			}
		}()
	}
	go func() {
		wg.Wait()
		close(out)
	}()
	return out
}

// RelPath is a corpus file's path relative to the corpus, slash-separated:
// its name in reports and its place in corpus order.
func RelPath(corpusDir, path string) string {
	rel, err := filepath.Rel(corpusDir, path)
	if err != nil {
		rel = path
	}
	return filepath.ToSlash(rel)
}

// ListFiles lists the article files a run over opts reads. The problems of
// listing (an unreadable event folder, a link out of the corpus) are
// BuildRun's to report (listProblems).
func ListFiles(opts Options) ([]string, error) {
	files, _, err := corpus.List(opts.Corpus)
	if err != nil {
		return nil, err
	}
	return FilterEvents(files, opts.Events)
}

// ListProblems are the problems of listing a run's corpus, as report rows.
func ListProblems(opts Options) ([]reports.Problem, error) {
	_, probs, err := corpus.List(opts.Corpus)
	var rows []reports.Problem
	for _, p := range probs {
		if len(opts.Events) > 0 && !containsString(opts.Events, filepath.Base(filepath.Dir(p.Path))) && !containsString(opts.Events, filepath.Base(p.Path)) {
			continue
		}
		rows = append(rows, reports.ProblemFrom(p))
	}
	return rows, err
}

// FilterEvents keeps the files in the named event folders. Naming a folder that
// holds no article is an error: it is almost always a typo.
func FilterEvents(files, events []string) ([]string, error) {
	if len(events) == 0 {
		return files, nil
	}
	want := map[string]int{}
	for _, e := range events {
		want[e] = 0
	}
	var out []string
	for _, f := range files {
		ev := filepath.Base(filepath.Dir(f))
		if n, ok := want[ev]; ok {
			want[ev] = n + 1
			out = append(out, f)
		}
	}
	for _, e := range events {
		if want[e] == 0 {
			return nil, fmt.Errorf("event %q: no articles in that folder of the corpus", e)
		}
	}
	return out, nil
}

// isolate runs one stage on one article and turns a panic into an error
// problem on that article: its document and result are dropped (the token
// buffer goes to the collector, not back to the free list, since the
// stage may have left it half written), so later stages pass it through.
func isolate(name string, it *item, fn func(*item)) {
	defer func() {
		if r := recover(); r != nil {
			it.doc, it.result = nil, nil
			it.probs = append(it.probs, diag.Errorf(it.path, 0, CheckStage,
				"internal error in the %s stage: %v; the article was skipped (this is a bug in framing: please report it with the file)", name, r))
		}
	}()
	fn(it)
}

// CheckStage names the problems that are framing's fault rather than the
// file's (a stage that panicked on it), so that callers can tell the two
// apart: the CLI exits 3 when an article was skipped for it.
const CheckStage = "stage"

// AnalyzeFile analyses one article file from its bytes, as AnalyzeCorpus does a
// file it reads: path names the file in problems (as AnalyzeCorpus's would,
// corpus directory included), relPath is its place in the corpus. It is
// what a distributed run's workers do with the files they are sent.
func (a *Analyzer) AnalyzeFile(path, relPath string, data []byte, maxBytes int64) *Analysed {
	f := &Analysed{Path: filepath.ToSlash(relPath)}
	art, probs := corpus.ReadBytes(path, data, maxBytes)
	f.Problems = probs
	if art != nil {
		f.Hash = art.Hash
		f.Result = a.Analyze(art, f.Path)
	}
	return f
}
