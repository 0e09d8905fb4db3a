package tokenize

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"gopkg.in/neurosnap/sentences.v1"
	"gopkg.in/neurosnap/sentences.v1/data"
)

// punktSegmenter is prose v3's sentence segmenter (prose/v3/segment, MIT
// licence, (c) Joseph Kato; its punkt.go and neurosnap/sentences, MIT
// licence, (c) Eric Bower): neurosnap's Punkt over its English model,
// with prose's supervised abbreviations, its word tokenizer's sentence-end
// rule and its multi-punctuation annotation, copied from prose. It is
// assembled here rather than taken from prose so that the word tokenizer's
// hot methods can have exact fast paths: neurosnap's Type runs a
// regular expression replacement on every token of every block, though it
// can only change a token holding an ASCII digit, and its case tests
// convert each token to runes. The sentences are prose's:
// TestSentencesAsProse compares every block of the shipped corpus and of
// generated articles with prose's segment.Segmenter.
type punktSegmenter struct {
	tokenizer *sentences.DefaultSentenceTokenizer
}

// prose's supervised abbreviations (prose/v3/segment).
var punktAbbrevs = []string{"sgt", "gov", "no", "mt"}

func newPunktSegmenter() (*punktSegmenter, error) {
	b, err := data.Asset("data/english.json")
	if err != nil {
		return nil, err
	}
	training, err := sentences.LoadTraining(b)
	if err != nil {
		return nil, err
	}
	for _, abbr := range punktAbbrevs {
		training.AbbrevTypes.Add(abbr)
	}
	lang := sentences.NewPunctStrings()
	word := &punktWords{}
	word.PunctStrings = lang
	annotations := sentences.NewAnnotations(training, lang, word)
	ortho := &sentences.OrthoContext{Storage: training, PunctStrings: lang, TokenType: word, TokenFirst: word}
	annotations = append(annotations, &multiPunctWordAnnotation{
		Storage: training, TokenParser: word, TokenGrouper: &sentences.DefaultTokenGrouper{}, Ortho: ortho,
	})
	return &punktSegmenter{tokenizer: &sentences.DefaultSentenceTokenizer{
		Storage: training, PunctStrings: lang, WordTokenizer: word, Annotations: annotations,
	}}, nil
}

// segment is prose's Segmenter.Segment: the sentences of text as spans,
// trimmed of white space, the empty ones dropped.
func (s *punktSegmenter) segment(text string) []Span {
	raw := s.tokenizer.Tokenize(text)
	out := make([]Span, 0, len(raw))
	for _, r := range raw {
		start, end := trimRange(text, r.Start, r.End)
		if start < end {
			out = append(out, Span{start, end})
		}
	}
	return out
}

// trimRange is prose's: [start, end) narrowed past surrounding white space.
func trimRange(text string, start, end int) (int, int) {
	start, end = max(start, 0), min(end, len(text))
	for start < end {
		r, size := utf8.DecodeRuneInString(text[start:end])
		if size == 0 || !unicode.IsSpace(r) {
			break
		}
		start += size
	}
	for end > start {
		r, size := utf8.DecodeLastRuneInString(text[start:end])
		if size == 0 || !unicode.IsSpace(r) {
			break
		}
		end -= size
	}
	return start, end
}

// punktWords is prose's word tokenizer for Punkt (neurosnap's default with
// prose's HasSentEndChars), with exact fast paths.
type punktWords struct {
	sentences.DefaultWordTokenizer
}

// Tokenize is neurosnap's DefaultWordTokenizer.Tokenize: the text's white
// space separated words, each with the position just past it and whether
// it starts a line or a paragraph; with onlyPeriodContext, only words
// holding '.', '!' or '?' and the word after each. It walks bytes and
// decodes only the bytes outside ASCII (neurosnap decodes every rune and
// tests it with unicode.IsSpace), and tests the marks with one scan.
func (p *punktWords) Tokenize(text string, onlyPeriodContext bool) []*sentences.Token {
	textLength := len(text)
	if textLength == 0 {
		return nil
	}
	tokens := make([]*sentences.Token, 0, 50)
	lastSpace := 0
	lineStart, paragraphStart, getNextWord := false, false, false
	for i := 0; i < textLength; {
		at, c := i, text[i]
		var char rune
		if c < utf8.RuneSelf {
			i++
			if !asciiSpace[c] && at != textLength-1 {
				continue
			}
			char = rune(c)
		} else {
			var size int
			char, size = utf8.DecodeRuneInString(text[i:])
			i += size
			// neurosnap's test: a space, or the rune starting at the last byte.
			if !unicode.IsSpace(char) && at != textLength-1 {
				continue
			}
		}
		if char == '\n' {
			if lineStart {
				paragraphStart = true
			}
			lineStart = true
		}
		cursor := at
		if at == textLength-1 {
			cursor = textLength
		}
		word := strings.TrimSpace(text[lastSpace:cursor])
		if word == "" {
			continue
		}
		hasSentencePunct := hasSentenceMark(word)
		if onlyPeriodContext && !hasSentencePunct && !getNextWord {
			lastSpace = cursor
			continue
		}
		token := sentences.NewToken(word)
		token.Position = cursor
		token.ParaStart = paragraphStart
		token.LineStart = lineStart
		tokens = append(tokens, token)
		lastSpace = cursor
		lineStart, paragraphStart = false, false
		getNextWord = hasSentencePunct
	}
	if len(tokens) == 0 {
		token := sentences.NewToken(text)
		token.Position = textLength
		tokens = append(tokens, token)
	}
	return tokens
}

// hasSentenceMark reports whether s holds '.', '!' or '?' (neurosnap's
// HasSentencePunct), in one pass over the bytes (these ASCII bytes are never
// part of a longer UTF-8 sequence).
func hasSentenceMark(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '.' || c == '!' || c == '?' {
			return true
		}
	}
	return false
}

// hasDigit reports whether s holds an ASCII digit.
func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if '0' <= s[i] && s[i] <= '9' {
			return true
		}
	}
	return false
}

// punktNumeric is neurosnap's number pattern (sentences.reNumeric).
var punktNumeric = regexp.MustCompile(`-?[\.,]?\d[\d,\.-]*\.?$`)

// Type is neurosnap's: the token lower-cased, numbers replaced by
// "##number##", commas dropped (unless the type is one byte). The pattern
// needs an ASCII digit, so without one the replacement is skipped.
func (p *punktWords) Type(t *sentences.Token) string {
	typ := strings.ToLower(t.Tok)
	if hasDigit(typ) {
		typ = punktNumeric.ReplaceAllString(typ, "##number##")
	}
	if len(typ) == 1 || strings.IndexByte(typ, ',') < 0 {
		return typ
	}
	return strings.ReplaceAll(typ, ",", "")
}

// TypeNoPeriod and TypeNoSentPeriod are neurosnap's, over this Type (the
// promoted methods would call neurosnap's own).
func (p *punktWords) TypeNoPeriod(t *sentences.Token) string {
	typ := p.Type(t)
	if len(typ) > 1 && typ[len(typ)-1] == '.' {
		return typ[:len(typ)-1]
	}
	return typ
}

func (p *punktWords) TypeNoSentPeriod(t *sentences.Token) string {
	if t.SentBreak {
		return p.TypeNoPeriod(t)
	}
	return p.Type(t)
}

// FirstUpper and FirstLower are neurosnap's without converting the token
// to runes: the first rune decodes the same (U+FFFD for a bad byte).
func (p *punktWords) FirstUpper(t *sentences.Token) bool {
	if t.Tok == "" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(t.Tok)
	return unicode.IsUpper(r)
}

func (p *punktWords) FirstLower(t *sentences.Token) bool {
	if t.Tok == "" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(t.Tok)
	return unicode.IsLower(r)
}

var (
	punktAbbr          = regexp.MustCompile(`((?:[\w]\.)+[\w]*\.)`)
	punktLooksEllipsis = regexp.MustCompile(`(?:\.\s?){2,}\.`)
	punktEntities      = regexp.MustCompile(`Yahoo!`)
	punktEnders        = []string{`."`, `.)`, `.’`, `.”`, `?`, `?"`, `?'`, `?)`, `?’`, `?”`, `!`, `!"`, `!'`, `!)`, `!’`, `!”`}
	punktParens        = []string{`.[`, `.(`, `."`, `?[`, `?(`, `![`, `!(`}
	punktInternalMarks = []string{")", `’`, `”`, `"`, `'`}
)

// HasSentEndChars is prose's. Every ender and paren holds '.', '?' or '!':
// a token without one has none.
func (p *punktWords) HasSentEndChars(t *sentences.Token) bool {
	if !hasSentenceMark(t.Tok) {
		return false
	}
	for _, ender := range punktEnders {
		if strings.HasSuffix(t.Tok, ender) && !punktEntities.MatchString(t.Tok) {
			return true
		}
	}
	for _, paren := range punktParens {
		if strings.Contains(t.Tok, paren) {
			return true
		}
	}
	return false
}

// multiPunctWordAnnotation is prose's: it teases out abbreviations such as
// "F.B.I.", and mends breaks at ellipses and at sentence-internal marks.
type multiPunctWordAnnotation struct {
	*sentences.Storage
	sentences.TokenParser
	sentences.TokenGrouper
	sentences.Ortho
}

func (a *multiPunctWordAnnotation) Annotate(tokens []*sentences.Token) []*sentences.Token {
	for _, tokPair := range a.TokenGrouper.Group(tokens) {
		if len(tokPair) < 2 || tokPair[1] == nil {
			tok := tokPair[0].Tok
			if strings.Contains(tok, "\n") && strings.Contains(tok, " ") {
				// We've mislabeled due to an errant newline.
				tokPair[0].SentBreak = false
			}
			continue
		}
		a.tokenAnnotation(tokPair[0], tokPair[1])
	}
	return tokens
}

// looksInternal reports whether tok's punctuation could appear
// sentence-internally (parentheses or quotation marks).
func looksInternal(tok string) bool {
	for _, punc := range punktInternalMarks {
		if strings.HasSuffix(tok, punc) {
			return true
		}
	}
	return false
}

func (a *multiPunctWordAnnotation) tokenAnnotation(tokOne, tokTwo *sentences.Token) {
	// A token without a period matches none of the patterns below (each
	// needs one) and is left as it is.
	hasPeriod := strings.IndexByte(tokOne.Tok, '.') >= 0
	var nextTyp string
	if strings.HasSuffix(tokOne.Tok, ".") && tokTwo.Tok == "." {
		tokOne.SentBreak = false
		tokTwo.SentBreak = false
		return
	}
	isNonBreak := strings.HasSuffix(tokOne.Tok, ".") && !tokOne.SentBreak
	isEllipsis := hasPeriod && punktLooksEllipsis.MatchString(tokOne.Tok)
	isInternal := tokOne.SentBreak && looksInternal(tokOne.Tok)
	if isNonBreak || isEllipsis || isInternal {
		nextTyp = a.TokenParser.TypeNoSentPeriod(tokTwo)
		isStarter := a.SentStarters[nextTyp]
		if isEllipsis {
			if a.TokenParser.FirstUpper(tokTwo) || isStarter != 0 {
				tokOne.SentBreak = true
				return
			}
		}
		if isInternal {
			if a.TokenParser.FirstLower(tokTwo) && isStarter == 0 {
				tokOne.SentBreak = false
				return
			}
		}
		if isNonBreak && a.TokenParser.FirstUpper(tokTwo) {
			if a.Storage.OrthoContext[nextTyp]&112 != 0 {
				tokOne.SentBreak = true
			}
		}
	}
	// prose asks FindAllString for one match; the pattern matches no empty
	// string, so a match is MatchString's (without building the match).
	if !hasPeriod || !punktAbbr.MatchString(tokOne.Tok) {
		return
	}
	if a.IsInitial(tokOne) {
		return
	}
	tokOne.Abbr = true
	tokOne.SentBreak = false
	// [4.1.1. Orthographic Heuristic]
	if a.Ortho.Heuristic(tokTwo) == 1 {
		tokOne.SentBreak = true
		return
	}
	if nextTyp == "" {
		nextTyp = a.TokenParser.TypeNoSentPeriod(tokTwo)
	}
	// [4.1.3. Frequent Sentence Starter Heuristic]
	if a.TokenParser.FirstUpper(tokTwo) && a.SentStarters[nextTyp] != 0 {
		tokOne.SentBreak = true
	}
}
