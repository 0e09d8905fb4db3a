// Package syntax finds grammatical roles in POS-tagged tokens: noun phrases,
// subjects, passives, clauses. Voice uses it to find who speaks; the actors
// stage to find who does what to whom. Everything here is a heuristic over
// Penn Treebank tags (prose's tagger), written against the seed articles and
// checked on ../shared/eval; see pipeline/testdata/voice-gold.tsv.
package syntax

import (
	"strings"

	"github.com/framing/framing/internal/tokenize"
)

// Finite reports whether t is a finite verb (or a modal): the verb of a clause.
func Finite(t tokenize.Token) bool { return OneOf(t.Tag, "VBD", "VBZ", "VBP", "MD") }

// Passive reports whether the verb at i is a passive participle: a VBN with
// a form of "be" before it (adverbs allowed between: "were also killed"); a
// reduced relative, a VBN right after a noun with no object after it ("the
// man accused of ...", "five security personnel killed during the clashes");
// or a VBN coordinated with a passive ("were arrested and detained").
func Passive(toks []tokenize.Token, i, start int) bool {
	if toks[i].Tag != "VBN" {
		return false
	}
	if i > start && OneOf(toks[i-1].Tag, "NN", "NNS", "NNP", "NNPS") &&
		(i+1 >= len(toks) || !Nominal(toks[i+1]) || toks[i+1].Tag == "POS") {
		// Unless the noun phrase is a clause's subject after a subordinator
		// ("when a vehicle rammed into them": a past tense the tagger read
		// as a participle).
		np := NounPhraseBefore(toks, i-1, start)
		return np.Start == start || !OneOf(toks[np.Start-1].Norm, "when", "as", "after", "because", "if", "while", "since", "before", "until", "that", "where")
	}
	for k := i - 1; k >= start; k-- {
		switch {
		case BeForm(toks[k]):
			return true
		case OneOf(toks[k].Norm, "and", "or") && k-1 >= start && toks[k-1].Tag == "VBN":
			return Passive(toks, k-1, start)
		case !Adverb(toks[k]):
			return false
		}
	}
	return false
}

// BeForm reports whether t is a form of "be": the auxiliary of a passive.
func BeForm(t tokenize.Token) bool {
	return OneOf(t.Norm, "was", "were", "is", "are", "be", "been", "being")
}

// Antecedent is the noun phrase a relative pronoun at i refers to: the one
// before it, across a comma ("Riyadh, which ...").
func Antecedent(toks []tokenize.Token, i, start int) (phrase, head tokenize.Span) {
	k := i - 1
	if k >= start && toks[k].Text == "," {
		k--
	}
	if k < start {
		return tokenize.Span{Start: i, End: i}, tokenize.Span{Start: i, End: i}
	}
	return SubjectPhrase(toks, k, start)
}

// SubjectOfVerbBefore finds the nearest finite verb before token i (within
// its clause) and returns its subject.
func SubjectOfVerbBefore(toks []tokenize.Token, i, start int) (phrase, head tokenize.Span) {
	for k := i - 1; k > start; k-- {
		if OneOf(toks[k].Text, ",", ";", ":") {
			break
		}
		if Finite(toks[k]) {
			j := k - 1
			for j >= start && (Adverb(toks[j]) || Auxiliary(toks[j])) {
				j--
			}
			if j >= start && Nominal(toks[j]) {
				return SubjectPhrase(toks, j, start)
			}
			break
		}
	}
	return tokenize.Span{Start: i, End: i}, tokenize.Span{Start: i, End: i}
}

// SubjectPhrase collects the speaker phrase ending at token i: a noun phrase,
// extended over "of", "from", "at" and "with" phrases ("Senator Fatima Payman
// of the Australian Senate", "a law enforcement official with knowledge of the
// investigation"), and over an apposition that names the speaker before
// describing them ("Ro Khanna, a U.S. Representative from California"; "Azaz
// Syed, a senior journalist,"). head is the part that names the speaker.
func SubjectPhrase(toks []tokenize.Token, i, start int) (phrase, head tokenize.Span) {
	np := NounPhraseBefore(toks, i, start)
	phrase, head = np, np
	if np.End == np.Start {
		return
	}
	for phrase.Start-2 >= start && OneOf(toks[phrase.Start-1].Norm, "of", "from", "at", "with") {
		prev := NounPhraseBefore(toks, phrase.Start-2, start)
		if prev.End == prev.Start || toks[prev.Start].Tag == "PRP" {
			break
		}
		phrase.Start, head = prev.Start, prev
	}
	if !AllProper(toks, head) && phrase.Start-2 >= start && toks[phrase.Start-1].Text == "," {
		name := NounPhraseBefore(toks, phrase.Start-2, start)
		if AllProper(toks, name) && (name.Start == start || Boundary(toks[name.Start-1])) {
			phrase.Start, head = name.Start, name
		}
	}
	return phrase, head
}

// MainSubject is the subject of a sentence: the noun phrase it opens with,
// after an introductory phrase closed by a comma ("Later, party sources
// lowered the count, stating ..." -> "party sources"; "This week, the PTI
// again called off protests" -> "the PTI"), extended over an "of" phrase
// ("The office of ... Mohsin Naqvi").
func MainSubject(toks []tokenize.Token, s tokenize.Sentence) (phrase, head tokenize.Span) {
	i := s.Tokens.Start
	if Intro(toks[i]) {
		for k := i; k < s.Tokens.End && k < i+8; k++ {
			if Finite(toks[k]) {
				break
			}
			if toks[k].Text == "," {
				i = k + 1
				break
			}
		}
	}
	for i < s.Tokens.End && !toks[i].Word {
		i++
	}
	np := NounPhraseAfter(toks, i, s.Tokens.End)
	phrase, head = np, np
	for phrase.End+1 < s.Tokens.End && OneOf(toks[phrase.End].Norm, "of", "from", "at") {
		next := NounPhraseAfter(toks, phrase.End+1, s.Tokens.End)
		if next.End == next.Start {
			break
		}
		phrase.End = next.End
	}
	return phrase, head
}

// Intro: a sentence opening with this word may open with an introductory
// phrase ("Later, ...", "On Wednesday, ...", "This week, ...") rather than
// with its subject ("Joe D'Alessandro, a former state attorney, ...").
func Intro(t tokenize.Token) bool {
	return OneOf(t.Tag, "IN", "RB", "RBR", "WRB", "CC", "TO", "VBG", "VBN", "CD") ||
		OneOf(t.Norm, "this", "last", "next", "earlier", "later", "meanwhile")
}

// NounPhraseBefore collects the noun phrase ending at token i (inclusive). A
// personal pronoun is a phrase on its own ("the first protest he called" has
// the subject "he").
func NounPhraseBefore(toks []tokenize.Token, i, start int) tokenize.Span {
	end := i + 1
	if i >= start && toks[i].Tag == "PRP" {
		return tokenize.Span{Start: i, End: end}
	}
	for i >= start && Nominal(toks[i]) && toks[i].Tag != "PRP" {
		i--
	}
	return tokenize.Span{Start: i + 1, End: end}
}

// NounPhraseAfter collects the noun phrase starting at token i.
func NounPhraseAfter(toks []tokenize.Token, i, end int) tokenize.Span {
	if i < end && toks[i].Tag == "PRP" {
		return tokenize.Span{Start: i, End: i + 1}
	}
	j := i
	for j < end && Nominal(toks[j]) && toks[j].Tag != "PRP" {
		j++
	}
	return tokenize.Span{Start: i, End: j}
}

// Nominal: tokens that can make up a speaker's noun phrase.
func Nominal(t tokenize.Token) bool {
	switch t.Tag {
	case "NNP", "NNPS", "NN", "NNS", "JJ", "CD", "POS", "PRP", "PRP$", "DT":
		return true
	}
	// prose tags "’s" and abbreviations ("Mr.") unpredictably.
	return t.Norm == "'s" || t.Norm == "'" && t.Tag != "''" || strings.HasSuffix(t.Text, ".") && len(t.Text) <= 4 && t.Word
}

// AllProper reports whether the span is non-empty and all proper nouns.
func AllProper(toks []tokenize.Token, sp tokenize.Span) bool {
	for i := sp.Start; i < sp.End; i++ {
		if !strings.HasPrefix(toks[i].Tag, "NNP") {
			return false
		}
	}
	return sp.End > sp.Start
}

// HasProper reports whether the span holds a proper noun.
func HasProper(toks []tokenize.Token, sp tokenize.Span) bool {
	for i := sp.Start; i < sp.End; i++ {
		if strings.HasPrefix(toks[i].Tag, "NNP") {
			return true
		}
	}
	return false
}

// Adverb reports whether t is an adverb or modal, words skipped between a
// subject and its verb ("Naqvi further warned", "would also say").
func Adverb(t tokenize.Token) bool { return strings.HasPrefix(t.Tag, "RB") || t.Tag == "MD" }

// Auxiliary reports whether t is an auxiliary verb ("has", "was", "did").
func Auxiliary(t tokenize.Token) bool {
	switch t.Norm {
	case "has", "have", "had", "was", "were", "is", "are", "be", "been", "being", "did", "does", "do", "will", "would", "also":
		return true
	}
	return false
}

// Pronoun reports whether s is a personal pronoun that can stand for a speaker.
func Pronoun(s string) bool {
	switch strings.ToLower(s) {
	case "he", "she", "they", "it", "we", "i":
		return true
	}
	return false
}

// ClauseEnd is the first clause boundary at or after i, at most max tokens on.
func ClauseEnd(toks []tokenize.Token, i, end, max int) int {
	limit := min(end, i+max)
	for ; i < limit; i++ {
		if Boundary(toks[i]) {
			return i
		}
	}
	return limit
}

// ClauseStart is the token after the last clause boundary before i.
func ClauseStart(toks []tokenize.Token, i, start int) int {
	for i--; i >= start; i-- {
		if Boundary(toks[i]) {
			return i + 1
		}
	}
	return start
}

// Boundary reports whether t ends a clause: punctuation that does, or a
// conjunction or relative pronoun that starts a new one.
func Boundary(t tokenize.Token) bool {
	switch t.Norm {
	case ",", ";", ":", "—", "–", "(", ")", "[", "]",
		"but", "while", "whereas", "although", "though", "because", "since", "however", "which", "who", "whom", "whose",
		"before", "until", "unless":
		return true
	}
	return false
}

// OneOf reports whether s is one of the options.
func OneOf(s string, options ...string) bool {
	for _, o := range options {
		if s == o {
			return true
		}
	}
	return false
}

// ClosingQuote reports whether t is a closing quotation mark.
func ClosingQuote(t tokenize.Token) bool {
	return t.Tag == "''" || t.Text == "”" || t.Text == "\"" || t.Text == "’"
}

// OpeningQuote reports whether t is an opening quotation mark.
func OpeningQuote(t tokenize.Token) bool {
	return t.Tag == "``" || OneOf(t.Text, "'", "‘", "\"", "“", "«")
}

// PrevComma is the index of the last comma before i, or -1.
func PrevComma(toks []tokenize.Token, i, start int) int {
	for i--; i >= start; i-- {
		if toks[i].Text == "," {
			return i
		}
	}
	return -1
}

// Clauses splits a sentence into clauses, as token spans in order. A clause
// ends at ";", ":", a dash or a bracket; at a subordinator or relative
// pronoun ("because", "while", "which", "who"); and at a comma or "but" that
// a new clause follows: a subject and its verb (", as security forces opened
// fire"), or a participle (", asserting that"). A comma inside a noun phrase
// ("brazen, US-backed massacre") does not end a clause.
//
// The clauses are appended to dst (a caller going over many sentences
// reuses one slice).
func Clauses(dst []tokenize.Span, toks []tokenize.Token, s tokenize.Sentence) []tokenize.Span {
	out := dst
	start := s.Tokens.Start
	cut := func(at, next int) {
		if at > start {
			out = append(out, tokenize.Span{Start: start, End: at})
		}
		start = next
	}
	for i := s.Tokens.Start; i < s.Tokens.End; i++ {
		t := toks[i]
		switch {
		case clauseMark(t.Text):
			cut(i, i+1)
		case i > start && clauseOpener(t.Norm):
			cut(i, i)
		case t.Text == "," || t.Norm == "but":
			j := i + 1
			for j < s.Tokens.End && (ClosingQuote(toks[j]) || Adverb(toks[j]) || OneOf(toks[j].Norm, "and", "but", "as", "when", "after", "before", "since", "if", "then")) {
				j++
			}
			if j >= s.Tokens.End {
				continue
			}
			np := NounPhraseAfter(toks, j, s.Tokens.End)
			if OneOf(toks[j].Tag, "VBG", "VBN") || np.End > np.Start && np.End < s.Tokens.End && Finite(toks[np.End]) {
				cut(i, i+1)
			}
		}
	}
	cut(s.Tokens.End, s.Tokens.End)
	return out
}

// clauseMark reports whether a token's text ends a clause by itself. (A
// switch, not OneOf: Clauses runs over every token, and the comparisons
// in turn were a sixth of its time.)
func clauseMark(text string) bool {
	switch text {
	case ";", ":", "—", "–", "(", ")", "[", "]":
		return true
	}
	return false
}

// clauseOpener reports whether a norm opens a subordinate or relative clause.
func clauseOpener(norm string) bool {
	switch norm {
	case "because", "while", "whereas", "although", "though", "which", "who", "whom", "whose":
		return true
	}
	return false
}

// Temporal reports whether t names a time: a weekday, a month, a part of the
// day, a relative day ("yesterday"), or a year ("2006"). Such a noun is never
// a speaker ("Putin on Thursday said") and, after a report verb, dates the
// speech act rather than its content ("admitted she went too far on Tuesday
// after ...").
func Temporal(t tokenize.Token) bool {
	switch t.Norm {
	case "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
		"yesterday", "today", "tonight", "tomorrow", "morning", "afternoon", "evening", "night",
		"overnight", "weekend", "week", "month", "year", "hours", "days", "weeks", "months", "years", "minutes":
		return true
	case "january", "february", "march", "april", "may", "june", "july", "august",
		"september", "october", "november", "december", "jan.", "feb.", "aug.", "sept.", "oct.", "nov.", "dec.":
		// "May" the month, not "may" the modal; "March", not "the march".
		return strings.HasPrefix(t.Tag, "NNP") || t.Tag == "CD"
	}
	if t.Tag == "CD" && len(t.Text) == 4 && t.Text[0] >= '1' && t.Text[0] <= '2' {
		for i := 1; i < 4; i++ {
			if t.Text[i] < '0' || t.Text[i] > '9' {
				return false
			}
		}
		return true
	}
	return false
}

// TemporalBefore is the start of a time adjunct ending at token i: "on
// Thursday", "late Friday", "earlier this week", "Monday night", or i+1
// when there is none.
func TemporalBefore(toks []tokenize.Token, i, start int) int {
	k := i
	for k >= start && (Temporal(toks[k]) || toks[k].Tag == "CD" || OneOf(toks[k].Norm, "this", "last", "next", "late", "early", "earlier", "later")) {
		k--
	}
	if k == i {
		return i + 1
	}
	if k >= start && OneOf(toks[k].Norm, "on", "in", "at", "during", "since") {
		k--
	}
	return k + 1
}

// ReducedRelative reports whether the participle at i modifies the noun
// before it, with no form of "be": "the man accused of ...", "five security
// personnel killed during the clashes". Such a participle describes; it
// reports no speech act of its own.
func ReducedRelative(toks []tokenize.Token, i, start int) bool {
	if toks[i].Tag != "VBN" || i == start || !OneOf(toks[i-1].Tag, "NN", "NNS", "NNP", "NNPS") {
		return false
	}
	return Passive(toks, i, start)
}

// SplitObject splits the noun phrase np after a verb of naming into the
// object and what it is called: "the looters thugs" -> "the looters" +
// "thugs"; "Zimmerman a liar" -> "Zimmerman" + "a liar"; "it deadly" -> "it"
// + "deadly". The second span is empty when the phrase does not split.
func SplitObject(toks []tokenize.Token, np tokenize.Span) (object, complement tokenize.Span) {
	for i := np.Start + 1; i < np.End; i++ {
		prev, t := toks[i-1], toks[i]
		noun := OneOf(prev.Tag, "NN", "NNS", "NNP", "NNPS", "PRP")
		if noun && (t.Tag == "DT" || t.Tag == "JJ" || t.Tag == "PRP$") ||
			prev.Tag == "NNS" && OneOf(t.Tag, "NN", "NNS") ||
			prev.Tag == "PRP" {
			return tokenize.Span{Start: np.Start, End: i}, tokenize.Span{Start: i, End: np.End}
		}
	}
	return np, tokenize.Span{Start: np.End, End: np.End}
}
