package pipeline

import (
	"errors"
	"fmt"
	"os"

	"github.com/framing/framing/corpus"
	"github.com/framing/framing/internal/tokenize"
	"github.com/framing/framing/lexicons"
	"github.com/framing/framing/model"
	"github.com/framing/framing/pipeline/voice"
)

// Config is what the analysis reads: the corpus and how to run over it, the
// lexicons, the cue list and whether entity recognition runs.
type Config struct {
	Options
	// Lexicons are --lexicon specs: built-in names, "default", or paths.
	// Empty means the default set.
	Lexicons []string
	// Cues is the cue list the voice stage reads: a built-in name or a path;
	// empty means the built-in "cues".
	Cues string
	// NER runs prose's entity recognizer to suggest names missing from the
	// gazetteers (the report's unlinked_entities).
	NER bool
	// VoiceOff switches voice rules off, for an ablation (VoiceRules).
	VoiceOff []VoiceRule
	// Scorer decides what counts as loaded: ScorerModel (the default) or
	// ScorerLexicon.
	Scorer string
	// Threshold, when above 0, replaces the model's acceptance thresholds
	// of every evidence class with one (an operating point of one's own: a
	// higher threshold highlights fewer words, more surely loaded; `framing
	// model eval` prints precision and recall along the curve);
	// ValenceThreshold and UnlistedThreshold, when above 0, then set the
	// thresholds of words only the valence list holds and of words no
	// lexicon lists.
	Threshold, UnlistedThreshold float64
	ValenceThreshold             float64
}

// DefaultCues names the built-in cue list.
const DefaultCues = "cues"

// CorpusFile is one article file of a run: its path as AnalyzeCorpus names it
// (the corpus directory joined) and its place in the corpus.
type CorpusFile struct {
	Path, Rel string
}

// CorpusFiles lists the article files a run over opts reads, in corpus
// order.
func CorpusFiles(opts Options) ([]CorpusFile, error) {
	files, err := ListFiles(opts)
	if err != nil {
		return nil, err
	}
	out := make([]CorpusFile, len(files))
	for i, f := range files {
		out[i] = CorpusFile{f, RelPath(opts.Corpus, f)}
	}
	return out, nil
}

// Prepare loads what a run reads — the lexicons, the cue list and, when the
// corpus directory exists, its gazetteers — and builds the Analyzer. A
// lexicon or gazetteer that fails to load is left out and its problems
// returned; Prepare fails only when no lexicon, or no cue list, loads.
func Prepare(cfg Config) (*Analyzer, []*lexicons.Problem, error) {
	// The tagger's and the segmenter's models load once per process, in
	// 40 ms or so: start them beside the lexicons (NewAnalyzer waits for
	// them, and gets their errors, if any).
	go tokenize.NewTagger()
	go tokenize.NewSegmenter()
	tok := tokenize.New()
	lexs, lprobs := lexicons.Loader{Tok: tok}.Load(cfg.Lexicons)
	if len(lexs) == 0 {
		return nil, lprobs, fmt.Errorf("no lexicon could be loaded: %w", errors.Join(problemErrors(lprobs)...))
	}
	cueSpec := cfg.Cues
	if cueSpec == "" {
		cueSpec = DefaultCues
	}
	cues, cprobs := lexicons.Loader{Tok: tok}.LoadOne(cueSpec)
	lprobs = append(lprobs, cprobs...)
	if cues == nil {
		return nil, lprobs, fmt.Errorf("cue list: %w", errors.Join(problemErrors(cprobs)...))
	}
	var gaz map[string]*lexicons.Gazetteer
	if cfg.Corpus != "" {
		events, err := corpus.Events(cfg.Corpus)
		if err != nil {
			return nil, lprobs, err
		}
		var gprobs []*lexicons.Problem
		gaz, gprobs = lexicons.LoadGazetteers(cfg.Corpus, events, tok)
		lprobs = append(lprobs, gprobs...)
	}
	var m *model.Model
	if cfg.Threshold > 0 || cfg.UnlistedThreshold > 0 || cfg.ValenceThreshold > 0 {
		d, err := model.Default()
		if err != nil {
			return nil, lprobs, err
		}
		x := *d
		if cfg.Threshold > 0 {
			x.Threshold, x.Valence, x.Unlisted = cfg.Threshold, cfg.Threshold, cfg.Threshold
		}
		if cfg.UnlistedThreshold > 0 {
			x.Unlisted = cfg.UnlistedThreshold
		}
		if cfg.ValenceThreshold > 0 {
			x.Valence = cfg.ValenceThreshold
		}
		m = &x
	}
	a, err := NewAnalyzer(Setup{Tok: tok, Lexicons: lexs, Cues: cues, Gazetteers: gaz, NER: cfg.NER, VoiceOff: cfg.VoiceOff,
		Scorer: cfg.Scorer, Model: m})
	return a, lprobs, err
}

func problemErrors(ps []*lexicons.Problem) []error {
	out := make([]error, len(ps))
	for i, p := range ps {
		out[i] = p
	}
	return out
}

// NERAutoMaxBytes is the largest corpus, in bytes of article files, for
// which --ner=auto runs entity recognition. prose's recognizer is ~95% of a
// run's cost (~44k tokens/s on 2 cores, METHODS §1), and its cost follows
// the text, not the number of articles (one 3.9 MB article ran it
// for three and a half minutes): 2 MiB is about 350,000 tokens, seconds of
// work, and covers a few hundred news articles — a researcher growing one
// event's gazetteer — while a large corpus, where the gazetteers do the real
// work anyway, is spared the half hour.
const NERAutoMaxBytes = 2 << 20

// ResolveNER turns the --ner flag (off, suggest, auto) into on or off.
func ResolveNER(mode, corpusDir string, events []string) (bool, error) {
	switch mode {
	case "off":
		return false, nil
	case "suggest", "on":
		return true, nil
	case "auto", "":
		files, _, err := corpus.List(corpusDir)
		if err != nil {
			return false, err
		}
		if files, err = FilterEvents(files, events); err != nil {
			return false, err
		}
		var size int64
		for _, f := range files {
			if st, err := os.Stat(f); err == nil {
				size += st.Size()
			}
			if size > NERAutoMaxBytes {
				return false, nil
			}
		}
		return true, nil
	}
	return false, fmt.Errorf("--ner %q: want off, suggest or auto", mode)
}

// VoiceRule names a voice rule (own-cue, quotation, attribution/forward,
// ...): the voice stage's rules, named here so that callers of the
// pipeline need not reach into its voice package.
type VoiceRule = voice.Rule

// VoiceRules are the voice rules in precedence order.
func VoiceRules() []VoiceRule { return voice.Rules() }

// ParseVoiceRules reads a comma-separated list of voice rule names.
func ParseVoiceRules(s string) ([]VoiceRule, error) { return voice.ParseRules(s) }
