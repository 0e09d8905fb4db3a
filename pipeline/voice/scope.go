package voice

import (
	"slices"
	"strings"

	"github.com/framing/framing/internal/tokenize"
	"github.com/framing/framing/pipeline/syntax"
)

// attribute builds the attribution of one report cue when the cue is used as
// a speech act, and reports whether it did (voice rule r3, a speech act needs a speaker and content). A speech act
// has someone who speaks — a person, an organisation or a document as its
// subject or agent — and something said: its complement. A broad cue
// ("posted", "revealed", "suggests") needs both; any other cue either one
// ("He described the chaos" reports a description without its words; "it
// was reported that ..." reports words without a speaker). A participle
// that describes a noun ("the man accused of ...") reports no speech act.
func (a *Analyzer) attribute(r *Result, si int, c Cue, isCue func(int) bool) bool {
	s := r.sents[si]
	toks := r.toks
	at := Attribution{Cue: c, Rule: RuleForward}
	var head tokenize.Span
	content, agentless, inherited := false, false, false
	switch {
	case c.Source:
		// "According to X, CONTENT." or "CONTENT, according to X."
		at.Rule = RuleSource
		at.Subject = syntax.NounPhraseAfter(toks, c.Last+1, s.Tokens.End)
		head = at.Subject
		if comma := syntax.PrevComma(toks, c.First, s.Tokens.Start); comma > s.Tokens.Start {
			at.Scope = tokenize.Span{Start: s.Tokens.Start, End: comma}
		} else {
			// "According to X, CONTENT": the comma after the source opens the
			// content; read from it, it would look like the writer's clause
			// resuming.
			from := at.Subject.End
			if from < s.Tokens.End && toks[from].Text == "," {
				from++
			}
			at.Scope = tokenize.Span{Start: from, End: r.forwardScopeEnd(s, c, from, isCue)}
		}
		content = true
	case c.Nominal:
		// "Khan's claim that the election was rigged": the possessor
		// speaks; the that-clause is what they say. Without a possessor
		// ("asked about reports that live ammunition had been used")
		// nobody is named.
		at.Rule = RuleNominal
		if p := possessor(toks, c.First, s); p >= 0 {
			at.Subject = tokenize.Span{Start: p, End: c.First}
			head = at.Subject
		} else {
			at.Subject = tokenize.Span{Start: c.First, End: c.First}
		}
		at.Scope = tokenize.Span{Start: c.Last + 1, End: r.forwardScopeEnd(s, c, c.Last+1, isCue)}
		content = true
	default:
		sub := a.subject(r, s, c)
		if sub.reduced {
			return false
		}
		at.Subject, head, agentless = sub.phrase, sub.head, sub.agentless
		if sub.backward >= 0 {
			at.Rule = RuleBackward
			at.Scope = r.backwardScope(s, c, sub.backward)
		} else {
			at.Scope = r.complement(s, c, sub.from, sub.fronted, isCue)
		}
		content = at.Scope.End > at.Scope.Start
		coordinated := at.Subject.Start == at.Subject.End && c.First > s.Tokens.Start && syntax.OneOf(toks[c.First-1].Norm, "and", "but", "or")
		infinitive := c.First > s.Tokens.Start && toks[c.First-1].Norm == "to"
		if at.Subject.Start == at.Subject.End && !agentless && (strings.HasSuffix(toks[c.First].Tag, "G") || coordinated || infinitive) {
			// A participle ("..., claiming that"), a coordinated verb ("X
			// voiced support and called on ...") or an infinitive ("took to
			// social media to say") speaks for its clause's subject: the
			// last speaker of this sentence, else the subject of the
			// nearest verb before it ("the regime spent days accusing"),
			// else the sentence's subject.
			if prev := r.lastAttributionIn(si); prev >= 0 {
				at.Subject, at.Speaker, inherited = r.Attributions[prev].Subject, r.Attributions[prev].Speaker, r.Attributions[prev].Speaker != ""
			} else if sp, hd := syntax.SubjectOfVerbBefore(toks, c.First, s.Tokens.Start); hd.End > hd.Start {
				at.Subject, head = sp, hd
			} else {
				at.Subject, head = syntax.MainSubject(toks, s)
			}
		}
	}
	at.Phrase = tokenize.Join(toks, at.Subject.Start, at.Subject.End-1)
	valid := inherited
	if at.Speaker == "" && head.End > head.Start {
		at.Speaker = a.speakerName(toks, at.Subject, head)
		valid = a.isSpeaker(toks, head)
	}
	if syntax.Pronoun(at.Speaker) {
		at.Speaker = r.resolvePronoun(a, si, c.First, at.Speaker)
	}
	if c.Broad && !(content && (valid || agentless)) || !content && !valid {
		return false
	}
	if !valid {
		at.Speaker = "" // "said Wednesday", "in the room": not a speaker
	}
	at.Holes = appositions(toks, at.Scope)
	r.Attributions = append(r.Attributions, at)
	return true
}

// complement is the reported content of a cue whose content follows it
// (rule attribution/forward): a clause with or without "that", a quotation
// (the quotation itself) or what follows a colon, a wh-clause, a gerund
// ("denied using"), and the frames the cue list gives the cue: "as"
// ("described the incident as a massacre"), "of"/"against" ("accused X of
// Y"), a to-infinitive ("urged supporters to march"), an object complement
// ("called the looters thugs"). A plain noun phrase is the writer's wording
// ("announced the change", "claimed responsibility for the assault"): the
// result is then empty. from is where the complement may start (after a
// passive's "by" phrase); fronted says the object stands before the subject
// ("which it called deadly").
func (r *Result) complement(s tokenize.Sentence, c Cue, from int, fronted bool, isCue func(int) bool) tokenize.Span {
	toks := r.toks
	end := s.Tokens.End
	none := tokenize.Span{Start: from, End: from}
	if fronted && c.Object {
		// "which it called deadly", "what critics call a power grab": the
		// object stands before; what follows is the characterisation.
		return tokenize.Span{Start: from, End: syntax.ClauseEnd(toks, from, end, frontedObjectReach)}
	}
	i := r.contentStart(from, end)
	if i >= end {
		return none
	}
	if sp, ok := r.markedContent(s, c, i, isCue); ok {
		return sp
	}
	if c.Reason {
		if sp, ok := r.reasonContent(i, end); ok {
			return sp
		}
	}
	if sp, ok := r.framedContent(s, c, i, from, isCue); ok {
		return sp
	}
	if c.As {
		if sp, ok := r.asAfterObject(i, end); ok {
			return sp
		}
	}
	return r.objectContent(s, c, i, from, isCue)
}

// framedContent reads content that the word at i frames: a wh-word, a
// to-infinitive, "of"/"against", "on" before a to-infinitive, "as", a
// gerund, a quotation after a preposition, or a verb whose subject was
// moved out. ok is false when no frame opens at i.
func (r *Result) framedContent(s tokenize.Sentence, c Cue, i, from int, isCue func(int) bool) (tokenize.Span, bool) {
	toks := r.toks
	end := s.Tokens.End
	none := tokenize.Span{Start: from, End: from}
	clause := func(i int) (tokenize.Span, bool) {
		return tokenize.Span{Start: i, End: r.forwardScopeEnd(s, c, i, isCue)}, true
	}
	t := toks[i]
	switch {
	case syntax.OneOf(t.Norm, "whether", "if", "why", "how", "what", "when", "where", "who") || t.Tag == "EX":
		return clause(i)
	case t.Norm == "to" && c.Infinitive && i+1 < end && toks[i+1].Tag == "VB":
		return clause(i)
	case syntax.OneOf(t.Norm, "of", "against") && c.Of:
		return clause(i + 1)
	case syntax.OneOf(t.Norm, "on", "upon") && c.Infinitive:
		// "called on supporters to march"
		np := syntax.NounPhraseAfter(toks, i+1, end)
		if np.End > np.Start && np.End+1 < end && toks[np.End].Norm == "to" && toks[np.End+1].Tag == "VB" {
			return clause(np.End)
		}
		return none, true
	case t.Norm == "as" && c.As:
		return asScope(toks, i, end), true
	case t.Tag == "VBG" && !c.As:
		// "admitted killing", "denied using": a proposition. After a verb
		// of characterising, a gerund is a thing ("described sharing hugs").
		return clause(i)
	case t.Tag == "IN" || t.Tag == "TO":
		if i+1 < end && r.opensQuote(i+1, end) {
			// "referring to “the perpetrator of this evil act”"
			return r.quoteScope(i+1, end), true
		}
	case syntax.Finite(t) && i == from:
		// The subject was moved out: "missiles it said were used in the
		// strike".
		return clause(i)
	}
	return tokenize.Span{}, false
}

// reasonNouns name a reason given: "cited X as the rationale", "gave X as
// the reason".
var reasonNouns = []string{"reason", "reasons", "rationale", "justification", "justifications", "grounds", "explanation",
	"basis", "cause", "motive", "motivation", "pretext", "excuse", "pretence", "pretense"}

// reasonContent reads a reason someone gives: "cited the risk of public
// gatherings being targeted by terrorists as the rationale behind the
// decision". The object before "as" is the speaker's reason, in their
// voice; the "as" phrase is the writer's. ok is false unless the "as"
// phrase names a reason within reasonReach tokens.
func (r *Result) reasonContent(i, end int) (tokenize.Span, bool) {
	toks := r.toks
	for k := i; k < end && k < i+reasonReach; k++ {
		if toks[k].Norm != "as" || r.inQuote[k] >= 0 {
			continue
		}
		j := k + 1
		for j < end && syntax.OneOf(toks[j].Tag, "DT", "PRP$", "JJ") {
			j++
		}
		if j < end && slices.Contains(reasonNouns, toks[j].Norm) && k > i {
			return tokenize.Span{Start: i, End: k}, true
		}
		return tokenize.Span{}, false
	}
	return tokenize.Span{}, false
}

// asAfterObject reads "referred to Saturday's attack as an act of war",
// "cited the risk ... as the rationale": the object, then "as" and the
// characterisation, within asObjectReach tokens of i.
func (r *Result) asAfterObject(i, end int) (tokenize.Span, bool) {
	toks := r.toks
	for k := i; k < end && k < i+asObjectReach && !syntax.Finite(toks[k]) && !syntax.OneOf(toks[k].Text, ",", ";", ":"); k++ {
		if toks[k].Norm == "as" && r.inQuote[k] < 0 {
			if sp := asScope(toks, k, end); sp.End > sp.Start {
				return sp, true
			}
			return tokenize.Span{}, false
		}
	}
	return tokenize.Span{}, false
}

// objectContent reads a noun phrase at i: the subject of a reported clause
// ("said the protest was illegal"), of a small clause ("reported
// protesters riotously chanting"), an object followed by marked or framed
// content ("told reporters that", "urged supporters to march", "accused
// the police of brutality"), or an object complement ("called the looters
// thugs"). A plain noun phrase reports nothing: the result is empty.
func (r *Result) objectContent(s tokenize.Sentence, c Cue, i, from int, isCue func(int) bool) tokenize.Span {
	toks := r.toks
	end := s.Tokens.End
	none := tokenize.Span{Start: from, End: from}
	clause := func(i int) tokenize.Span {
		return tokenize.Span{Start: i, End: r.forwardScopeEnd(s, c, i, isCue)}
	}
	np := syntax.NounPhraseAfter(toks, i, end)
	if np.End == np.Start {
		return none
	}
	if clauseVerbAfter(toks, np, end) >= 0 {
		return clause(i) // "said the protest was illegal"
	}
	if v := skipAdverbs(toks, np.End, end); toks[i].Tag != "DT" && v < end && v > np.End-1 && toks[v].Tag == "VBG" && !c.As {
		// A small clause: "reported protesters riotously chanting: ...".
		return clause(i)
	}
	j := r.contentStart(np.End, end)
	if j < end {
		if sp, ok := r.markedContent(s, c, j, isCue); ok {
			return sp // "told reporters that", "warned residents: ..."
		}
		n := toks[j]
		switch {
		case n.Norm == "to" && c.Infinitive && j+1 < end && toks[j+1].Tag == "VB":
			return clause(j) // "urged supporters to march"
		case syntax.OneOf(n.Norm, "of", "against") && c.Of:
			return clause(j + 1) // "accused the police of brutality"
		case n.Norm == "as" && c.As:
			return asScope(toks, j, end) // "described the incident as a massacre"
		}
	}
	if c.Object {
		if _, comp := syntax.SplitObject(toks, np); comp.End > comp.Start {
			return comp // "called the looters thugs"
		}
	}
	return none
}

// markedContent reads content that punctuation or "that" introduces at i:
// a colon (the rest of the sentence), a quotation (the quotation: what
// follows its closing mark is no longer the cue's), or "that" (a clause).
func (r *Result) markedContent(s tokenize.Sentence, c Cue, i int, isCue func(int) bool) (tokenize.Span, bool) {
	toks := r.toks
	end := s.Tokens.End
	if toks[i].Text == "," && i+1 < end && r.opensQuote(i+1, end) {
		i++
	}
	switch {
	case toks[i].Text == ":":
		return tokenize.Span{Start: i + 1, End: r.forwardScopeEnd(s, c, i+1, isCue)}, true
	case r.opensQuote(i, end):
		return r.quoteScope(i, end), true
	case toks[i].Norm == "that" && !syntax.OneOf(toks[i].Tag, "NN", "NNS"):
		return tokenize.Span{Start: i + 1, End: r.forwardScopeEnd(s, c, i+1, isCue)}, true
	}
	return tokenize.Span{}, false
}

// quoteScope is the quotation that opens at token i, its marks included
// (opensQuote(i, end) holds). A quotation that cannot be found is no scope
// rather than a guess.
func (r *Result) quoteScope(i, end int) tokenize.Span {
	q := r.inQuote[i]
	if q < 0 && i+1 < end {
		q = r.inQuote[i+1]
	}
	if q < 0 {
		return tokenize.Span{Start: i, End: i}
	}
	last := r.quoteToks[r.top[q]][1]
	return tokenize.Span{Start: i, End: min(last+2, end)}
}

// opensQuote reports whether token i is an opening quotation mark (or the
// first word inside a quotation whose mark prose left glued) of a quotation
// that starts before end, the end of i's sentence: a mark glued to the
// sentence's last token (`said ."Proposals`) opens the next sentence's
// quotation, which is not this sentence's content.
func (r *Result) opensQuote(i, end int) bool {
	if i+1 < end && r.inQuote[i] < 0 && r.inQuote[i+1] >= 0 && r.quoteToks[r.inQuote[i+1]][0] == i+1 {
		return true
	}
	return r.inQuote[i] >= 0 && r.quoteToks[r.inQuote[i]][0] == i && !r.toks[i].Word
}

// contentStart skips what stands between a report verb and its content
// without being either: adverbs, the time of the speech act ("said
// Tuesday", "told reporters on Monday that"), and up to three
// prepositional phrases naming where it was said ("said in a statement
// that", "said, in a video statement, that"). The phrases are skipped only
// when content marked by "that", a colon or a quotation follows them.
func (r *Result) contentStart(i, end int) int {
	toks := r.toks
	skipTime := func(k int) int {
		for k < end && (syntax.Adverb(toks[k]) && toks[k].Tag != "MD" || syntax.Temporal(toks[k]) ||
			syntax.OneOf(toks[k].Norm, "late", "early", "earlier", "last", "this") && k+1 < end && syntax.Temporal(toks[k+1]) ||
			syntax.OneOf(toks[k].Norm, "on", "in", "at", "during") && k+1 < end && syntax.Temporal(toks[k+1])) {
			k++
		}
		return k
	}
	i = skipTime(i)
	k := i
	for n := 0; n < placePhrases && k < end; n++ {
		if toks[k].Text == "," {
			k++
		}
		if k >= end || toks[k].Tag != "IN" || syntax.OneOf(toks[k].Norm, "that", "of", "as", "if", "whether") {
			break
		}
		np := syntax.NounPhraseAfter(toks, k+1, end)
		if np.End == np.Start {
			break
		}
		k = skipTime(np.End)
		if k < end && toks[k].Text == "," {
			k++
		}
		if k < end && (toks[k].Norm == "that" || toks[k].Text == ":" || r.opensQuote(k, end)) {
			return k
		}
	}
	return i
}

func skipAdverbs(toks []tokenize.Token, i, end int) int {
	for i < end && syntax.Adverb(toks[i]) && toks[i].Tag != "MD" {
		i++
	}
	return i
}

// asScope is the characterisation after "as" at i: up to the end of its
// phrase ("as a “massacre,”", "as the rationale behind the decision"). An
// "as" that opens a clause ("as he heard stories") is no complement.
func asScope(toks []tokenize.Token, i, end int) tokenize.Span {
	np := syntax.NounPhraseAfter(toks, i+1, end)
	if np.End > np.Start && np.End < end && syntax.Finite(toks[np.End]) || i+1 < end && toks[i+1].Tag == "PRP" {
		return tokenize.Span{Start: i, End: i}
	}
	return tokenize.Span{Start: i + 1, End: syntax.ClauseEnd(toks, i+1, end, asPhraseReach)}
}

// clauseVerbAfter finds the finite verb of a clause whose subject is np: np,
// then prepositional phrases ("the protesters in the square") and an
// apposition between commas ("surveillance cameras, a contentious subject
// in New York,"), then adverbs, then the verb. It returns -1 when np is not
// a subject.
func clauseVerbAfter(toks []tokenize.Token, np tokenize.Span, end int) int {
	k := np.End
	for k < end {
		switch {
		case toks[k].Tag == "IN" && !syntax.OneOf(toks[k].Norm, "that", "if", "whether", "because", "as", "while", "although", "though", "since", "after", "before", "until", "when"):
			pp := syntax.NounPhraseAfter(toks, k+1, end)
			if pp.End == pp.Start {
				return -1
			}
			k = pp.End
			continue
		case toks[k].Text == ",":
			if close := appositionEnd(toks, k, end); close > 0 {
				k = close + 1
				continue
			}
			return -1
		case syntax.Adverb(toks[k]) && toks[k].Tag != "MD":
			k++
			continue
		}
		break
	}
	if k < end && syntax.Finite(toks[k]) {
		return k
	}
	return -1
}

// appositionEnd: when the comma at i opens an apposition — a noun phrase
// with its modifiers and no verb, closed by a second comma within ten
// tokens ("cameras, a contentious subject in New York, played") — the index
// of the closing comma, else -1.
func appositionEnd(toks []tokenize.Token, i, end int) int {
	if i+1 >= end || !syntax.OneOf(toks[i+1].Tag, "DT", "JJ", "PRP$") || i == 0 || !syntax.OneOf(toks[i-1].Tag, "NN", "NNS", "NNP", "NNPS") {
		return -1
	}
	for k := i + 1; k < end && k <= i+appositionReach; k++ {
		t := toks[k]
		switch {
		case t.Text == ",":
			if k > i+2 {
				return k
			}
			return -1
		case strings.HasPrefix(t.Tag, "VB") && t.Tag != "VBN" && t.Tag != "VBG", t.Tag == "MD", syntax.OneOf(t.Text, ";", ":", ".", "(", ")"),
			syntax.OneOf(t.Norm, "who", "which", "that", "and", "or", "but"):
			return -1
		}
	}
	return -1
}

// appositions are the writer's appositions inside reported content: the
// holes of an attribution's scope.
func appositions(toks []tokenize.Token, scope tokenize.Span) []tokenize.Span {
	var out []tokenize.Span
	for i := scope.Start; i < scope.End; i++ {
		if toks[i].Text != "," {
			continue
		}
		if close := appositionEnd(toks, i, scope.End); close > 0 {
			out = append(out, tokenize.Span{Start: i, End: close + 1})
			i = close
		}
	}
	return out
}

// backwardScope is the content of "CONTENT, X said." (voice rule r2, backward scope),
// whose comma is at comma:
//   - a quotation that ends at the comma is the content, with what stands
//     before it only when that is the quotation's own subject (`Police "acted
//     with restraint," he said`); a clause of the writer's before it (`Hirono
//     blasted the decision, "So much for judicial modesty," she said`) is not;
//   - otherwise the content runs from the sentence's start (or its last
//     semicolon) and must be a clause, with a verb of its own;
//   - a cue between commas inside its content ("The crackdown, police said,
//     was brutal") reports the whole sentence.
func (r *Result) backwardScope(s tokenize.Sentence, c Cue, comma int) tokenize.Span {
	toks := r.toks
	start := s.Tokens.Start
	for k := comma - 1; k > start; k-- {
		if toks[k].Text == ";" && r.inQuote[k] < 0 {
			start = k + 1
			break
		}
	}
	none := tokenize.Span{Start: comma, End: comma}
	q := r.inQuote[comma]
	if q < 0 && comma > 0 {
		q = r.inQuote[comma-1]
	}
	if q >= 0 {
		q = r.top[q]
		open := r.quoteToks[q][0] - 1 // the opening mark, when it is a token
		if open < start || r.Quotes[q].Start >= toks[open].End {
			open = max(start, r.quoteToks[q][0])
		}
		if !hasClause(r, tokenize.Span{Start: start, End: open}) && !containsText(toks, start, open, ",") {
			open = start
		}
		return tokenize.Span{Start: open, End: comma}
	}
	if !hasClause(r, tokenize.Span{Start: start, End: comma}) {
		// "The crackdown, police said, was brutal": the report goes on
		// after the cue.
		after := c.Last + 1
		for after < s.Tokens.End && !syntax.OneOf(toks[after].Text, ",", ".", ";") {
			after++
		}
		if after < s.Tokens.End && toks[after].Text == "," && hasClause(r, tokenize.Span{Start: after + 1, End: s.Tokens.End}) {
			return tokenize.Span{Start: start, End: s.Tokens.End}
		}
		return none
	}
	return tokenize.Span{Start: start, End: comma}
}

// hasClause reports whether the span holds a finite verb outside quotation
// marks.
func hasClause(r *Result, sp tokenize.Span) bool {
	for i := sp.Start; i < sp.End; i++ {
		if syntax.Finite(r.toks[i]) && r.inQuote[i] < 0 {
			return true
		}
	}
	return false
}

func containsText(toks []tokenize.Token, from, to int, text string) bool {
	for i := from; i < to; i++ {
		if toks[i].Text == text {
			return true
		}
	}
	return false
}

// forwardScopeEnd is where reported content that starts at from ends: at
// the end of the sentence, or earlier where the writer's own
// clause resumes:
//   - at a ";";
//   - at a comma or a conjunction that a new clause follows: a subject and its
//     verb (", the imperialist powers marked him", "but he remained
//     doubtful", "while Pastor Hakimian reportedly expressed ..."), a finite
//     verb (", issued a lying denial") or a participle that is not itself a
//     report cue (", manifestly hoping that ..."); a cue (", adding that
//     ...") carries the report on. After a bare comma a pronoun subject
//     more often continues the report ("saying that it is not a peaceful
//     protest, it is extremism");
//   - at a comma before a time adjunct of the writer's (", hours after
//     thugs torched a police station", ", after a night of rioting");
//   - at the time of the speech act, once the content has its verb: "admitted
//     she went too far on Tuesday after a photo shoot with ...";
//   - for a noun cue ("Khan's claim that the election was rigged drew
//     thousands"), at the verb of the sentence it is the subject of.
//
// In a sentence that opens with a subordinate clause ("While party sources
// reported ..., Raja claimed ..."), content reported inside that clause ends
// at the comma that closes it.
func (r *Result) forwardScopeEnd(s tokenize.Sentence, c Cue, from int, isCue func(int) bool) int {
	toks := r.toks
	end := s.Tokens.End
	if syntax.OneOf(toks[s.Tokens.Start].Norm, "while", "although", "though", "whereas", "as", "because", "when", "whenever", "if", "since", "after", "before", "once") {
		for i := s.Tokens.Start + 1; i < end; i++ {
			if toks[i].Text == "," && r.inQuote[i] < 0 {
				if from <= i {
					end = i
				}
				break
			}
		}
	}
	verbSeen := false
	for i := from; i < end; i++ {
		t := toks[i]
		if r.inQuote[i] >= 0 {
			continue
		}
		if t.Text == ";" {
			return i
		}
		if verbSeen && syntax.Temporal(t) {
			// The time of the speech act, then the writer's adjunct.
			k := i + 1
			for k < end && syntax.Temporal(toks[k]) {
				k++
			}
			if k < end && syntax.OneOf(toks[k].Norm, "after", "before", "following", "amid", "during", "ahead") {
				return syntax.TemporalBefore(toks, i, from)
			}
		}
		if syntax.Finite(t) {
			if c.Nominal && verbSeen && !syntax.OneOf(toks[i-1].Norm, "and", "or", "but", "that", "which", "who") && toks[i-1].Text != "," {
				return i
			}
			verbSeen = true
		}
		if t.Text == "," {
			if close := appositionEnd(toks, i, end); close > 0 {
				i = close // the writer's apposition: a hole, not an end
				continue
			}
		}
		conj := syntax.OneOf(t.Norm, "but", "while", "whereas", "although", "though", "meanwhile")
		if t.Text != "," && !conj {
			continue
		}
		j := i + 1
		for j < end && (syntax.ClosingQuote(toks[j]) || syntax.Adverb(toks[j]) && toks[j].Tag != "MD" || syntax.OneOf(toks[j].Norm, "but", "and", "meanwhile")) {
			conj = conj || syntax.OneOf(toks[j].Norm, "but", "and")
			j++
		}
		if j >= end {
			return end
		}
		if t.Text == "," && writersAdjunct(toks, j, end) {
			return i // ", hours after thugs torched ...", ", after a night of rioting"
		}
		if toks[j].Tag == "VBG" && !isCue(j) || t.Text == "," && verbSeen && syntax.Finite(toks[j]) {
			// ", manifestly hoping ..." / "reports that live ammunition had
			// been used ..., issued a lying denial". Before the content has
			// a verb, the verb after a comma is its own ("the group known as
			// Fitna al-Khawarij, or TTP, may launch terror attacks").
			return i
		}
		// A new clause with a subject of its own.
		if np := syntax.NounPhraseAfter(toks, j, end); np.End > np.Start && (conj || toks[np.Start].Tag != "PRP") {
			v := np.End
			for v < end && syntax.Adverb(toks[v]) && toks[v].Tag != "MD" {
				v++
			}
			if v < end && syntax.Finite(toks[v]) {
				return i
			}
		}
	}
	return end
}

// writersAdjunct reports whether the words at j open a time adjunct that a
// comma sets off from reported content: "hours after ...", "a day after",
// "after a night of ...", "following the raid".
func writersAdjunct(toks []tokenize.Token, j, end int) bool {
	k := j
	for k < end && k < j+adjunctWords && (syntax.OneOf(toks[k].Tag, "CD", "DT") || syntax.Temporal(toks[k]) || syntax.OneOf(toks[k].Norm, "just", "only", "shortly", "moments", "minutes", "hours", "days", "weeks", "months", "years")) {
		k++
	}
	return k < end && syntax.OneOf(toks[k].Norm, "after", "before", "following", "amid", "ahead")
}
