// Command framing analyses how outlets frame the same event.
//
//	framing report [--corpus DIR] [--lexicon NAME|FILE ...] [--out DIR]
//
// Run `framing help` for every command.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"syscall"

	"github.com/framing/framing/internal/gcfloor"
)

// exitError carries an exit code out of a command.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }

// A command is one subcommand: its name, one line of help, and its run
// function, which parses its own flags.
type command struct {
	name  string
	short string
	run   func(ctx context.Context, args []string, st streams) error
}

// streams are a command's standard input, output and error: passed in, so
// tests run commands in-process without touching the process's own.
type streams struct {
	in       io.Reader
	out, err io.Writer
	// atPhase is the crash tests' seam: called as the report files are
	// written (render.RenderOptions.AtPhase). nil in the real command.
	atPhase func(phase string)
}

func commands() []command {
	return []command{
		{"report", "analyse the corpus and write report.json, report.md and report.html", runReport},
		{"actors", "actors suggest: gazetteer entries for names no actor covers", runActors},
		{"add", "add articles (.txt, .md, .html, or - for standard input) to the corpus", runAdd},
		{"import", "import a dataset (CSV, TSV, JSON Lines, a folder of JSON) as articles", runImport},
		{"check", "validate every article, lexicon, cue list and gazetteer", runCheck},
		{"diff", diffUsage, runDiff},
		{"lexicon", "lexicon import FILE.dic | export | lint | show NAME: work with lexicons", runLexicon},
		{"model", "model train | eval: the loadedness model, trained and cross-validated on MBIC", runModel},
		{"bench", "bench gen --articles N --out DIR | bench prose --mode M: benchmark corpora and baselines", runBench},
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	// Every command is a batch run: let the heap grow to a floor before
	// collecting (internal/gcfloor; GOGC or GOMEMLIMIT set by the user win).
	gcfloor.Start(gcfloor.DefaultFloor)
	os.Exit(execute(ctx, os.Args[1:], streams{in: os.Stdin, out: os.Stdout, err: os.Stderr}))
}

func execute(ctx context.Context, args []string, st streams) int {
	stdout, stderr := st.out, st.err
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" || args[0] == "-help" {
		if len(args) > 1 {
			return execute(ctx, []string{args[1], "--help"}, st)
		}
		usage(stdout)
		return 0
	}
	for _, c := range commands() {
		if c.name == args[0] {
			err := c.run(ctx, args[1:], st)
			var ee *exitError
			switch {
			case err == nil:
				return 0
			case errors.Is(err, flag.ErrHelp):
				return 0
			case errors.As(err, &ee):
				if ee.err != nil && ee.err.Error() != "" {
					fmt.Fprintln(stderr, "framing "+c.name+":", ee.err)
				}
				return ee.code
			default:
				fmt.Fprintln(stderr, "framing "+c.name+":", err)
				return 1
			}
		}
	}
	fmt.Fprintf(stderr, "framing: unknown command %q\n\n", args[0])
	usage(stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "framing shows how outlets frame the same event: loaded words, in whose voice.")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Usage: framing <command> [flags]")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Commands:")
	cmds := commands()
	sort.Slice(cmds, func(i, j int) bool { return cmds[i].name < cmds[j].name })
	for _, c := range cmds {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.short)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Run 'framing <command> --help' for a command's flags.")
}

// newFlags returns a FlagSet whose --help prints a usage line first.
func newFlags(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: framing %s\n\nFlags:\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses flags, turning a flag error into exit code 2.
func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return &exitError{code: 2}
	}
	return nil
}
