package pipeline

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/framing/framing/corpus"
	"github.com/framing/framing/lexicons"
	"github.com/framing/framing/pipeline/tokenize"
	"github.com/framing/framing/pipeline/voice"
)

// Analyzer holds what every stage shares: prose's models (loaded once per
// process) and the compiled lexicons (loaded once per run). It never changes
// after NewAnalyzer, so any number of workers may call its stage methods.
type Analyzer struct {
	tok      *tokenize.Tokenizer
	seg      *tokenize.Segmenter
	tag      *tokenize.Tagger
	lexicons []*lexicons.Lexicon
	matcher  *lexicons.Matcher
	cats     []*lexicons.Category // sorted by id: the order of every category vector
	catIndex map[*lexicons.Category]int
	voice    *voice.Analyzer
	cueList  *lexicons.Lexicon
}

// NewAnalyzer loads prose's models and compiles the lexicons and the cue list
// the voice stage reads.
func NewAnalyzer(tok *tokenize.Tokenizer, lexs []*lexicons.Lexicon, cues *lexicons.Lexicon) (*Analyzer, error) {
	seg, err := tokenize.NewSegmenter()
	if err != nil {
		return nil, fmt.Errorf("loading sentence model: %w", err)
	}
	tag, err := tokenize.NewTagger()
	if err != nil {
		return nil, fmt.Errorf("loading part-of-speech model: %w", err)
	}
	va, err := voice.New(cues)
	if err != nil {
		return nil, err
	}
	a := &Analyzer{tok: tok, seg: seg, tag: tag, lexicons: lexs, matcher: lexicons.Compile(lexs...),
		cats: lexicons.SortedCategories(lexs), catIndex: map[*lexicons.Category]int{}, voice: va, cueList: cues}
	for i, c := range a.cats {
		a.catIndex[c] = i
	}
	return a, nil
}

// Categories returns every category in the order used by category vectors.
func (a *Analyzer) Categories() []*lexicons.Category { return a.cats }

// Lexicons returns the lexicons in use.
func (a *Analyzer) Lexicons() []*lexicons.Lexicon { return a.lexicons }

// Analyze runs every per-article stage in sequence: what Run does in parallel
// for a corpus, for one article (tests, lexicon evaluation).
func (a *Analyzer) Analyze(art *corpus.Article, relPath string) *ArticleResult {
	d := a.Segment(art)
	a.Stem(d)
	a.Match(d)
	a.Voice(d)
	return a.Summarize(d, relPath)
}

// Segment is the segment+tokenize+tag stage: it builds the text to analyse,
// splits it into blocks and sentences, tokenizes each sentence and tags it,
// and demotes page furniture repeated verbatim (tokenize.MarkRepeats).
func (a *Analyzer) Segment(art *corpus.Article) *Doc {
	d := &Doc{Article: art}
	d.Text, d.BodyStart = composeText(art)
	d.Blocks = tokenize.Blocks(d.Text)
	headlineBlocks := headlineBlocks(d)
	for bi, b := range d.Blocks {
		for _, s := range a.seg.Sentences(d.Text, b) {
			first := len(d.Tokens)
			toks := a.tok.Tokenize(d.Text[s.Start:s.End], s.Start)
			a.tag.Tag(toks)
			d.Tokens = append(d.Tokens, toks...)
			d.Sentences = append(d.Sentences, tokenize.Sentence{Start: s.Start, End: s.End, Block: bi,
				Tokens: tokenize.Span{Start: first, End: len(d.Tokens)}, Headline: headlineBlocks[bi]})
		}
	}
	d.Repeats = tokenize.MarkRepeats(d.Tokens)
	return d
}

// composeText decides what is analysed. A headline frames a story more than
// any sentence under it (METHODS §2), so the title is analysed too; but many
// sources repeat it as the body's first line ("# Pakistani army opens fire
// ..."), and analysing it twice would count its words twice. So the title is
// prepended only when the body does not open with it.
func composeText(art *corpus.Article) (string, int) {
	if art.Title == "" || opensWithTitle(art.Body, art.Title) {
		return art.Body, 0
	}
	return art.Title + "\n\n" + art.Body, len(art.Title) + 2
}

func opensWithTitle(body, title string) bool {
	for _, line := range strings.Split(body, "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		return comparable(line) == comparable(title)
	}
	return false
}

// comparable reduces a line to its words, so "# Title." equals "Title".
func comparable(s string) string {
	var b strings.Builder
	space := false
	for _, r := range tokenize.Fold(s) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteRune(r)
			space = false
		default:
			space = true
		}
	}
	return b.String()
}

// headlineBlocks marks the blocks that are headline: the title (when it was
// prepended), and the body's first block when it is a heading or repeats the
// title. A lead paragraph is not a headline, even though it comes first.
func headlineBlocks(d *Doc) []bool {
	marks := make([]bool, len(d.Blocks))
	firstBody := -1
	for i, b := range d.Blocks {
		if b.Start < d.BodyStart {
			marks[i] = true
			continue
		}
		if firstBody < 0 {
			firstBody = i
		}
	}
	if firstBody >= 0 {
		b := d.Blocks[firstBody]
		if b.Heading || comparable(d.Text[b.Start:b.End]) == comparable(d.Article.Title) {
			marks[firstBody] = true
		}
	}
	return marks
}

// Stem is the stem stage: Snowball stems for every word token.
func (a *Analyzer) Stem(d *Doc) {
	for i := range d.Tokens {
		if t := &d.Tokens[i]; t.Word {
			t.Stem = tokenize.Stem(t.Norm)
		}
	}
}

// Match is the lexicon match stage: every lexicon over every sentence.
func (a *Analyzer) Match(d *Doc) {
	for si, s := range d.Sentences {
		toks := d.Tokens[s.Tokens.Start:s.Tokens.End]
		a.matcher.Match(toks, func(m lexicons.Match) {
			first, last := s.Tokens.Start+m.First, s.Tokens.Start+m.Last
			for _, c := range m.Cats {
				d.Hits = append(d.Hits, Hit{Entry: m.Entry, Category: c, Sentence: si,
					First: first, Last: last, Start: d.Tokens[first].Start, End: d.Tokens[last].End})
			}
		})
	}
}

// Voice is the voice stage: it finds the document's quotes, report cues,
// speakers and negation scopes, and labels every hit with its voice.
func (a *Analyzer) Voice(d *Doc) {
	d.Voice = a.voice.Analyze(d.Text, d.Blocks, d.Sentences, d.Tokens)
	for i := range d.Hits {
		d.Hits[i].Label = d.Voice.Label(d.Hits[i].First, d.Hits[i].Last)
	}
}
