package pipeline

import (
	"errors"
	"fmt"
	"path/filepath"

	"github.com/framing/framing/corpus"
	"github.com/framing/framing/reports"
)

// CorpusTexts gives the HTML report the text of the articles of the corpus
// in dir, read again from their files (the analysis keeps no text, so memory
// stays flat however large the corpus). The renderer checks every hit
// against the text, so a file edited since the analysis is caught.
func CorpusTexts(dir string, maxBytes int64) reports.Texts {
	return func(a reports.Article) (string, string, error) {
		art, probs := corpus.Read(filepath.Join(dir, filepath.FromSlash(a.Path)), maxBytes)
		if art == nil {
			var errs []error
			for _, p := range probs {
				errs = append(errs, p)
			}
			return "", "", fmt.Errorf("article %s: %w", a.Path, errors.Join(errs...))
		}
		return art.Title, art.Body, nil
	}
}
