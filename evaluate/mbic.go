package evaluate

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// MBICSentence is one sentence of the MBIC dataset (Spinde, Rudnitckaia,
// Sinha, Hamborg, Gipp, Donnay 2021, "MBIC – A Media Bias Annotation
// Dataset Including Annotator Characteristics"; Apache-2.0): a news
// sentence, the majority label of ten annotators, and the words they
// marked as biased.
type MBICSentence struct {
	ID        string   `json:"id"`
	Text      string   `json:"sentence"`
	Label     string   `json:"label_bias"` // Biased | Non-biased | No agreement
	Words     []string `json:"biased_words"`
	Outlet    string   `json:"outlet"`
	Topic     string   `json:"topic"`
	ArticleID string   `json:"article_id"`
}

// MBICArticle is one of the dataset's source articles.
type MBICArticle struct {
	ID   string `json:"article_id"`
	Text string `json:"text"`
}

// Group is the unit of cross-validation for a sentence: its article (the
// sentences of one article share words and context), or itself when it has
// none.
func (s MBICSentence) Group() string {
	if s.ArticleID != "" {
		return s.ArticleID
	}
	return "sentence:" + s.ID
}

// ReadMBIC reads sentences.jsonl and articles.jsonl from dir (the layout of
// ../shared/data/mbic). Errors name the file and line.
func ReadMBIC(dir string) ([]MBICSentence, []MBICArticle, error) {
	var sents []MBICSentence
	var arts []MBICArticle
	if err := readJSONL(filepath.Join(dir, "sentences.jsonl"), func(line []byte) error {
		var s MBICSentence
		if err := json.Unmarshal(line, &s); err != nil {
			return err
		}
		if s.Text == "" || s.Label == "" {
			return fmt.Errorf("no sentence or no label")
		}
		sents = append(sents, s)
		return nil
	}); err != nil {
		return nil, nil, err
	}
	if err := readJSONL(filepath.Join(dir, "articles.jsonl"), func(line []byte) error {
		var a MBICArticle
		if err := json.Unmarshal(line, &a); err != nil {
			return err
		}
		arts = append(arts, a)
		return nil
	}); err != nil {
		return nil, nil, err
	}
	return sents, arts, nil
}

func readJSONL(path string, fn func([]byte) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Bytes()
		if len(strings.TrimSpace(string(line))) == 0 {
			continue
		}
		if err := fn(line); err != nil {
			return fmt.Errorf("%s:%d: %w", path, n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// BiasLexiconCategory is the category of MBIC's bias lexicon as a feature
// list.
const BiasLexiconCategory = "mbic/bias-lexicon"

// ReadBiasLexicon reads MBIC's bias-lexicon.txt in dir: one word a line.
func ReadBiasLexicon(dir string) ([]string, error) {
	path := filepath.Join(dir, "bias-lexicon.txt")
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, line := range strings.Split(string(data), "\n") {
		if w := strings.TrimSpace(line); w != "" {
			out = append(out, w)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no words", path)
	}
	return out, nil
}
