package voice

import (
	"strings"
	"unicode/utf8"

	"github.com/framing/framing/internal/tokenize"
	"github.com/framing/framing/pipeline/syntax"
)

// subjectOf is what subject finds for a verb cue.
type subjectOf struct {
	phrase, head tokenize.Span // the speaker phrase and the part naming the speaker
	// backward is the index of the comma that ends the reported content
	// when the cue follows it ("..., he said." or `"...," said Miller.`),
	// or -1.
	backward int
	from     int  // where the cue's complement may start: after a passive's "by" phrase
	fronted  bool // the object stands before the subject: "which it called deadly"
	// agentless: a passive with no "by" phrase ("it was reported that"):
	// someone spoke, unnamed. reduced: a participle describing a noun
	// ("the man accused of ..."), which reports no speech act.
	agentless, reduced bool
}

// subject finds the speaker phrase of a verb cue: the subject of the cue,
// not a preposition's object, an apposition's tail or a date. A cue
// followed by a colon or a quotation introduces what comes after it,
// whatever came before. It tries, in turn: an infinitive (no subject of its
// own), an inverted cue after reported content (`"...," said Miller.`), a
// passive (the agent of its "by" phrase, or nobody), a relative clause (its
// antecedent), and the noun phrase before the verb.
func (a *Analyzer) subject(r *Result, s tokenize.Sentence, c Cue) subjectOf {
	sc := subjectScan{r: r, toks: r.toks, c: c, start: s.Tokens.Start, end: s.Tokens.End}
	none := tokenize.Span{Start: c.First, End: c.First}
	out := subjectOf{phrase: none, head: none, backward: -1, from: c.Last + 1}
	participle := strings.HasSuffix(sc.toks[c.First].Tag, "G")

	i := c.First - 1
	for i >= sc.start && (syntax.Adverb(sc.toks[i]) || syntax.Auxiliary(sc.toks[i])) {
		i--
	}
	if i >= sc.start && sc.toks[i].Norm == "to" {
		return out // an infinitive: the clause's subject speaks
	}
	if i >= sc.start && !participle && c.First == c.Last {
		if np, comma, ok := sc.inverted(i); ok {
			out.phrase, out.head, out.backward = np, np, comma
			return out
		}
		if sc.toks[i].Text == "," {
			// A parenthesis between subject and verb: a relative clause
			// or a description ("a law enforcement official, who requested
			// anonymity ..., said"; "Azaz Syed, a senior journalist, later
			// claimed"). Otherwise a stray comma ("minister Naqvi, warned").
			i = skipParenthesis(sc.toks, i, sc.start)
		}
	}
	if i >= sc.start && syntax.Temporal(sc.toks[i]) {
		// "Putin on Thursday said", "police Friday said"
		i = syntax.TemporalBefore(sc.toks, i, sc.start) - 1
	}
	if i < sc.start {
		return out
	}
	if syntax.Passive(sc.toks, c.First, sc.start) || describesNoun(sc.toks, c, sc.end) {
		return sc.passive(out)
	}
	if syntax.OneOf(sc.toks[i].Norm, "who", "which") || sc.toks[i].Tag == "WDT" || sc.toks[i].Tag == "WP" {
		// A relative clause: "Riyadh, which described ...". The speaker is
		// the antecedent.
		out.phrase, out.head = syntax.Antecedent(sc.toks, i, sc.start)
		return out
	}
	return sc.beforeVerb(out, i, participle)
}

// subjectScan is one verb cue's sentence, as subject reads it.
type subjectScan struct {
	r          *Result
	toks       []tokenize.Token
	c          Cue
	start, end int // the sentence's tokens
}

// afterSpeech skips what may follow a report verb before its content ends:
// the time ("said Sunday", "said on Wednesday") and a topic ("said of the
// verdict").
func (sc subjectScan) afterSpeech(i int) int {
	toks, end := sc.toks, sc.end
	for i < end {
		switch {
		case syntax.Temporal(toks[i]) || syntax.Adverb(toks[i]) && toks[i].Tag != "MD":
			i++
		case (toks[i].Tag == "IN" || syntax.OneOf(toks[i].Norm, "late", "early", "last")) && i+1 < end && !syntax.OneOf(toks[i].Norm, "that", "if", "whether", "as", "because", "while", "although", "though", "since", "until", "when"):
			// "shouted on Sunday during a demonstration in Tehran",
			// "said of the verdict", "said in an interview"
			np := syntax.NounPhraseAfter(toks, i+1, end)
			if np.End == np.Start {
				return i
			}
			i = np.End
		default:
			return i
		}
	}
	return i
}

// closesContent: "he said." or "he said, adding ..." — but not "he said:"
// or `he said, "...`, which open content.
func (sc subjectScan) closesContent(i int) bool {
	i = sc.afterSpeech(i)
	if i >= sc.end || syntax.OneOf(sc.toks[i].Text, ".", "!", "?", ";") {
		return true
	}
	return sc.toks[i].Text == "," && !(i+1 < sc.end && sc.r.opensQuote(i+1, sc.end))
}

// contentComma is the comma ending the content at token i, perhaps followed
// by a closing quote (`...,` or `...,"`), or -1.
func (sc subjectScan) contentComma(i int) int {
	if i > sc.start && syntax.ClosingQuote(sc.toks[i]) && sc.toks[i-1].Text == "," {
		return i - 1
	}
	if i > sc.start && sc.toks[i].Text == "," {
		return i
	}
	return -1
}

// inverted reads `"...," said Miller.`: content ending in a comma at i,
// then the cue, then its subject. It returns the subject and the comma.
func (sc subjectScan) inverted(i int) (tokenize.Span, int, bool) {
	k := sc.contentComma(i)
	if k < 0 {
		return tokenize.Span{}, -1, false
	}
	np := syntax.NounPhraseAfter(sc.toks, sc.c.Last+1, sc.end)
	if np.End > np.Start && sc.closesContent(np.End) && !syntax.Temporal(sc.toks[np.End-1]) {
		return np, k, true
	}
	return tokenize.Span{}, -1, false
}

// passive reads a passive cue ("The protest was referred to as ...", "were
// accused of pushing"): the subject is what is talked about; the speaker is
// the agent of a "by" phrase, or nobody.
func (sc subjectScan) passive(out subjectOf) subjectOf {
	toks, c := sc.toks, sc.c
	if syntax.ReducedRelative(toks, c.First, sc.start) || describesNoun(toks, c, sc.end) {
		out.reduced = true
	}
	for k := c.Last + 1; k < sc.end; k++ {
		if toks[k].Norm == "by" && sc.r.inQuote[k] < 0 {
			np := syntax.NounPhraseAfter(toks, k+1, sc.end)
			if np.End > np.Start {
				out.phrase, out.head, out.reduced = np, np, false
				if k == c.Last+1 {
					out.from = np.End
				}
				return out
			}
		}
		if syntax.OneOf(toks[k].Text, ";", ":") || syntax.Finite(toks[k]) {
			break
		}
	}
	out.agentless = !out.reduced
	return out
}

// beforeVerb takes the noun phrase ending at i, before the verb, as the
// subject: unless it is a preposition's object (then the relative pronoun
// that owns the verb names the speaker) or the cue is a participle (which
// takes its subject from the clause).
func (sc subjectScan) beforeVerb(out subjectOf, i int, participle bool) subjectOf {
	toks, c, start := sc.toks, sc.c, sc.start
	phrase, head := syntax.SubjectPhrase(toks, i, start)
	if head.End > head.Start && head.Start > start && syntax.OneOf(toks[head.Start-1].Tag, "IN", "TO") {
		// The noun before the verb is a preposition's object ("Pompeo, who
		// while on a trip to the region earlier referred"): look for the
		// relative pronoun that owns the verb.
		for k := head.Start - 1; k >= start && k > c.First-relativeReach; k-- {
			if syntax.Finite(toks[k]) {
				break
			}
			if syntax.OneOf(toks[k].Norm, "who", "which") {
				out.phrase, out.head = syntax.Antecedent(toks, k, start)
				return out
			}
		}
	}
	if participle && !(head.End > head.Start && strings.HasPrefix(toks[head.End-1].Tag, "NNP") && head.End == i+1) {
		// A participle takes its subject from the clause, not from the noun
		// before it ("denied using live rounds, asserting ..."), unless a
		// name stands right before it ("with Naqvi refuting ...").
		return out
	}
	out.phrase, out.head = phrase, head
	out.fronted = phrase.Start > start && syntax.OneOf(toks[phrase.Start-1].Norm, "which", "that", "what", "whom")
	if phrase.End > phrase.Start && sc.closesContent(c.Last+1) {
		if k := sc.contentComma(phrase.Start - 1); k > start {
			out.backward = k // "..., he said."
		}
	}
	return out
}

// describesNoun reports whether a cue tagged as a past tense is a
// participle describing the noun before it, as in "The man accused of going
// on a rampage appeared in court": it follows a noun, a preposition follows
// it with no object between ("accused of", "described as"), and the clause
// has a finite verb of its own later, not after a subordinator ("warned of a
// massacre if troops entered the city" is a speech act). A complementizer
// right after the verb is no preposition: "The minister said that the
// protest was peaceful" is a speech act, whose content has the finite verb.
func describesNoun(toks []tokenize.Token, c Cue, end int) bool {
	i := c.Last + 1
	if c.First == 0 || !syntax.OneOf(toks[c.First].Tag, "VBD", "VBN") || !syntax.OneOf(toks[c.First-1].Tag, "NN", "NNS") ||
		i >= end || toks[i].Tag != "IN" || syntax.OneOf(toks[i].Norm, "that", "whether", "if") {
		return false
	}
	for k := i + 1; k < end; k++ {
		t := toks[k]
		switch {
		case syntax.OneOf(t.Text, ",", ";", ":", "—", "–", "(") || t.Tag == "CC" || t.Tag == "WDT" || t.Tag == "WP" ||
			syntax.OneOf(t.Norm, "if", "when", "as", "because", "while", "after", "before", "since", "until", "that", "unless", "though", "although"):
			return false
		case syntax.Finite(t):
			return true
		}
	}
	return false
}

// skipParenthesis: the comma at i closes a relative clause or an apposition
// that opens after an earlier comma ("official, who requested anonymity,
// said"); it returns the index just before that opening comma. For any
// other comma it returns i-1.
func skipParenthesis(toks []tokenize.Token, i, start int) int {
	for k := i - 1; k > start && k > i-parenthesisReach; k-- {
		if toks[k].Text != "," {
			continue
		}
		first := toks[k+1]
		if syntax.OneOf(first.Norm, "who", "which", "whose", "a", "an") {
			return k - 1
		}
		break
	}
	return i - 1
}

// isSpeaker reports whether the head of a subject phrase can speak: a
// proper name (not a date), a pronoun, a title, a speaker noun of the cue
// list, or a noun naming a person by what they do (activist, politician,
// lawyer, spokesman). "Wednesday", "2006", "the room", "the data" cannot.
func (a *Analyzer) isSpeaker(toks []tokenize.Token, head tokenize.Span) bool {
	k := head.End - 1
	for k >= head.Start && (toks[k].Tag == "POS" || toks[k].Norm == "'s" || !toks[k].Word) {
		k--
	}
	if k < head.Start {
		return false
	}
	t := toks[k]
	norm := strings.TrimSuffix(t.Norm, ".")
	switch {
	case syntax.Temporal(t) || t.Tag == "CD":
		return false
	case t.Tag == "PRP":
		return syntax.Pronoun(t.Norm)
	case strings.HasPrefix(t.Tag, "NNP"):
		return true
	case k > head.Start && hasProperPossessor(toks, head.Start, k):
		return true // "Tehran's top diplomat", "Zarif's remarks"
	case a.isTitle(t.Norm) || a.speakers[norm] || t.Stem != "" && a.speakers["stem:"+t.Stem]:
		return true
	}
	for _, suffix := range []string{"ist", "ists", "ian", "ians", "man", "men", "woman", "women", "person", "persons", "er", "ers", "or", "ors"} {
		if strings.HasSuffix(norm, suffix) && len(norm) >= len(suffix)+3 {
			return true
		}
	}
	return false
}

// hasProperPossessor reports whether a proper name with a possessive ending
// stands in toks[from:to] ("Tehran’s top diplomat").
func hasProperPossessor(toks []tokenize.Token, from, to int) bool {
	for i := from + 1; i < to; i++ {
		if (toks[i].Tag == "POS" || toks[i].Norm == "'s" || toks[i].Norm == "'") && strings.HasPrefix(toks[i-1].Tag, "NNP") {
			return true
		}
	}
	return false
}

// resolvePronoun names the speaker a pronoun at token cue stands for: the
// nearest named speaker or named subject before it in the
// same paragraph — an earlier attribution's speaker, the subject of the
// pronoun's own sentence when it comes first ("Joe D'Alessandro, a former
// state attorney, ...: "...," he said."), or the subject of an earlier
// sentence ("Safeer Ali described ... “They hit several people,” he
// stated."). When the nearest candidate is two people ("Ali Khan and Omar
// Farooq watched ..."), or there is none, the speaker stays unnamed ("").
func (r *Result) resolvePronoun(a *Analyzer, si, cue int, pronoun string) string {
	neuter := syntax.OneOf(strings.ToLower(pronoun), "it", "they", "we")
	block := r.sents[si].Block
	// Within the paragraph, and no more than pronounReach sentences back:
	// a pronoun's antecedent is near, and a paragraph of thousands of
	// sentences (a page whose lines were lost) must not make the stage
	// quadratic.
	for sj := si; sj >= 0 && sj > si-pronounReach && r.sents[sj].Block == block; sj-- {
		// Attributions of the sentence, nearest first; then its subject.
		for ai := r.bySentence[sj+1][0] - 1; ai >= r.bySentence[sj][0]; ai-- {
			if ai >= len(r.Attributions) {
				continue
			}
			at := r.Attributions[ai]
			if at.Cue.First < cue && at.Speaker != "" && !syntax.Pronoun(at.Speaker) {
				return at.Speaker
			}
		}
		phrase, head := syntax.MainSubject(r.toks, r.sents[sj])
		if head.End <= head.Start || head.Start >= cue || r.inQuote[head.Start] >= 0 {
			continue // no subject, or one inside a quotation ("Never did I dream ...," he said)
		}
		if !syntax.HasProper(r.toks, head) && !(neuter && a.isSpeaker(r.toks, head)) {
			// "he" and "she" stand for named people; "it" and "they"
			// also for organisations ("The office of ... Naqvi ... It
			// stated:").
			continue
		}
		if coordinated(r.toks, phrase, r.sents[sj]) {
			return ""
		}
		if name := a.speakerName(r.toks, phrase, head); name != "" && !syntax.Pronoun(name) {
			return name
		}
	}
	return ""
}

// pronounReach is how many sentences back a pronoun looks for its speaker.
const pronounReach = 30

// coordinated reports whether a subject phrase is one of two or more
// coordinated names ("Ali Khan and Omar Farooq").
func coordinated(toks []tokenize.Token, phrase tokenize.Span, s tokenize.Sentence) bool {
	k := phrase.End
	return k+1 < s.Tokens.End && syntax.OneOf(toks[k].Norm, "and", "or", "&") && strings.HasPrefix(toks[k+1].Tag, "NNP")
}

// speakerName names the speaker of a subject phrase by its head. When the
// head names no one ("The office") and an "of" phrase does, both are kept:
// "The office of Pakistani Interior Minister Mohsin Naqvi" -> "office of
// Mohsin Naqvi".
//
// When the head is only a title ("Secretary of State Mike Pompeo"), the name
// is in the "of" phrase: "Mike Pompeo".
func (a *Analyzer) speakerName(toks []tokenize.Token, phrase, head tokenize.Span) string {
	name := a.normalizeSpeaker(toks, head)
	if head.End < phrase.End && head.End < len(toks) && toks[head.End].Norm == "of" {
		rest := tokenize.Span{Start: head.End + 1, End: phrase.End}
		switch {
		case a.allTitles(toks, head) && syntax.HasProper(toks, rest):
			return a.normalizeSpeaker(toks, rest)
		case !syntax.HasProper(toks, head) && syntax.HasProper(toks, rest):
			return name + " of " + a.normalizeSpeaker(toks, rest)
		}
	}
	return name
}

func (a *Analyzer) allTitles(toks []tokenize.Token, sp tokenize.Span) bool {
	for i := sp.Start; i < sp.End; i++ {
		if !a.isTitle(toks[i].Norm) && toks[i].Tag != "DT" {
			return false
		}
	}
	return sp.End > sp.Start
}

// isTitle reports whether a folded word is a speaker title ("minister",
// "sen."). The cue list's abbreviated titles tokenize as a word and a full
// stop, so they are looked up without the stop.
func (a *Analyzer) isTitle(norm string) bool {
	return a.titles[norm] || strings.HasSuffix(norm, ".") && a.titles[strings.TrimSuffix(norm, ".")]
}

// normalizeSpeaker trims a subject phrase to the name it holds: determiners,
// possessive endings and titles go ("Interior Minister Mohsin Naqvi" ->
// "Mohsin Naqvi", "The PTI" -> "PTI"), and a sentence's full stop that
// prose left on the last name (`said Jane Doe.`). When nothing but titles
// would remain ("Government ministers"), the phrase is kept.
func (a *Analyzer) normalizeSpeaker(toks []tokenize.Token, sp tokenize.Span) string {
	start, end := sp.Start, sp.End
	for start < end && (toks[start].Tag == "DT" || toks[start].Tag == "PRP$") {
		start++
	}
	for end > start && (toks[end-1].Tag == "POS" || toks[end-1].Norm == "'s") {
		end--
	}
	if start >= end {
		return ""
	}
	lastTitle := -1
	for i := start; i < end; i++ {
		if a.isTitle(toks[i].Norm) || a.isTitle(strings.TrimSuffix(toks[i].Norm, "s")) {
			lastTitle = i
		}
	}
	if lastTitle >= 0 && lastTitle+1 < end && syntax.AllProper(toks, tokenize.Span{Start: lastTitle + 1, End: end}) {
		start = lastTitle + 1
	}
	name := tokenize.Join(toks, start, end-1)
	if last := toks[end-1].Text; strings.HasSuffix(last, ".") && len(last) > 3 && !a.isTitle(toks[end-1].Norm) && !strings.Contains(last[:len(last)-1], ".") {
		name = strings.TrimSuffix(name, ".")
	}
	return name
}

// Chrome reports whether a line of text is web-page furniture (voice rule
// r7, page chrome): it opens with a chrome phrase of the cue list ("JUST WATCHED",
// "READ MORE", "Photos") that is written in capitals, or followed by a
// colon, a bar or a number, or is the whole line. "Watch the brutal
// footage, the senator said" is prose; "WATCH: ..." and "Photos: Colorado
// massacre" are not.
func (a *Analyzer) Chrome(line string) bool {
	line = strings.TrimLeft(line, " \t#*>-•|")
	folded := tokenize.Fold(line)
	for _, p := range a.chrome {
		if !strings.HasPrefix(folded, p) || len(line) < len(p) {
			continue
		}
		rest := strings.TrimLeft(folded[len(p):], " ")
		if len(folded) > len(p) && isLetterOrDigit(folded[len(p)]) {
			continue // "Watched", "Photography": another word
		}
		written := line[:len(p)]
		switch {
		case rest == "", strings.HasPrefix(rest, ":"), strings.HasPrefix(rest, "|"), rest[0] >= '0' && rest[0] <= '9':
			return true
		case strings.ToUpper(written) == written && strings.ToLower(written) != written:
			return true
		}
	}
	return false
}

func isLetterOrDigit(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b >= utf8.RuneSelf
}
