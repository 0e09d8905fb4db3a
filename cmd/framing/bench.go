package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/framing/framing/corpus"
	"github.com/framing/framing/corpus/synth"
)

func runBench(ctx context.Context, args []string, st streams) error {
	if len(args) == 0 || args[0] != "gen" {
		return &exitError{2, errors.New("usage: framing bench gen --articles N --out DIR (see --help)")}
	}
	fs := newFlags("bench gen", "bench gen --articles N --out DIR [--corpus SRC] [--outlets M] [--events E] [--seed S]", st.err)
	n := fs.Int("articles", 1000, "articles to write")
	out := fs.String("out", "", "directory to write the corpus into (must not exist, or be empty)")
	src := fs.String("corpus", corpus.DefaultDir, "corpus whose articles give the text (paragraphs, titles, gazetteers)")
	outlets := fs.Int("outlets", 12, "outlets; each covers every event")
	events := fs.Int("events", 0, "events (0: as many as the source corpus has)")
	seed := fs.Uint64("seed", 1, "seed: the same options and seed give the same files")
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	if *out == "" || fs.NArg() > 0 {
		return &exitError{2, errors.New("--out DIR is required, and no other argument (see --help)")}
	}
	if _, err := os.Stat(*src); err != nil {
		return &exitError{1, fmt.Errorf("source corpus %s: %w (run from the repository root, or pass --corpus DIR)", *src, errors.Unwrap(err))}
	}
	start := time.Now()
	s, err := synth.Generate(ctx, *out, synth.Options{Source: *src, Articles: *n, Outlets: *outlets, Events: *events, Seed: *seed})
	if err != nil {
		return err
	}
	fmt.Fprintln(st.out, *out)
	fmt.Fprintf(st.err, "framing: %d articles, %d outlets, %d events, %.1f MB in %s\n",
		s.Articles, s.Outlets, s.Events, float64(s.Bytes)/1e6, time.Since(start).Round(time.Millisecond))
	return nil
}
