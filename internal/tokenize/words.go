package tokenize

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// proseWords is prose v3's default tokenizer (prose/v3/tokenize, MIT
// licence, (c) Joseph Kato) re-implemented with exact byte prefilters:
// prose runs its special-token regular expression on every
// span and again after each affix it peels, and scans ten contraction
// patterns each time. Here the expression runs only on a span ending in
// '.' (both its alternatives do), the contraction search only on a span
// holding an apostrophe (every pattern does), and emoticons are a map
// lookup. The tokens and offsets are prose's (TestWordsAsProse compares
// every token of the shipped corpus and of generated articles).
//
// It splits text on white space, then peels each span: a special token
// (an emoticon, "U.S.", "Mr.") whole; else a leading prefix; else the text
// before a contraction; else a trailing suffix (kept, and emitted after the
// span's body, innermost last).
func proseWords(text string, out []wordSpan) []wordSpan {
	var (
		start, index int
		white        bool
	)
	for index <= len(text) {
		uc, size := utf8.DecodeRuneInString(text[index:])
		if size == 0 {
			break
		} else if index == 0 {
			white = isSpace(uc)
		}
		if isSpace(uc) != white {
			if start < index {
				out = splitSpan(text[start:index], start, out)
			}
			if uc == ' ' {
				start = index + 1
			} else {
				start = index
			}
			white = !white
		}
		index += size
	}
	if start < index {
		out = splitSpan(text[start:index], start, out)
	}
	return out
}

// wordSpan is a raw token: its text and where it starts.
type wordSpan struct {
	Text  string
	Start int
}

// isSpace is unicode.IsSpace, ASCII by table.
func isSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiSpace[r]
	}
	return unicode.IsSpace(r)
}

// asciiSpace marks the ASCII bytes unicode.IsSpace accepts.
var asciiSpace = [256]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

func blankSpan(s string) bool {
	for _, r := range s {
		if !isSpace(r) {
			return false
		}
	}
	return true
}

// prose's affixes, contractions and special-token expression.
var (
	wordPrefixes     = []string{"$", "(", `"`, "[", "“", "‘"}
	wordSuffixes     = []string{",", ")", `"`, "]", "!", ";", ".", "?", ":", "'", "”", "’"}
	wordContractions = []string{"'ll", "'s", "'re", "'m", "n't", "’ll", "’s", "’re", "’m", "n’t"}
	specialWord      = regexp.MustCompile(`^(?:[A-Za-z]\.){2,}$|^[A-Z][a-z]{1,2}\.$`)

	// Exact prefilters, derived from the lists above: the bytes an affix
	// can start (prefixes) or end (suffixes) a span with, and each first
	// byte's emoticon lengths (bit n: an emoticon of n bytes). Most spans
	// fail them, and skip a dozen comparisons or a map lookup.
	prefixFirst   = affixBytes(wordPrefixes, func(a string) byte { return a[0] })
	suffixLast    = affixBytes(wordSuffixes, func(a string) byte { return a[len(a)-1] })
	emoticonStart = emoticonLengths()
)

func affixBytes(affixes []string, at func(string) byte) (set [256]bool) {
	for _, a := range affixes {
		set[at(a)] = true
	}
	return set
}

func emoticonLengths() (lengths [256]uint64) {
	for e := range emoticons {
		if len(e) >= 64 {
			panic("tokenize: emoticon of 64 bytes or more: " + e)
		}
		lengths[e[0]] |= 1 << len(e)
	}
	return lengths
}

// isEmoticon reports whether span (not empty) is one of prose's emoticons.
func isEmoticon(span string) bool {
	return len(span) < 64 && emoticonStart[span[0]]&(1<<len(span)) != 0 && emoticons[span]
}

func splitSpan(span string, base int, out []wordSpan) []wordSpan {
	if blankSpan(span) {
		return out
	}
	var sufArr [8]wordSpan
	suffixes := sufArr[:0]
	for span != "" {
		if isSpecialWord(span) {
			out = append(out, wordSpan{span, base})
			span = ""
			break
		}
		if prefixFirst[span[0]] {
			if p := matchAffix(span, wordPrefixes, strings.HasPrefix); p > 0 {
				out = append(out, wordSpan{span[:p], base})
				span, base = span[p:], base+p
				continue
			}
		}
		if hasApostrophe(span) {
			if idx := indexContraction(span); idx > 0 {
				out = append(out, wordSpan{span[:idx], base})
				span, base = span[idx:], base+idx
				continue
			}
		}
		if suffixLast[span[len(span)-1]] {
			if s := matchAffix(span, wordSuffixes, strings.HasSuffix); s > 0 {
				cut := len(span) - s
				suffixes = append(suffixes, wordSpan{span[cut:], base + cut})
				span = span[:cut]
				continue
			}
		}
		out = append(out, wordSpan{span, base})
		span = ""
	}
	for i := len(suffixes) - 1; i >= 0; i-- {
		out = append(out, suffixes[i])
	}
	return out
}

func isSpecialWord(span string) bool {
	return isEmoticon(span) || span[len(span)-1] == '.' && specialWord.MatchString(span)
}

func matchAffix(s string, affixes []string, has func(string, string) bool) int {
	for _, a := range affixes {
		if len(s) > len(a) && has(s, a) {
			return len(a)
		}
	}
	return 0
}

// hasApostrophe reports whether s holds ' or ’, which every contraction
// pattern does.
func hasApostrophe(s string) bool {
	return strings.IndexByte(s, '\'') >= 0 || strings.Contains(s, "’")
}

// indexContraction is prose's indexAnyCase over the contractions: the
// smallest positive index of any of them, ASCII case folded; -1 if none.
func indexContraction(s string) int {
	best := -1
	for _, c := range wordContractions {
		if i := indexFoldASCII(s, c); i > 0 && (best == -1 || i < best) {
			best = i
		}
	}
	return best
}

func indexFoldASCII(s, substr string) int {
	if len(substr) == 0 || len(substr) > len(s) {
		return -1
	}
	for i := 0; i <= len(s)-len(substr); i++ {
		if equalFoldASCII(s[i:i+len(substr)], substr) {
			return i
		}
	}
	return -1
}

func equalFoldASCII(a, b string) bool {
	for i := 0; i < len(a); i++ {
		ca, cb := a[i], b[i]
		if ca >= 'A' && ca <= 'Z' {
			ca += 'a' - 'A'
		}
		if cb >= 'A' && cb <= 'Z' {
			cb += 'a' - 'A'
		}
		if ca != cb {
			return false
		}
	}
	return true
}
