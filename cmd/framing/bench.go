package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/framing/framing/bench"
	"github.com/framing/framing/corpus"
	"github.com/framing/framing/internal/synth"
)

func runBench(ctx context.Context, args []string, st streams) error {
	switch {
	case len(args) > 0 && args[0] == "gen":
		return runBenchGen(ctx, args[1:], st)
	case len(args) > 0 && args[0] == "prose":
		return runBenchProse(ctx, args[1:], st)
	case len(args) > 0 && (args[0] == "-h" || args[0] == "-help" || args[0] == "--help" || args[0] == "help"):
		fmt.Fprintln(st.out, benchUsage+"\n\nEach takes --help.")
		return nil
	}
	return &exitError{2, errors.New(benchUsage + " (see --help)")}
}

const benchUsage = "usage: framing bench gen --articles N --out DIR | framing bench prose --corpus DIR --mode tokenize|tag|ner"

// runBenchProse times prose alone over a corpus: the baselines framing's
// speed is judged against. Standard output gets one tab-separated line
// (mode, articles, tokens, seconds, tokens per second) for scripts.
func runBenchProse(ctx context.Context, args []string, st streams) error {
	fs := newFlags("bench prose", "bench prose --corpus DIR --mode tokenize|tag|ner [--workers N]", st.err)
	dir := fs.String("corpus", corpus.DefaultDir, "corpus to run prose over")
	mode := fs.String("mode", bench.BaselineTag, "tokenize (prose's tokenizer alone), tag (a Document without entities), ner (a Document with every model: the naive way)")
	workers := fs.Int("workers", 0, "goroutines (0: one per CPU)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return &exitError{2, fmt.Errorf("unexpected argument %q (see --help)", fs.Arg(0))}
	}
	res, err := bench.ProseBaseline(ctx, *dir, *mode, *workers)
	if err != nil {
		return err
	}
	fmt.Fprintf(st.out, "%s\t%d\t%d\t%.3f\t%.0f\n", res.Mode, res.Articles, res.Tokens, res.Elapsed.Seconds(), res.TokensPerSecond())
	fmt.Fprintf(st.err, "framing: prose %s: %d articles, %d tokens in %s: %.0f tokens/s\n",
		res.Mode, res.Articles, res.Tokens, res.Elapsed.Round(time.Millisecond), res.TokensPerSecond())
	return nil
}

func runBenchGen(ctx context.Context, args []string, st streams) error {
	fs := newFlags("bench gen", "bench gen --articles N --out DIR [--corpus SRC | --news FILE.jsonl] [--outlets M] [--events E] [--seed S]", st.err)
	n := fs.Int("articles", 1000, "articles to write")
	out := fs.String("out", "", "directory to write the corpus into (must not exist, or be empty)")
	src := fs.String("corpus", corpus.DefaultDir, "corpus whose articles give the text (paragraphs, titles, gazetteers)")
	news := fs.String("news", "", "build from real news instead: a JSON Lines file of articles (outlet, topic, text), e.g. model/mbic/articles.jsonl; past its size, its paragraphs with words drawn from a growing Zipfian vocabulary")
	outlets := fs.Int("outlets", 12, "outlets; each covers every event (with --news: 0 keeps the articles' own)")
	events := fs.Int("events", 0, "events (0: as many as the source corpus has)")
	seed := fs.Uint64("seed", 1, "seed: the same options and seed give the same files")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *out == "" || fs.NArg() > 0 {
		return &exitError{2, errors.New("--out DIR is required, and no other argument (see --help)")}
	}
	if _, err := os.Stat(*src); err != nil && *news == "" {
		return &exitError{1, fmt.Errorf("source corpus %s: %w (run from the repository root, or pass --corpus DIR)", *src, errors.Unwrap(err))}
	}
	if *news != "" && !flagSet(fs, "outlets") {
		*outlets = 0
	}
	start := time.Now()
	s, err := synth.Generate(ctx, *out, synth.Options{Source: *src, Articles: *n, Outlets: *outlets, Events: *events, Seed: *seed, News: *news})
	if err != nil {
		return err
	}
	fmt.Fprintln(st.out, *out)
	fmt.Fprintf(st.err, "framing: %d articles, %d outlets, %d events, %.1f MB in %s\n",
		s.Articles, s.Outlets, s.Events, float64(s.Bytes)/1e6, time.Since(start).Round(time.Millisecond))
	if s.Words > 0 {
		fmt.Fprintf(st.err, "framing: %d distinct paragraphs, %d distinct words\n", s.Paragraphs, s.Words)
	}
	return nil
}

// flagSet reports whether the flag name was given on the command line.
func flagSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}
