package run

import (
	"flag"
	"fmt"
	"strings"

	"github.com/framing/framing/aggregate"
	"github.com/framing/framing/corpus"
	"github.com/framing/framing/lexicons"
	"github.com/framing/framing/pipeline"
)

// Flags are the flags every command that builds a report shares (framing
// report, framing-beam), defined once so their names, defaults and help
// never drift apart.
type Flags struct {
	Corpus    string
	Lexicons  List
	Cues      string
	Events    List
	Resamples int
	Seed      uint64
	InlineMax int
	MaxBytes  int64
	VoiceOff  string
	Scorer    string
	Threshold float64
	Valence   float64
	Unlisted  float64
}

// List is a flag that may be given several times.
type List []string

func (l *List) String() string { return strings.Join(*l, ",") }

// Set adds one value.
func (l *List) Set(v string) error {
	*l = append(*l, v)
	return nil
}

// Register defines the shared flags on fs.
func (f *Flags) Register(fs *flag.FlagSet) {
	fs.StringVar(&f.Corpus, "corpus", corpus.DefaultDir, "corpus directory: one folder per event, one .md file per article")
	fs.Var(&f.Lexicons, "lexicon", fmt.Sprintf("lexicon to score with: a built-in name (%s), %q for the default set, or a .yaml/.dic file; repeat for several (default: %q)",
		strings.Join(lexicons.BuiltinNames(), ", "), lexicons.DefaultName, lexicons.DefaultName))
	fs.StringVar(&f.Cues, "cues", pipeline.DefaultCues, "cue list for the voice stage (report verbs, denials, negations, titles): a built-in name or a .yaml file")
	fs.Var(&f.Events, "event", "analyse only this event folder; repeat for several (default: every event)")
	fs.IntVar(&f.Resamples, "bootstrap", 1000, "bootstrap resamples for the 95% intervals (0 or less: no intervals)")
	fs.Uint64Var(&f.Seed, "seed", 1, "bootstrap seed: the same seed gives the same intervals")
	fs.IntVar(&f.InlineMax, "inline-records", DefaultInlineMax, "largest corpus (articles) whose hits, quotes, mentions and agency events are inlined in report.json; past it they go to hits.jsonl, quotes.jsonl, mentions.jsonl and agency.jsonl")
	fs.Int64Var(&f.MaxBytes, "max-article-bytes", corpus.DefaultMaxBytes, "largest article file to analyse, in bytes")
	fs.StringVar(&f.Scorer, "scorer", pipeline.ScorerModel, "what decides that a word counts as loaded: model (the loadedness model, the default) or lexicon (every match of a loaded category: LIWC-style counts)")
	fs.Float64Var(&f.Threshold, "threshold", 0, "one threshold of the loadedness model for every word (0: the model's own, by evidence class); higher highlights fewer words, more surely loaded: 'framing model eval' prints precision and recall along the curve")
	fs.Float64Var(&f.Valence, "valence-threshold", 0, "the model's threshold for words only the valence list holds (0: --threshold, or the model's own)")
	fs.Float64Var(&f.Unlisted, "unlisted-threshold", 0, "the model's threshold for words no lexicon lists (0: --threshold, or the model's own; 1: never)")
	fs.StringVar(&f.VoiceOff, "voice-off", "", "voice rules to switch off, comma-separated, for an ablation (see the README's voice rules): their spans fall through to the rules below")
}

// Config is the run the flags describe (no cache, no entity recognition:
// the caller decides those), or an error naming a flag's bad value.
func (f *Flags) Config() (Config, error) {
	off, err := pipeline.ParseVoiceRules(f.VoiceOff)
	if err != nil {
		return Config{}, fmt.Errorf("--voice-off: %w", err)
	}
	resamples := f.Resamples
	if resamples <= 0 {
		resamples = -1 // the statistics' "none"; 0 there means the default
	}
	return Config{
		Config: pipeline.Config{Options: pipeline.Options{Corpus: f.Corpus, Events: f.Events, MaxArticleBytes: f.MaxBytes},
			Lexicons: f.Lexicons, Cues: f.Cues, VoiceOff: off, Scorer: f.Scorer, Threshold: f.Threshold, ValenceThreshold: f.Valence, UnlistedThreshold: f.Unlisted},
		Stats:     aggregate.StatsOptions{Resamples: resamples, Seed: f.Seed},
		InlineMax: f.InlineMax,
	}, nil
}
