package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/framing/framing/internal/synth"
	"github.com/framing/framing/render"
	"github.com/framing/framing/reports"
)

// The crash tests run `framing report` in a child process (this test binary
// again, through TestMain) that dies like kill -9 — os.Exit, no deferred
// cleanup — when the writer reaches a chosen phase, or pauses there.
const (
	helperArgs  = "FRAMING_TEST_ARGS"     // the command's arguments, joined by \x1f
	helperCrash = "FRAMING_TEST_CRASH_AT" // the phase to die at
	helperPause = "FRAMING_TEST_PAUSE_AT" // the phase to pause at (a second)
)

func helperProcess(args string) int {
	crash, pause := os.Getenv(helperCrash), os.Getenv(helperPause)
	return execute(context.Background(), strings.Split(args, "\x1f"), streams{in: os.Stdin, out: os.Stdout, err: os.Stderr,
		atPhase: func(phase string) {
			switch phase {
			case crash:
				os.Exit(137)
			case pause:
				time.Sleep(time.Second)
			}
		}})
}

// child starts the report command in a child process with extra
// environment.
func child(t *testing.T, env []string, args ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), append(env, helperArgs+"="+strings.Join(args, "\x1f"))...)
	var errb bytes.Buffer
	cmd.Stderr, cmd.Stdout = &errb, io.Discard
	return cmd
}

func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	src, err := filepath.EvalSymlinks(src) // a report directory is a link to its current set
	if err != nil {
		t.Fatal(err)
	}
	err = filepath.Walk(src, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if info.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, info.Mode())
	})
	if err != nil {
		t.Fatal(err)
	}
}

// chartLinks are the charts report.md in dir links.
func chartLinks(t *testing.T, dir string) []string {
	md, err := os.ReadFile(filepath.Join(dir, "report.md"))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, m := range regexp.MustCompile(`\]\((charts/[^)]+\.svg)\)`).FindAllStringSubmatch(string(md), -1) {
		out = append(out, m[1])
	}
	return out
}

// consistent checks what a reader of dir can rely on after any crash:
// report.json reads with its own record files or fails saying they are not
// its own, and every chart report.md links is there.
func consistent(t *testing.T, dir string) (mixed bool) {
	t.Helper()
	rep, err := reports.ReadJSONFile(filepath.Join(dir, "report.json"))
	if err == nil {
		err = rep.VerifyRecords()
	}
	if err == nil {
		n := 0
		ids := map[string]bool{}
		for _, a := range rep.Articles {
			ids[a.ID] = true
		}
		err = rep.EachHit(func(i int, h *reports.Hit) error {
			n++
			if !ids[h.Article] {
				t.Errorf("hit %d names article %s, not in report.json", i, h.Article)
			}
			return nil
		})
		if err == nil && n != rep.HitCount() {
			t.Errorf("%d hits read, report.json counts %d", n, rep.HitCount())
		}
	}
	if err != nil && !errors.Is(err, reports.ErrRecordsMismatch) {
		t.Fatalf("reading the report: %v", err)
	}
	for _, c := range chartLinks(t, dir) {
		if _, err := os.Stat(filepath.Join(dir, c)); err != nil {
			t.Errorf("report.md links %s, which is not there", c)
		}
	}
	return errors.Is(err, reports.ErrRecordsMismatch)
}

func leftovers(t *testing.T, dir string) []string {
	var out []string
	for _, d := range []string{dir, filepath.Join(dir, render.ChartDir)} {
		entries, _ := os.ReadDir(d)
		for _, e := range entries {
			if strings.Contains(e.Name(), ".tmp-") {
				out = append(out, e.Name())
			}
		}
	}
	return out
}

// A run killed at any point while writing leaves the report directory
// holding a whole report set, the previous one or the new one, never a mix:
// every step before the switch leaves the old set exactly (report.json
// byte for byte, its records and charts with it); from the switch on, the
// new set whole. The next run removes what the killed one left (its
// half-written set, temporary files). The killed runs start from a plain
// directory holding the old set, so the first also moves it into the sets.
func TestKilledWriterNeverMixesReportSets(t *testing.T) {
	if testing.Short() {
		t.Skip("runs framing report a dozen times")
	}
	base := t.TempDir()
	corpusDir := filepath.Join(base, "corpus")
	if _, err := synth.Generate(context.Background(), corpusDir, synth.Options{Source: "../../corpus", Articles: 12, Outlets: 3, Events: 2}); err != nil {
		t.Fatal(err)
	}
	args := func(out string) []string {
		return []string{"report", "--corpus", corpusDir, "--out", out, "--no-cache", "--inline-records=-1", "--bootstrap", "50", "--quiet", "--ner", "off"}
	}
	old := filepath.Join(base, "old")
	if code, _, stderr := runCLI(t, args(old)...); code != 0 {
		t.Fatal(stderr)
	}
	oldJSON, err := os.ReadFile(filepath.Join(old, "report.json"))
	if err != nil {
		t.Fatal(err)
	}
	oldCharts := chartLinks(t, old)
	// The next run sees another corpus: one event fewer (its charts must
	// go) and different text.
	entries, _ := os.ReadDir(corpusDir)
	var events []string
	for _, e := range entries {
		if e.IsDir() {
			events = append(events, e.Name())
		}
	}
	if len(events) < 2 {
		t.Fatalf("generated corpus has events %v", events)
	}
	if err := os.RemoveAll(filepath.Join(corpusDir, events[0])); err != nil {
		t.Fatal(err)
	}
	kills := 0
	for _, phase := range []string{"records", "charts", "report.html", "report.md", "report.json", "published"} {
		t.Run(phase, func(t *testing.T) {
			out := filepath.Join(base, "crash-"+phase)
			copyDir(t, old, out)
			cmd := child(t, []string{helperCrash + "=" + phase}, args(out)...)
			err := cmd.Run()
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.ExitCode() != 137 {
				t.Fatalf("the child was to die at %s: %v\n%s", phase, err, cmd.Stderr)
			}
			kills++
			if consistent(t, out) {
				t.Errorf("killed at %s: a mixed report set", phase)
			}
			now, err := os.ReadFile(filepath.Join(out, "report.json"))
			if err != nil {
				t.Fatal(err)
			}
			switch isOld := bytes.Equal(now, oldJSON); {
			case phase != "published" && !isOld:
				t.Errorf("killed at %s, before the switch: report.json is not the old one", phase)
			case phase == "published" && isOld:
				t.Errorf("killed after the switch: report.json is still the old one")
			}
			// The next run finishes the job and sweeps up.
			if code, _, stderr := runCLI(t, args(out)...); code != 0 {
				t.Fatal(stderr)
			}
			if consistent(t, out) {
				t.Error("the run after the crash left a mismatched set")
			}
			if l := leftovers(t, out); len(l) > 0 {
				t.Errorf("temporary files left after a successful run: %v", l)
			}
			sets, _ := os.ReadDir(filepath.Join(base, ".crash-"+phase+".sets"))
			n := 0
			for _, e := range sets {
				if e.IsDir() {
					n++
				}
			}
			if n != 1 {
				t.Errorf("%d report sets kept after the next run, want 1 (the current)", n)
			}
			if l, _ := filepath.Glob(filepath.Join(base, ".crash-"+phase+".link.tmp-*")); len(l) > 0 {
				t.Errorf("a temporary link left: %v", l)
			}
			charts, _ := os.ReadDir(filepath.Join(out, render.ChartDir))
			if links := chartLinks(t, out); len(charts) != len(links) {
				t.Errorf("charts/ holds %d files, report.md links %d: charts of the old run or of the removed event remain", len(charts), len(links))
			}
			for _, c := range oldCharts {
				if strings.Contains(c, events[0]) {
					if _, err := os.Stat(filepath.Join(out, c)); err == nil {
						t.Errorf("%s, a chart of an event no longer in the corpus, is still there", c)
					}
				}
			}
		})
	}
	t.Logf("%d kills, at every step of writing and after the switch", kills)
}

// two runs into one report directory do not interleave: the
// second waits for the first, says who it waits for, and both finish with a
// readable report.
func TestConcurrentRunsTakeTurns(t *testing.T) {
	if testing.Short() {
		t.Skip("runs framing report twice")
	}
	base := t.TempDir()
	corpusDir := filepath.Join(base, "corpus")
	if _, err := synth.Generate(context.Background(), corpusDir, synth.Options{Source: "../../corpus", Articles: 8, Outlets: 2, Events: 1}); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(base, "out")
	args := []string{"report", "--corpus", corpusDir, "--out", out, "--cache", filepath.Join(base, "cache"), "--inline-records=-1", "--bootstrap", "20", "--quiet", "--ner", "off"}
	first := child(t, []string{helperPause + "=records"}, args...)
	if err := first.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(500 * time.Millisecond) // the first holds the lock, paused at its records
	code, _, stderr := runCLI(t, args...)
	if err := first.Wait(); err != nil {
		t.Fatalf("first run: %v\n%s", err, first.Stderr)
	}
	if code != 0 {
		t.Fatalf("second run: exit %d\n%s", code, stderr)
	}
	if !strings.Contains(stderr, "is in use by framing report (pid") || !strings.Contains(stderr, "waiting for it to finish") {
		t.Errorf("the second run did not say it waited:\n%s", stderr)
	}
	if consistent(t, out) {
		t.Error("two runs left a mismatched set")
	}
}

// two adds of one id at once: one files the article, the other is
// refused; without the corpus lock both read a corpus without the id, and
// both wrote.
func TestConcurrentAddsOfOneID(t *testing.T) {
	dir := t.TempDir()
	corpusDir := filepath.Join(dir, "corpus")
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	a := write("a.txt", "First headline\n\nPolice cleared the square at dawn.\n")
	b := write("b.txt", "Second headline\n\nProtesters returned at noon.\n")
	first := child(t, []string{helperPause + "=corpus loaded"}, "add", a, "--outlet", "O", "--event", "e", "--id", "same", "--corpus", corpusDir)
	if err := first.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond)
	code, _, stderr := runCLI(t, "add", b, "--outlet", "P", "--event", "e", "--id", "same", "--corpus", corpusDir)
	if err := first.Wait(); err != nil {
		t.Fatalf("first add: %v\n%s", err, first.Stderr)
	}
	if code == 0 || !strings.Contains(stderr, `id "same" is already used`) {
		t.Errorf("the second add of id same: exit %d\n%s", code, stderr)
	}
	files, _ := filepath.Glob(filepath.Join(corpusDir, "e", "*.md"))
	if len(files) != 1 {
		t.Errorf("articles filed: %v, want one", files)
	}
}

// Killed at random moments (kill -9), forty times in a row over one report
// directory, each run with other settings than the one before: after every
// kill the directory holds the previous report set or the new one, whole;
// after the next run, no temporary file and one set.
func TestRandomKillsLeaveOldOrNew(t *testing.T) {
	if testing.Short() {
		t.Skip("kills framing report forty times")
	}
	base := t.TempDir()
	corpusDir := filepath.Join(base, "corpus")
	if _, err := synth.Generate(context.Background(), corpusDir, synth.Options{Source: "../../corpus", Articles: 12, Outlets: 3, Events: 2}); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(base, "out")
	args := func(k int) []string {
		return []string{"report", "--corpus", corpusDir, "--out", out, "--no-cache", "--inline-records=-1", "--bootstrap", fmt.Sprint(40 + k%2), "--quiet", "--ner", "off"}
	}
	start := time.Now()
	if code, _, stderr := runCLI(t, args(1)...); code != 0 {
		t.Fatal(stderr)
	}
	full := time.Since(start) + 300*time.Millisecond // the child also starts a process
	const kills = 40
	sets := map[string]bool{} // report.json of every complete run seen
	prev, _ := os.ReadFile(filepath.Join(out, "report.json"))
	sets[string(prev)] = true
	for k := 0; k < kills; k++ {
		cmd := child(t, nil, args(k)...)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Spread over the run: early, in the analysis, while writing, after.
		time.Sleep(full * time.Duration(k+1) / kills)
		cmd.Process.Kill()
		cmd.Wait()
		if consistent(t, out) {
			t.Fatalf("kill %d: a mixed report set", k)
		}
		now, err := os.ReadFile(filepath.Join(out, "report.json"))
		if err != nil {
			t.Fatalf("kill %d: %v", k, err)
		}
		if !bytes.Equal(now, prev) {
			sets[string(now)] = true // a new set, whole (consistent)
		}
		prev = now
	}
	if code, _, stderr := runCLI(t, args(0)...); code != 0 {
		t.Fatal(stderr)
	}
	if l := leftovers(t, out); len(l) > 0 {
		t.Errorf("temporary files left after the next run: %v", l)
	}
	entries, _ := os.ReadDir(filepath.Join(base, ".out.sets"))
	dirs := 0
	for _, e := range entries {
		if e.IsDir() {
			dirs++
		}
	}
	if dirs != 1 {
		t.Errorf("%d report sets after the next run, want 1", dirs)
	}
	t.Logf("%d kills: every one left a whole set (%d distinct complete sets seen)", kills, len(sets))
}
