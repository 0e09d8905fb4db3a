// Package actors finds who a text is about and who does what to whom: actor
// mentions from a gazetteer, the agent and patient of violence and coercion
// verbs, agentless passives ("several were injured"), and, on request,
// entity names the gazetteer does not know yet.
package actors

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/jdkato/prose/v3/ner"
	prosetoken "github.com/jdkato/prose/v3/token"

	"github.com/framing/framing/internal/tokenize"
	"github.com/framing/framing/lexicons"
	"github.com/framing/framing/pipeline/syntax"
)

// Mention is an actor named in the text.
type Mention struct {
	Actor       *lexicons.Actor
	First, Last int // token indices, inclusive
	Start, End  int // byte offsets
	Sentence    int
}

// Mentions finds every actor mention, sentence by sentence.
func Mentions(g *lexicons.Gazetteer, toks []tokenize.Token, sents []tokenize.Sentence) []Mention {
	var out []Mention
	for si, s := range sents {
		g.Match(toks[s.Tokens.Start:s.Tokens.End], func(m lexicons.Mention) {
			first, last := s.Tokens.Start+m.First, s.Tokens.Start+m.Last
			out = append(out, Mention{Actor: m.Actor, First: first, Last: last,
				Start: toks[first].Start, End: toks[last].End, Sentence: si})
		})
	}
	return out
}

// Analyzer finds agency. It is immutable and safe for concurrent use.
type Analyzer struct {
	harm *lexicons.Matcher
}

// New builds an Analyzer from the harm verbs of a cue list.
func New(cueList *lexicons.Lexicon) (*Analyzer, error) {
	harm := cueList.CategoryByID(cueList.Name + "/harm")
	if harm == nil {
		return nil, fmt.Errorf("cue list %s: category %q is missing", cueList.Path, "harm")
	}
	only := *cueList
	only.Entries = nil
	for _, e := range cueList.Entries {
		for _, c := range e.Categories {
			if c == harm {
				only.Entries = append(only.Entries, e)
				break
			}
		}
	}
	return &Analyzer{harm: lexicons.Compile(&only)}, nil
}

// Event is one use of a harm verb: who does it to whom.
type Event struct {
	Verb        string // the cue-list entry ("kill" for killed)
	Text        string // as written
	First, Last int    // token indices
	Sentence    int
	Agent       *lexicons.Actor // nil when not named or not an actor
	Patient     *lexicons.Actor
	Passive     bool
	Agentless   bool // a passive with no "by" phrase: responsibility left unnamed
}

// Agency finds the harm verbs of a document and, from POS patterns, their
// agent and patient among the mentions:
//
//	active:     SUBJECT opened fire on OBJECT       -> agent SUBJECT, patient OBJECT
//	passive:    SUBJECT were killed (by AGENT)      -> patient SUBJECT, agent AGENT
//	adjectival: the killed PTI protesters           -> patient the noun, no agent
//	accusation: accused X of opening fire on Y      -> agent X, patient Y
//
// A passive without a "by" phrase is agentless: "several were injured
// during crowd containment" names no one who injured them.
func (a *Analyzer) Agency(toks []tokenize.Token, sents []tokenize.Sentence, mentions []Mention) []Event {
	var out []Event
	for si, s := range sents {
		a.harm.Match(toks[s.Tokens.Start:s.Tokens.End], func(m lexicons.Match) {
			first, last := s.Tokens.Start+m.First, s.Tokens.Start+m.Last
			if !strings.HasPrefix(toks[first].Tag, "VB") {
				return // "the killing", "a raid", "live fire": nouns name harm but no agent
			}
			ev := Event{Verb: m.Entry.Term, Text: tokenize.Join(toks, first, last), First: first, Last: last, Sentence: si,
				Passive: syntax.Passive(toks, first, s.Tokens.Start)}
			clause := clauseOf(toks, s, first)
			object := objectOf(toks, last+1, clause.End)
			switch {
			case first > s.Tokens.Start && syntax.OneOf(toks[first-1].Tag, "DT", "PRP$"):
				// "the killed PTI protesters": an adjective; what follows was harmed.
				ev.Passive, ev.Agentless = true, true
				ev.Patient = actorIn(mentions, object)
			case ev.Passive:
				ev.Patient = actorIn(mentions, coordinated(toks, subjectOf(toks, s, first), s.Tokens.Start))
				if by := byPhrase(toks, last+1, clause.End); by.End > by.Start {
					ev.Agent = actorIn(mentions, by)
				} else {
					ev.Agentless = true
				}
			default:
				ev.Agent = actorIn(mentions, subjectOf(toks, s, first))
				ev.Patient = actorIn(mentions, object)
			}
			out = append(out, ev)
		})
	}
	return out
}

// coordinated extends a noun phrase back over "X and"/"X or" ("4,000 PTI
// supporters and members were arrested").
func coordinated(toks []tokenize.Token, np tokenize.Span, start int) tokenize.Span {
	for np.End > np.Start && np.Start-2 >= start && syntax.OneOf(toks[np.Start-1].Norm, "and", "or") && syntax.Nominal(toks[np.Start-2]) {
		prev := syntax.NounPhraseBefore(toks, np.Start-2, start)
		if prev.End == prev.Start {
			break
		}
		np.Start = prev.Start
	}
	return np
}

// objectOf is the object of a verb ending at token i-1: the noun phrase right
// after it, or after "on", "at", "into" ("opened fire on crowds of
// protesters"), extended over "of" ("crowds of protesters").
func objectOf(toks []tokenize.Token, i, end int) tokenize.Span {
	for i < end && (syntax.Adverb(toks[i]) || syntax.OneOf(toks[i].Norm, "on", "at", "into", "upon")) {
		i++
	}
	np := syntax.NounPhraseAfter(toks, i, end)
	for np.End+1 < end && toks[np.End].Norm == "of" {
		next := syntax.NounPhraseAfter(toks, np.End+1, end)
		if next.End == next.Start {
			break
		}
		np.End = next.End
	}
	return np
}

// subjectOf is the subject phrase of the verb at i: the noun phrase before
// it (adverbs and auxiliaries skipped), the antecedent of a relative
// pronoun, the accused of "accused X of Ving", or for a participle the noun
// phrase right before it ("military police pushing a protester"), else the
// subject of the clause's verb.
func subjectOf(toks []tokenize.Token, s tokenize.Sentence, i int) tokenize.Span {
	k := i - 1
	for k >= s.Tokens.Start && (syntax.Adverb(toks[k]) || syntax.Auxiliary(toks[k])) {
		k--
	}
	if k < s.Tokens.Start {
		return tokenize.Span{Start: i, End: i}
	}
	switch {
	case syntax.OneOf(toks[k].Norm, "who", "which", "that"):
		phrase, _ := syntax.Antecedent(toks, k, s.Tokens.Start)
		return phrase
	case toks[i].Tag == "VBG" && syntax.OneOf(toks[k].Norm, "of", "for") && k-1 >= s.Tokens.Start:
		// "accused security forces of opening fire": the accused did it.
		j := k - 1
		if toks[j].Tag == "VBN" && syntax.Passive(toks, j, s.Tokens.Start) {
			return subjectOf(toks, s, j) // "were accused of pushing"
		}
		phrase, _ := syntax.SubjectPhrase(toks, j, s.Tokens.Start)
		return phrase
	case toks[i].Tag == "VBG" && syntax.Nominal(toks[k]):
		phrase, _ := syntax.SubjectPhrase(toks, k, s.Tokens.Start)
		return phrase
	case toks[i].Tag == "VBG" || toks[k].Text == ",":
		phrase, _ := syntax.SubjectOfVerbBefore(toks, i, s.Tokens.Start)
		return phrase
	case syntax.OneOf(toks[k].Norm, "and", "or") && toks[i].Tag == "VBN":
		// "were arrested and detained": the subject of the first verb.
		for j := k - 1; j >= s.Tokens.Start; j-- {
			if toks[j].Tag == "VBN" {
				return subjectOf(toks, s, j)
			}
		}
	}
	phrase, _ := syntax.SubjectPhrase(toks, k, s.Tokens.Start)
	return phrase
}

// byPhrase is the noun phrase of a "by" phrase starting at or just after i
// ("were attacked by Khan's supporters").
// Coordinated participles are skipped: "arrested and detained by the
// federal government".
func byPhrase(toks []tokenize.Token, i, end int) tokenize.Span {
	for k := i; k < end && k < i+6; k++ {
		if toks[k].Norm == "by" {
			return syntax.NounPhraseAfter(toks, k+1, end)
		}
		if !syntax.Adverb(toks[k]) && !syntax.OneOf(toks[k].Norm, "and", "or") && toks[k].Tag != "VBN" {
			break
		}
	}
	return tokenize.Span{Start: i, End: i}
}

func actorIn(mentions []Mention, sp tokenize.Span) *lexicons.Actor {
	for _, m := range mentions {
		if m.First < sp.End && m.Last >= sp.Start {
			return m.Actor
		}
	}
	return nil
}

func clauseOf(toks []tokenize.Token, s tokenize.Sentence, i int) tokenize.Span {
	for _, c := range syntax.Clauses(nil, toks, s) {
		if c.Contains(i) {
			return c
		}
	}
	return s.Tokens
}

// ClauseIDs numbers the clauses of a document: ids[i] is the clause of token
// i, counted over the whole document.
func ClauseIDs(toks []tokenize.Token, sents []tokenize.Sentence) []int {
	ids := make([]int, len(toks))
	n := 0
	var clauses []tokenize.Span
	for _, s := range sents {
		clauses = syntax.Clauses(clauses[:0], toks, s)
		for _, c := range clauses {
			for i := c.Start; i < c.End; i++ {
				ids[i] = n
			}
			n++
		}
	}
	return ids
}

// Entity is a name prose's entity recognizer found.
type Entity struct {
	Text       string // normalised: possessive ending trimmed
	Label      string // PERSON, GPE, ORGANIZATION, LOCATION, FACILITY, GSP
	Start, End int
	Sentence   int
}

// Recognizer wraps prose's entity recognizer. Safe for concurrent use.
type Recognizer struct {
	ex  *ner.Extracter
	tag *tokenize.Tagger
}

// NewRecognizer loads (or reuses) prose's entity model.
func NewRecognizer(tag *tokenize.Tagger) (*Recognizer, error) {
	ex, err := ner.New()
	if err != nil {
		return nil, err
	}
	return &Recognizer{ex: ex, tag: tag}, nil
}

// Entities finds name candidates sentence by sentence, and cleans up what
// prose gets wrong on news text (METHODS §1): possessive endings are trimmed
// ("Khan’s" -> "Khan"), and a single capitalised word that opens a sentence
// is dropped when it is a common word ("Sources", "Soon", "Aftermath"):
// re-tagged in lower case and alone, it is not a proper noun.
func (r *Recognizer) Entities(text string, toks []tokenize.Token, sents []tokenize.Sentence) []Entity {
	var out []Entity
	buf := make([]prosetoken.Token, 0, 64)
	for si, s := range sents {
		if !mayNameSomething(toks[s.Tokens.Start:s.Tokens.End]) {
			continue
		}
		buf = buf[:0]
		for i := s.Tokens.Start; i < s.Tokens.End; i++ {
			buf = append(buf, prosetoken.Token{Text: toks[i].Text, Tag: toks[i].Tag, Start: toks[i].Start})
		}
		r.ex.Label(buf)
		for _, e := range r.ex.Chunk(text, buf) {
			ent := Entity{Text: e.Text, Label: e.Label, Start: e.Start, End: e.End(), Sentence: si}
			trimEntity(&ent)
			if ent.Text == "" || r.commonOpener(ent, toks, s) || inExcluded(ent, toks, s) {
				continue
			}
			out = append(out, ent)
		}
	}
	return out
}

// mayNameSomething reports whether a sentence may hold a name: a token
// tagged as a proper noun, or a word with a capital letter after the
// sentence's first word ("Iranian" and "Western" are adjectives to the
// tagger; "#PS752" is a symbol). The recognizer
// only proposes names, and a sentence with no candidate has none to
// propose: skipping those skips a third of the recognizer's work, which is
// 95% of a run with entities on. (Checked on the shipped corpus: the same
// unlinked entities, with the same counts, either way.)
func mayNameSomething(toks []tokenize.Token) bool {
	first := true
	for _, t := range toks {
		if t.Tag == "NNP" || t.Tag == "NNPS" {
			return true
		}
		if !t.Word {
			continue
		}
		if !first && strings.ContainsFunc(t.Text, unicode.IsUpper) {
			return true
		}
		first = false
	}
	return false
}

// trimEntity trims what the chunker glues to a name: punctuation and dashes
// at either edge ("Supreme Leader Ayatollah Ali Khamenei —") and a
// possessive ending ("Khan’s"). Offsets move with the text.
func trimEntity(e *Entity) {
	for {
		before := e.Text
		t := strings.TrimRightFunc(e.Text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '.' })
		for _, suffix := range []string{"’s", "'s", "’", "'"} {
			if strings.HasSuffix(t, suffix) && len(t) > len(suffix) {
				t = strings.TrimSuffix(t, suffix)
				break
			}
		}
		lead := len(t) - len(strings.TrimLeftFunc(t, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }))
		e.Start += lead
		e.Text = t[lead:]
		e.End = e.Start + len(e.Text)
		if e.Text == before {
			return
		}
	}
}

// inExcluded reports whether the entity lies in text that is not prose
// (page chrome, a heading, repeated furniture), which is neither counted nor matched.
func inExcluded(e Entity, toks []tokenize.Token, s tokenize.Sentence) bool {
	for i := s.Tokens.Start; i < s.Tokens.End; i++ {
		if toks[i].Excluded && toks[i].Start < e.End && e.Start < toks[i].End {
			return true
		}
	}
	return false
}

func (r *Recognizer) commonOpener(e Entity, toks []tokenize.Token, s tokenize.Sentence) bool {
	first := s.Tokens.Start
	for first < s.Tokens.End && !toks[first].Word {
		first++
	}
	if first >= s.Tokens.End || toks[first].Start != e.Start || toks[first].End != e.End {
		return false
	}
	probe := []tokenize.Token{{Text: strings.ToLower(e.Text)}}
	r.tag.Tag(probe)
	return !strings.HasPrefix(probe[0].Tag, "NNP")
}

// Unlinked returns the entities no actor mention overlaps.
func Unlinked(ents []Entity, mentions []Mention) []Entity {
	var out []Entity
	for _, e := range ents {
		linked := false
		for _, m := range mentions {
			if m.Start < e.End && e.Start < m.End {
				linked = true
				break
			}
		}
		if !linked {
			out = append(out, e)
		}
	}
	return out
}
