package main

import (
	"context"
	"fmt"
	"sort"

	"github.com/framing/framing/corpus"
	"github.com/framing/framing/lexicons"
	"github.com/framing/framing/pipeline"
	"github.com/framing/framing/run"
)

func runActors(ctx context.Context, args []string, st streams) error {
	stdout, stderr := st.out, st.err
	if len(args) == 0 || args[0] != "suggest" {
		fmt.Fprintln(stderr, "Usage: framing actors suggest [--corpus DIR] [--event SLUG ...] [--min N]")
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
			return nil
		}
		return &exitError{code: 2}
	}
	fs := newFlags("actors suggest", "actors suggest [--corpus DIR] [--event SLUG ...] [--min N]", stderr)
	var events run.List
	corpusDir := fs.String("corpus", corpus.DefaultDir, "corpus directory")
	fs.Var(&events, "event", "only this event folder; repeat for several")
	min := fs.Int("min", 2, "suggest names mentioned at least this many times")
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	rep, err := run.Build(ctx, run.Config{Config: pipeline.Config{NER: true, Options: pipeline.Options{Corpus: *corpusDir, Events: events}}})
	if err != nil {
		return err
	}
	byEvent := run.SuggestActors(rep, *min)
	keys := make([]string, 0, len(byEvent))
	for k := range byEvent {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if len(keys) == 0 {
		fmt.Fprintf(stderr, "framing: every name the recognizer found %d or more times is in a gazetteer\n", *min)
		return nil
	}
	fmt.Fprintln(stdout, "# Names prose's entity recognizer found that no gazetteer actor covers.")
	fmt.Fprintln(stdout, "# Paste the real actors under actors: in the event's file; check type and role,")
	fmt.Fprintln(stdout, "# add aliases; drop the noise (the recognizer guesses).")
	for _, ev := range keys {
		fmt.Fprintf(stdout, "\n# %s/%s/%s\nactors:\n", *corpusDir, ev, lexicons.GazetteerFile)
		if err := lexicons.WriteActorStubs(stdout, byEvent[ev]); err != nil {
			return err
		}
	}
	return nil
}
