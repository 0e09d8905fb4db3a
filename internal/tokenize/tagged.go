package tokenize

// Tagged is a text as the analysis stages read it: split into blocks and
// sentences, tokenized, tagged and stemmed, every offset into Text.
type Tagged struct {
	Text      string
	Blocks    []Block
	Sentences []Sentence
	Tokens    []Token
}

// TagText splits, tokenizes, tags and stems text in one call. The pipeline's
// segment stage does the same with more (the headline, page furniture); this
// is for the packages that read tagged tokens and want to be tested, or
// used, on a sentence alone.
func TagText(text string) (*Tagged, error) {
	seg, err := NewSegmenter()
	if err != nil {
		return nil, err
	}
	tag, err := NewTagger()
	if err != nil {
		return nil, err
	}
	tok := New()
	t := &Tagged{Text: text, Blocks: Blocks(text)}
	for bi, b := range t.Blocks {
		for _, s := range seg.Sentences(text, b) {
			first := len(t.Tokens)
			t.Tokens = tok.Append(t.Tokens, text[s.Start:s.End], s.Start)
			tag.Tag(t.Tokens[first:])
			t.Sentences = append(t.Sentences, Sentence{Start: s.Start, End: s.End, Block: bi, Tokens: Span{Start: first, End: len(t.Tokens)}})
		}
	}
	(&Stemmer{}).StemAll(t.Tokens)
	return t, nil
}

// Find is the span of tokens that covers the first occurrence of phrase
// (as written) in the text: [first, last+1), or an empty span when the
// phrase is not there or falls inside a token.
func (t *Tagged) Find(phrase string) Span {
	at := -1
	for i := 0; i+len(phrase) <= len(t.Text); i++ {
		if t.Text[i:i+len(phrase)] == phrase {
			at = i
			break
		}
	}
	if at < 0 {
		return Span{}
	}
	first, last := -1, -1
	for i, tk := range t.Tokens {
		if tk.Start >= at && tk.End <= at+len(phrase) {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	if first < 0 {
		return Span{}
	}
	return Span{Start: first, End: last + 1}
}
