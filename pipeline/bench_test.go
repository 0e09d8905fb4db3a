package pipeline

import (
	"context"
	"testing"

	"github.com/framing/framing/corpus/synth"
)

// benchCorpus generates n articles from the shipped corpus into a temporary
// directory.
func benchCorpus(b testing.TB, n int) string {
	b.Helper()
	dir := b.TempDir()
	if _, err := synth.Generate(context.Background(), dir, synth.Options{Source: shippedCorpus, Articles: n, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	return dir
}

func BenchmarkBuild(b *testing.B) {
	dir := benchCorpus(b, 300)
	b.ResetTimer()
	var tokens int
	for i := 0; i < b.N; i++ {
		rep, err := Build(context.Background(), Config{Options: Options{Corpus: dir}, Stats: StatsOptions{Resamples: 200}})
		if err != nil {
			b.Fatal(err)
		}
		tokens = rep.Corpus.Tokens
	}
	b.ReportMetric(float64(tokens)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
}
