package pipeline

import (
	"strings"

	"github.com/framing/framing/lexicons"
)

// legalTerms is the legal-term rule: a crime word that names a charge or a
// proceeding — after a legal frame ("charged with terrorism", "convicted
// of first-degree murder"), before a legal head noun ("murder trial",
// "terrorism charges") or after a legal modifier ("second-degree murder",
// "aggravated assault") — is the charge's name, not the writer's
// judgement, so the loadedness model does not count it. The words come
// from the cue list's legal-frame, legal-head and legal-modifier
// categories; a cue list without them turns the rule off.
type legalTerms struct {
	frames   map[string]bool // folded words joined by spaces
	maxFrame int             // words in the longest frame
	heads    map[string]bool
	mods     map[string]bool
}

// newLegalTerms reads the legal categories of the cue list (nil when it has
// none).
func newLegalTerms(cues *lexicons.Lexicon) *legalTerms {
	if cues == nil {
		return nil
	}
	cat := func(id string) *lexicons.Category { return cues.CategoryByID(cues.Name + "/" + id) }
	frame, head, mod := cat("legal-frame"), cat("legal-head"), cat("legal-modifier")
	if frame == nil && head == nil && mod == nil {
		return nil
	}
	l := &legalTerms{frames: map[string]bool{}, heads: map[string]bool{}, mods: map[string]bool{}}
	for _, e := range cues.Entries {
		words := e.Words()
		key := strings.Join(words, " ")
		for _, c := range e.Categories {
			switch c {
			case frame:
				l.frames[key] = true
				l.maxFrame = max(l.maxFrame, len(words))
			case head:
				l.heads[key] = true
			case mod:
				l.mods[key] = true
			}
		}
	}
	return l
}

// holds reports whether the words first..last of d (one sentence's) name a
// charge.
func (l *legalTerms) holds(d *Doc, first, last int) bool {
	if l == nil {
		return false
	}
	s := d.Sentences[sentenceOfToken(d, first)]
	start, end := s.Tokens.Start, s.Tokens.End
	norm := func(i int) string { return d.Tokens[i].Norm }
	noun := func(i int) bool { return strings.HasPrefix(d.Tokens[i].Tag, "NN") }
	// Before a head noun: a noun modifying it ("murder trial").
	if next := last + 1; next < end && noun(last) && l.heads[norm(next)] {
		return true
	}
	// After a modifier ("second-degree murder"), or a modifier itself
	// before its noun ("aggravated assault").
	if prev := first - 1; prev >= start && l.mods[norm(prev)] {
		return true
	}
	if first == last && l.mods[norm(first)] && last+1 < end && noun(last+1) {
		return true
	}
	// After a frame, in the noun phrase that is its object: determiners,
	// adjectives, nouns, "and", "or" and commas may stand between
	// ("charged with terrorism and possession of narcotics", "counts of
	// aggravated assault").
	for j := first - 1; j >= start && first-j <= 6; j-- {
		for n := 1; n <= l.maxFrame && j-n+1 >= start; n++ {
			words := make([]string, n)
			for k := range n {
				words[k] = norm(j - n + 1 + k)
			}
			if l.frames[strings.Join(words, " ")] {
				return true
			}
		}
		t := d.Tokens[j]
		if !(t.Tag == "DT" || t.Tag == "CC" || t.Tag == "," || t.Tag == "IN" && t.Norm == "of" ||
			strings.HasPrefix(t.Tag, "JJ") || strings.HasPrefix(t.Tag, "NN") || l.mods[t.Norm]) {
			return false
		}
	}
	return false
}
