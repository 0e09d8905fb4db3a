package main

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/framing/framing/corpus"
	"github.com/framing/framing/internal/atomicfile"
	"github.com/framing/framing/run"
)

const importUsage = "import FILE.csv|FILE.tsv|FILE.jsonl|FOLDER [--map FIELD=COLUMN ...] [--set FIELD=VALUE ...] [--dry-run] [--corpus DIR]"

// runImport files the rows of a dataset as articles, as add does one file:
// the same checks, the same refusal of a text the corpus already holds
// (so importing a file twice adds nothing the second time), under the
// corpus lock. Rows that cannot be filed are listed with their row and the
// reason, and the others are filed.
func runImport(ctx context.Context, args []string, st streams) error {
	stdout, stderr := st.out, st.err
	fs := newFlags("import", importUsage+"\n\n"+
		"FIELD is one of "+strings.Join(corpus.ImportFields, ", ")+". Without --map, columns are guessed from their names\n"+
		"(content, source, topic, headline, date, link...); --dry-run shows the mapping and the first rows and writes nothing.\n"+
		"--set gives a field one value for every row (--set event=capital-march-2024).", stderr)
	var maps, sets run.List
	dir := fs.String("corpus", corpus.DefaultDir, "corpus directory to import into")
	fs.Var(&maps, "map", "FIELD=COLUMN: the column a field is read from; repeat for several")
	fs.Var(&sets, "set", "FIELD=VALUE: one value of a field for every row; repeat for several")
	dry := fs.Bool("dry-run", false, "show the mapping and the first rows as they would be filed; write nothing")
	maxBytes := fs.Int64("max-article-bytes", corpus.DefaultMaxBytes, "largest article text, in bytes")
	files, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(files) != 1 {
		return &exitError{2, errors.New("give one dataset: " + importUsage)}
	}
	mapping, set := map[string]string{}, map[string]string{}
	for _, x := range []struct {
		list run.List
		dst  map[string]string
	}{{maps, mapping}, {sets, set}} {
		for _, kv := range x.list {
			k, v, ok := strings.Cut(kv, "=")
			if !ok || !contains(corpus.ImportFields, k) {
				return &exitError{2, fmt.Errorf("%q: want FIELD=VALUE, FIELD one of %s", kv, strings.Join(corpus.ImportFields, ", "))}
			}
			x.dst[k] = v
		}
	}
	rows, cols, readErr := corpus.ReadDataset(files[0])
	if readErr != nil && len(rows) == 0 {
		return &exitError{1, readErr}
	}
	mapping = corpus.GuessMapping(cols, mapping)
	fmt.Fprintf(stderr, "framing import: %d rows, columns %s\n", len(rows), strings.Join(cols, ", "))
	for _, f := range corpus.ImportFields {
		switch {
		case set[f] != "":
			fmt.Fprintf(stderr, "  %-9s = %q (--set)\n", f, set[f])
		case mapping[f] != "":
			fmt.Fprintf(stderr, "  %-9s <- column %q\n", f, mapping[f])
		default:
			fmt.Fprintf(stderr, "  %-9s   (none)\n", f)
		}
	}
	if mapping["text"] == "" {
		return &exitError{2, errors.New("no column for the text: give --map text=COLUMN")}
	}
	if *dry {
		for _, row := range rows[:min(3, len(rows))] {
			req, notes, err := corpus.RowRequest(row, mapping, set)
			if err != nil {
				fmt.Fprintf(stdout, "%s: refused: %v\n", row.Where, err)
				continue
			}
			fmt.Fprintf(stdout, "%s: outlet %q, event %q, title %q, published %q, %d bytes of text%s\n", row.Where, req.Outlet, req.Event, req.Title, req.Published, len(req.Data), noteList(notes))
		}
		fmt.Fprintln(stderr, "framing import: dry run; nothing written")
		return nil
	}
	lock, err := atomicfile.WaitLock(ctx, *dir, "import", func(m string) { fmt.Fprintln(stderr, "framing import:", m) })
	if err != nil {
		return &exitError{1, err}
	}
	defer lock.Unlock()
	sweepCorpus(*dir, stderr)
	loaded, _, err := corpus.Load(*dir, 0)
	if err != nil {
		return &exitError{1, err}
	}
	idx := corpus.NewAddIndex(loaded)
	added, duplicates := 0, 0
	var refused []string
	events := map[string]bool{}
	for i, row := range rows {
		if i%256 == 0 && ctx.Err() != nil {
			return &exitError{1, fmt.Errorf("interrupted after %d rows: %d articles filed (each whole); run the import again to file the rest: it adds nothing twice", i, added)}
		}
		req, notes, err := corpus.RowRequest(row, mapping, set)
		for _, n := range notes {
			fmt.Fprintln(stderr, "framing import: note:", n)
		}
		if err == nil {
			req.MaxBytes, req.UniqueName = *maxBytes, true
			var res *corpus.AddResult
			res, err = corpus.Add(*dir, req, idx)
			if err == nil {
				added++
				if res.EventFile != "" {
					events[res.Article.Event] = true
				}
				fmt.Fprintln(stdout, res.Path)
				continue
			}
		}
		if errors.Is(err, corpus.ErrDuplicate) {
			duplicates++
			continue
		}
		refused = append(refused, err.Error())
	}
	if len(events) > 0 {
		var names []string
		for e := range events {
			names = append(names, e)
		}
		sort.Strings(names)
		fmt.Fprintf(stderr, "framing import: new events %s: each got an event.yaml (titled with the event's value in the dataset); check their titles\n", strings.Join(names, ", "))
	}
	fmt.Fprintf(stderr, "framing import: %d articles filed, %d rows already in the corpus, %d refused\n", added, duplicates, len(refused))
	for _, r := range refused {
		fmt.Fprintln(stderr, "  refused:", r)
	}
	if readErr != nil {
		return &exitError{1, fmt.Errorf("reading stopped: %w (the rows before it were imported)", readErr)}
	}
	if len(refused) > 0 {
		return &exitError{1, fmt.Errorf("%d of %d rows refused", len(refused), len(rows))}
	}
	return nil
}

func noteList(notes []string) string {
	if len(notes) == 0 {
		return ""
	}
	return " (" + strings.Join(notes, "; ") + ")"
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
