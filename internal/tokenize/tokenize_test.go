package tokenize

import (
	"os"
	"strings"
	"sync"
	"testing"
	"unicode"
	"unicode/utf8"
)

func texts(toks []Token) string {
	parts := make([]string, len(toks))
	for i, t := range toks {
		parts[i] = t.Text
	}
	return strings.Join(parts, "|")
}

func TestTokenizeFilters(t *testing.T) {
	tk := New()
	tests := []struct{ in, want string }{
		// Em and en dashes glue words in prose's output; they must come apart.
		{"Mubeen Aurangzeb—one of the men", "Mubeen|Aurangzeb|—|one|of|the|men"},
		{"Lahore–was", "Lahore|–|was"},
		// A hyphen inside a word stays.
		{"brazen, US-backed massacre", "brazen|,|US-backed|massacre"},
		// Quote marks at a word's edge are peeled.
		{"«guillemets» and 'single'.", "«|guillemets|»|and|'|single|'|."},
		// Sentences glued by text extraction come apart; abbreviations and
		// domain names do not.
		{"fired his gun.Prosecutors called the U.S. wsws.org", "fired|his|gun|.|Prosecutors|called|the|U.S.|wsws.org"},
		// Markdown emphasis is peeled like quotes.
		{"told the *Guardian* and _Dawn_.", "told|the|*|Guardian|*|and|_|Dawn|_|."},
		// prose splits curly quotes off itself; a lone mark stays one token.
		{"of “psychological warfare.” ok", "of|“|psychological|warfare|.|”|ok"},
		// Possessives and contractions stay as prose split them.
		{"Khan’s party; the PTI's, not the army's, fault", "Khan|’s|party|;|the|PTI|'s|,|not|the|army|'s|,|fault"},
		{"They backed Khan's.", "They|backed|Khan|'s|."},
		{"the protesters’ march", "the|protesters|’|march"},
	}
	for _, tt := range tests {
		got := texts(tk.Tokenize(tt.in, 0))
		if got != tt.want {
			t.Errorf("Tokenize(%q)\n got %s\nwant %s", tt.in, got, tt.want)
		}
	}
}

func TestFoldAndStem(t *testing.T) {
	tests := []struct{ in, fold, stem string }{
		{"Massacred", "massacred", "massacr"},
		{"massacres", "massacres", "massacr"},
		{"Khan’s", "khan's", "khan"},
		{"terrorists", "terrorists", "terrorist"},
		{"alleged", "alleged", "alleg"},
		{"US‑backed", "us-backed", "us-back"},
		// zero-width characters hide nothing from the matcher.
		{"Mas\u200bsa\u200dcre\ufeff", "massacre", "massacr"},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.fold {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.fold)
		}
		if got := Stem(Fold(tt.in)); got != tt.stem {
			t.Errorf("Stem(Fold(%q)) = %q, want %q", tt.in, got, tt.stem)
		}
	}
}

// A zero-width character inside a word leaves one token whose offsets
// still slice the text, and whose folded form is the word.
func TestZeroWidthInsideAWord(t *testing.T) {
	text := "a mas\u200bsacre here"
	toks := New().Tokenize(text, 0)
	if len(toks) != 3 || toks[1].Norm != "massacre" || text[toks[1].Start:toks[1].End] != "mas\u200bsacre" {
		t.Errorf("tokens %+v", toks)
	}
}

// The invariant every later stage relies on: a token's offsets slice the
// source back to its text, over both seed articles, through the filters.
func TestOffsetsSliceTheSeeds(t *testing.T) {
	tk := New()
	seg, err := NewSegmenter()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"wikipedia.txt", "wsws.txt"} {
		b, err := os.ReadFile("../../corpus/testdata/seeds/" + name)
		if err != nil {
			t.Fatal(err)
		}
		src := string(b)
		n := 0
		for _, blk := range Blocks(src) {
			for _, s := range seg.Sentences(src, blk) {
				if s.Start < blk.Start || s.End > blk.End {
					t.Fatalf("%s: sentence %v outside its block %v", name, s, blk)
				}
				for _, tok := range tk.Tokenize(src[s.Start:s.End], s.Start) {
					n++
					if tok.Text == "" || tok.End <= tok.Start {
						t.Fatalf("%s: empty token at %d", name, tok.Start)
					}
					if src[tok.Start:tok.End] != tok.Text {
						t.Fatalf("%s: token %q at [%d:%d] slices to %q", name, tok.Text, tok.Start, tok.End, src[tok.Start:tok.End])
					}
				}
			}
		}
		if n < 1000 {
			t.Errorf("%s: only %d tokens", name, n)
		}
	}
}

func TestBlocks(t *testing.T) {
	src := "\n\n# Headline here\n\nV. Gnana  \nBody text.\n== Section ==\n"
	got := Blocks(src)
	want := []struct {
		text    string
		heading bool
	}{{"# Headline here", true}, {"V. Gnana", false}, {"Body text.", false}, {"== Section ==", true}}
	if len(got) != len(want) {
		t.Fatalf("got %d blocks, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		if s := src[got[i].Start:got[i].End]; s != w.text || got[i].Heading != w.heading {
			t.Errorf("block %d = %q heading=%v, want %q heading=%v", i, s, got[i].Heading, w.text, w.heading)
		}
	}
}

func TestMarkRepeats(t *testing.T) {
	tk := New()
	strip := "Photos: Colorado massacre: Mourning the victims. "
	src := strip + "A family at the memorial. " + strip + "Visitors pray. " + strip + "The massacre shook the city."
	toks := tk.Tokenize(src, 0)
	if n := MarkRepeats(toks); n != 12 {
		t.Errorf("demoted %d tokens, want 12 (two later copies of a 6-word strip)", n)
	}
	massacres := 0
	for _, tok := range toks {
		if tok.Norm == "massacre" && tok.Word {
			massacres++
		}
	}
	if massacres != 2 {
		t.Errorf("%d countable 'massacre', want 2 (the first strip and the sentence)", massacres)
	}
	// Counters in a strip do not hide it.
	gallery := "Hide Caption 1 of 52 Photos: a memorial. Hide Caption 2 of 52 Photos: a vigil. Hide Caption 3 of 52 Photos: flowers."
	if n := MarkRepeats(tk.Tokenize(gallery, 0)); n != 12 {
		t.Errorf("gallery strip: demoted %d tokens, want 12", n)
	}
	// Twice is writing, not furniture.
	twice := "Do not kill your protesters now. He said: do not kill your protesters now."
	if n := MarkRepeats(tk.Tokenize(twice, 0)); n != 0 {
		t.Errorf("demoted %d tokens of a twice-repeated quote", n)
	}
}

// The memo never changes a stem, whoever asks and however many at once.
func TestStemmerMemo(t *testing.T) {
	words := []string{"massacred", "massacres", "terrorists", "alleged", "as", "was", "brutally", "protesters", "generously"}
	var s Stemmer
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				for _, w := range words {
					if got, want := s.Stem(w), Stem(w); got != want {
						t.Errorf("Stemmer.Stem(%q) = %q, want %q", w, got, want)
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	toks := []Token{{Text: "Massacres", Norm: "massacres", Word: true}, {Text: ",", Norm: ","}}
	s.StemAll(toks)
	if toks[0].Stem != "massacr" || toks[1].Stem != "" {
		t.Errorf("StemAll: %q %q", toks[0].Stem, toks[1].Stem)
	}
}

func TestJoin(t *testing.T) {
	text := `Interior Minister Mohsin Naqvi said "they opened fire" on Khan’s supporters.`
	toks := New().Tokenize(text, 0)
	index := func(word string) int {
		for i, tk := range toks {
			if tk.Text == word {
				return i
			}
		}
		t.Fatalf("no token %q in %q", word, text)
		return -1
	}
	for _, tc := range []struct {
		first, last string
		want        string
	}{
		{"Interior", "Naqvi", "Interior Minister Mohsin Naqvi"},
		{"they", "fire", "they opened fire"},
		{"Khan", "supporters", "Khan’s supporters"},
	} {
		if got := Join(toks, index(tc.first), index(tc.last)); got != tc.want {
			t.Errorf("Join(%s..%s) = %q, want %q", tc.first, tc.last, got, tc.want)
		}
	}
	if got := Join(toks, 3, 2); got != "" {
		t.Errorf("Join of an empty range = %q", got)
	}
}

// Fold's ASCII paths give its definition (foldRunes): every token of the
// shipped corpus, and strings at the edges of ASCII.
func TestFoldFastPathsAsDefinition(t *testing.T) {
	texts := []string{"", "a", "A", "@", "[", "`", "{", "Z", "aZ", "ABC-DEF", "it's", "IT’S", "x\u200by", "\x7f", "\x80", "É"}
	tok := New()
	for _, text := range corpusTexts(t, "../../corpus") {
		for _, tk := range tok.Tokenize(text, 0) {
			texts = append(texts, tk.Text)
		}
	}
	ascii := 0
	for _, s := range texts {
		if got, want := Fold(s), foldRunes(s); got != want {
			t.Fatalf("Fold(%q) = %q, foldRunes %q", s, got, want)
		}
		if a, _ := asciiCase(s); a {
			ascii++
		}
	}
	if len(texts) < 30000 || ascii < len(texts)/2 {
		t.Errorf("%d strings, %d ASCII", len(texts), ascii)
	}
}

// The byte prefilters of the filter chain (quoteEdge, and the byte scans of
// indexDash and gluedPeriod) give what the chain gave without them: every
// word span prose finds in the shipped corpus and 300 generated articles,
// and spans built to sit at their edges.
func TestSplitTokenAsReference(t *testing.T) {
	spans := []string{"", "a", "'", "’", "\"", "“x", "x”", "«a»", "‹a›", "„a“", "‘a’", "'s", "'90s", "*x*", "_x_",
		"“", "”", "\xe2", "\xe2\x80", "x\xe2", "\xc2", "a—b", "a—", "—a", "—", "a–b―c", "gun.Prosecutors", ".A", "a.",
		"a.B.c.D", "U.S.", "“gun.Prosecutors”", "peaceful.\"Martin", "over!”Then", "end.'Then", "a?B", "a.”", "U.S.\"The", "\xff\"", "\"\xff", "a\xe2\x80\x9d", "é.É", "«Lahore—was»"}
	for _, text := range shippedAndGenerated(t, 23) {
		for _, w := range proseWords(text, nil) {
			spans = append(spans, w.Text)
		}
	}
	for _, s := range spans {
		got, want := splitToken(nil, s, 7), splitTokenReference(nil, s, 7)
		if len(got) != len(want) {
			t.Fatalf("%q: %q, reference %q", s, texts(got), texts(want))
		}
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("%q: token %d %+v, reference %+v", s, i, got[i], want[i])
			}
		}
	}
	if len(spans) < 400000 {
		t.Errorf("only %d spans", len(spans))
	}
}

// quoteEdge is derived from the Basic Multilingual Plane: no quote mark may
// lie outside it.
func TestQuoteEdgeCoversEveryMark(t *testing.T) {
	var b [4]byte
	for r := rune(0); r <= 0x10FFFF; r++ {
		if r >= 0xD800 && r <= 0xDFFF {
			continue
		}
		n := utf8.EncodeRune(b[:], r)
		if isOpeningQuote(r) && quoteEdge[b[0]]&opens == 0 {
			t.Errorf("opening %q: first byte %#x not marked", r, b[0])
		}
		if isClosingQuote(r) && quoteEdge[b[n-1]]&closes == 0 {
			t.Errorf("closing %q: last byte %#x not marked", r, b[n-1])
		}
	}
}

// splitTokenReference is the filter chain as it was before its prefilters:
// the reference TestSplitTokenAsReference compares with.
func splitTokenReference(out []Token, text string, start int) []Token {
	if i := gluedPeriodReference(text); i > 0 {
		out = splitTokenReference(out, text[:i], start)
		out = append(out, Token{Text: text[i : i+1], Start: start + i, End: start + i + 1})
		k := i + 1
		for k < len(text) {
			r, w := utf8.DecodeRuneInString(text[k:])
			if !isOpeningQuote(r) && !isClosingQuote(r) {
				break
			}
			out = append(out, Token{Text: text[k : k+w], Start: start + k, End: start + k + w})
			k += w
		}
		return splitTokenReference(out, text[k:], start+k)
	}
	for {
		i, w := indexDashReference(text)
		if i < 0 || len(text) == w {
			break
		}
		if i > 0 {
			out = peelQuotesReference(out, text[:i], start)
		}
		out = append(out, Token{Text: text[i : i+w], Start: start + i, End: start + i + w})
		text, start = text[i+w:], start+i+w
		if text == "" {
			return out
		}
	}
	return peelQuotesReference(out, text, start)
}

func gluedPeriodReference(s string) int {
	for i := 1; i+1 < len(s); i++ {
		if s[i] != '.' && s[i] != '!' && s[i] != '?' {
			continue
		}
		prev, _ := utf8.DecodeLastRuneInString(s[:i])
		rest := []rune(s[i+1:])
		k := 0
		for k < len(rest) && (isOpeningQuote(rest[k]) || isClosingQuote(rest[k])) {
			k++
		}
		if unicode.IsLower(prev) && k < len(rest) && unicode.IsUpper(rest[k]) && (k > 0 || s[i] == '.') {
			return i
		}
	}
	return -1
}

func indexDashReference(s string) (int, int) {
	for i, r := range s {
		switch r {
		case '—', '–', '―':
			return i, utf8.RuneLen(r)
		}
	}
	return -1, 0
}

func peelQuotesReference(out []Token, text string, start int) []Token {
	var tail []Token
	for utf8.RuneCountInString(text) > 1 {
		r, w := utf8.DecodeRuneInString(text)
		if !isOpeningQuote(r) || isApostrophe(r) && isElision(text[w:]) {
			break
		}
		out = append(out, Token{Text: text[:w], Start: start, End: start + w})
		text, start = text[w:], start+w
	}
	for utf8.RuneCountInString(text) > 1 {
		r, w := utf8.DecodeLastRuneInString(text)
		if !isClosingQuote(r) {
			break
		}
		end := start + len(text)
		tail = append(tail, Token{Text: text[len(text)-w:], Start: end - w, End: end})
		text = text[:len(text)-w]
	}
	out = append(out, Token{Text: text, Start: start, End: start + len(text)})
	for i := len(tail) - 1; i >= 0; i-- {
		out = append(out, tail[i])
	}
	return out
}
