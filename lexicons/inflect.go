package lexicons

import (
	"fmt"
	"sort"
	"strings"
)

// Lemma-aware matching. An exact entry matches its inflections —
// a noun's plural, a verb's -s, -ed and -ing forms, an adjective's
// comparative and superlative — when the part-of-speech tag of the word in
// the text says it is that form: "claims" (NNS or VBZ), "claimed" (VBD,
// VBN, or JJ as in "the claimed victims"), "claiming" (VBG, or NN/JJ),
// "bloodier" (JJR). Blanket stemming would also merge words that are not
// forms of one another ("reportedly" -> "report", "illegals" -> "illegal");
// here the form must be one English inflection makes of the entry's word,
// with the tag that form carries.
//
// Forms are generated from the entry's words (lemma -> forms), not analysed
// back from the text: generating is exact where analysing guesses, and the
// matcher then needs one map lookup per token. Regular rules cover most
// words; the tables below hold the irregular ones news writing uses. A
// generated non-word ("brutaled") matches nothing. The lemmatizer
// dictionaries that ship with Go lemmatizers (golem's, from
// michmech/lemmatization-lists) are ODbL-licensed and not on the module
// proxy here, so the rules are ours.
//
// An entry opts out with `exact: true`; a lexicon with `inflect: false` (LIWC
// imports, whose semantics are exact; the cue list, which lists its forms).

// formClass is the grammatical form a word is in, as a bit set: an
// inflection makes one, and a tag allows some.
type formClass uint8

const (
	sNoun    formClass = 1 << iota // plural noun: NNS, NNPS
	sVerb                          // 3rd person verb: VBZ
	edForm                         // past tense or participle: VBD, VBN, or JJ ("the claimed victims")
	ingForm                        // present participle: VBG, or NN/JJ ("the killing", "a rioting crowd")
	erForm                         // comparative or superlative: JJR, JJS, RBR, RBS
	baseNoun                       // singular noun: NN, NNP
	baseVerb                       // base verb: VB, VBP

	sForm = sNoun | sVerb
)

// classOfTag is what forms a Penn Treebank tag allows; 0 for an untagged
// token, which never matches an inflection.
func classOfTag(tag string) formClass {
	switch tag {
	case "NNS", "NNPS":
		return sNoun
	case "VBZ":
		return sVerb
	case "VBD", "VBN":
		return edForm
	case "VBG":
		return ingForm
	case "JJ":
		return edForm | ingForm
	case "NN":
		return ingForm | baseNoun
	case "NNP":
		return baseNoun
	case "VB", "VBP":
		return baseVerb
	case "JJR", "JJS", "RBR", "RBS":
		return erForm
	}
	return 0
}

// The parts of speech a lemma may be, for inflections.
const (
	posNoun = 1 << iota
	posVerb
	posAdj
	posAny = posNoun | posVerb | posAdj
)

// irregular holds the irregular forms of words common in news writing,
// keyed by lemma.
var irregular = map[string][]irregularForm{}

// irregularOf maps an irregular form back to its lemmas.
var irregularOf = map[string][]string{}

type irregularForm struct {
	form  string
	class formClass
}

func init() {
	add := func(lemma string, class formClass, forms ...string) {
		for _, f := range forms {
			irregular[lemma] = append(irregular[lemma], irregularForm{f, class})
			irregularOf[f] = append(irregularOf[f], lemma)
		}
	}
	// Verbs: past and participle.
	for _, v := range [][]string{
		{"shoot", "shot"}, {"beat", "beat", "beaten"}, {"fight", "fought"}, {"steal", "stole", "stolen"},
		{"hide", "hid", "hidden"}, {"flee", "fled"}, {"bleed", "bled"}, {"break", "broke", "broken"},
		{"drive", "drove", "driven"}, {"give", "gave", "given"}, {"take", "took", "taken"}, {"go", "went", "gone"},
		{"make", "made"}, {"run", "ran"}, {"say", "said"}, {"tell", "told"}, {"think", "thought"},
		{"throw", "threw", "thrown"}, {"overthrow", "overthrew", "overthrown"}, {"slay", "slew", "slain"},
		{"strike", "struck", "stricken"}, {"spin", "spun"}, {"swear", "swore", "sworn"}, {"tear", "tore", "torn"},
		{"win", "won"}, {"lose", "lost"}, {"hit", "hit"}, {"cut", "cut"}, {"spread", "spread"}, {"lead", "led"},
		{"mislead", "misled"}, {"bring", "brought"}, {"seek", "sought"}, {"catch", "caught"}, {"buy", "bought"},
		{"feel", "felt"}, {"keep", "kept"}, {"leave", "left"}, {"rise", "rose", "risen"}, {"fall", "fell", "fallen"},
		{"freeze", "froze", "frozen"}, {"shake", "shook", "shaken"}, {"speak", "spoke", "spoken"},
		{"write", "wrote", "written"}, {"bite", "bit", "bitten"}, {"blow", "blew", "blown"}, {"burn", "burnt"},
		{"dig", "dug"}, {"draw", "drew", "drawn"}, {"hang", "hung"}, {"hurt", "hurt"}, {"lay", "laid"},
		{"light", "lit"}, {"meet", "met"}, {"pay", "paid"}, {"sell", "sold"}, {"send", "sent"}, {"shut", "shut"},
		{"sink", "sank", "sunk"}, {"slide", "slid"}, {"spend", "spent"}, {"split", "split"}, {"stand", "stood"},
		{"stick", "stuck"}, {"sting", "stung"}, {"sweep", "swept"}, {"swing", "swung"}, {"wear", "wore", "worn"},
		{"weep", "wept"}, {"bear", "bore", "borne"}, {"begin", "began", "begun"}, {"choose", "chose", "chosen"},
		{"forbid", "forbade", "forbidden"}, {"forget", "forgot", "forgotten"}, {"forgive", "forgave", "forgiven"},
		{"grind", "ground"}, {"lie", "lay", "lain"}, {"ride", "rode", "ridden"}, {"ring", "rang", "rung"},
		{"see", "saw", "seen"}, {"shrink", "shrank", "shrunk"}, {"sing", "sang", "sung"}, {"smite", "smote", "smitten"},
		{"stink", "stank", "stunk"}, {"strive", "strove", "striven"}, {"swell", "swollen"}, {"undo", "undid", "undone"},
		{"undergo", "underwent", "undergone"}, {"withdraw", "withdrew", "withdrawn"}, {"arise", "arose", "arisen"},
		{"awake", "awoke", "awoken"}, {"bind", "bound"}, {"build", "built"}, {"deal", "dealt"}, {"find", "found"},
		{"get", "got", "gotten"}, {"hold", "held"}, {"hear", "heard"}, {"know", "knew", "known"},
		{"mean", "meant"}, {"put", "put"}, {"set", "set"}, {"shed", "shed"}, {"sit", "sat"}, {"sleep", "slept"},
		{"teach", "taught"}, {"understand", "understood"}, {"upset", "upset"}, {"wake", "woke", "woken"},
	} {
		add(v[0], edForm, v[1:]...)
	}
	add("lie", ingForm, "lying")
	add("die", ingForm, "dying")
	add("tie", ingForm, "tying")
	// Nouns: plural.
	for _, n := range [][2]string{
		{"man", "men"}, {"woman", "women"}, {"child", "children"}, {"foot", "feet"}, {"tooth", "teeth"},
		{"mouse", "mice"}, {"goose", "geese"}, {"crisis", "crises"}, {"thesis", "theses"}, {"criterion", "criteria"},
		{"phenomenon", "phenomena"}, {"person", "people"}, {"policeman", "policemen"}, {"gunman", "gunmen"},
		{"thief", "thieves"}, {"leaf", "leaves"}, {"life", "lives"}, {"wife", "wives"}, {"knife", "knives"},
		{"wolf", "wolves"}, {"half", "halves"}, {"self", "selves"}, {"calf", "calves"}, {"loaf", "loaves"},
	} {
		add(n[0], sNoun, n[1])
	}
	// Adjectives: comparative and superlative.
	for _, a := range [][]string{
		{"good", "better", "best"}, {"bad", "worse", "worst"}, {"far", "farther", "further", "farthest", "furthest"},
		{"little", "less", "least"}, {"many", "more", "most"}, {"much", "more", "most"},
	} {
		add(a[0], erForm, a[1:]...)
	}
}

// entryForms returns the forms an entry word matches besides itself, with
// the form each is. A word written as a base ("claim") matches its
// inflections. A word written with an -s ("elites", "claims", "slams")
// matches its base with the tag that base carries ("elite" as a singular
// noun or a base verb, not the adjective "elite"; "illegals" never the
// adjective "illegal") and the verb forms of that base ("claimed",
// "claiming"). Words written with -ed or -ing are left as they are: most
// are adjectives whose verb means something else ("staggering" is not
// "staggered", "troubling" not "troubled"), and lexicons list the verb forms
// they mean. Candidate bases that are not words ("elit") match nothing.
func entryForms(w string) map[string]formClass {
	out := map[string]formClass{}
	add := func(forms map[string]formClass) {
		for f, c := range forms {
			if f != w {
				out[f] |= c
			}
		}
	}
	add(inflections(w, posAny))
	for _, b := range bases(w) {
		out[b.lemma] |= b.class
		add(inflections(b.lemma, b.pos))
	}
	return out
}

// base is a word an -s form may be a form of.
type base struct {
	lemma string
	pos   int       // parts of speech the form implies
	class formClass // the tags the base then carries
}

// bases undoes a plural or 3rd person -s (and looks up irregular plurals),
// giving every candidate base: "elites" -> elite, elit; "cronies" -> crony.
func bases(w string) []base {
	var out []base
	with := func(lemma string, pos int, class formClass) {
		if len(lemma) >= 2 && lemma != w {
			out = append(out, base{lemma: lemma, pos: pos, class: class})
		}
	}
	n := len(w)
	switch {
	case n > 4 && strings.HasSuffix(w, "ies"):
		with(w[:n-3]+"y", posNoun|posVerb, baseNoun|baseVerb)
	case n > 3 && strings.HasSuffix(w, "es") && sibilant(w[:n-2]):
		// "crises" is irregular; "boxes", "watches", "heroes" lose "es".
		with(w[:n-2], posNoun|posVerb, baseNoun|baseVerb)
	case n > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is"):
		with(w[:n-1], posNoun|posVerb, baseNoun|baseVerb)
	}
	for _, l := range irregularOf[w] {
		for _, f := range irregular[l] {
			if f.form == w && f.class&sNoun != 0 {
				with(l, posNoun, baseNoun)
			}
		}
	}
	return out
}

// inflections returns the forms English inflection makes of a folded word
// used as the given parts of speech, with the form each is. The regular
// rules may also make non-words ("brutaled"), which never match; they keep
// the rules simple and exact for real words.
func inflections(w string, pos int) map[string]formClass {
	out := map[string]formClass{}
	put := func(f string, c formClass) {
		if pos&posNoun == 0 {
			c &^= sNoun
		}
		if pos&posVerb == 0 {
			c &^= sVerb | edForm | ingForm
		}
		if pos&posAdj == 0 {
			c &^= erForm
		}
		if f != w && f != "" && c != 0 {
			out[f] |= c
		}
	}
	if len(w) < 2 || !isLetters(w[len(w)-1:]) {
		return out
	}
	for _, x := range irregular[w] {
		put(x.form, x.class)
	}
	last := w[len(w)-1]
	prev := byte(0)
	if len(w) >= 2 {
		prev = w[len(w)-2]
	}
	consonantY := last == 'y' && !isVowel(prev)
	// -s: plural nouns and 3rd person verbs.
	switch {
	case strings.HasSuffix(w, "s") || strings.HasSuffix(w, "x") || strings.HasSuffix(w, "z") ||
		strings.HasSuffix(w, "ch") || strings.HasSuffix(w, "sh"):
		put(w+"es", sForm)
	case consonantY:
		put(w[:len(w)-1]+"ies", sForm)
	case last == 'o':
		put(w+"es", sForm)
		put(w+"s", sForm)
	case strings.HasSuffix(w, "fe"):
		put(w+"s", sForm)
		put(w[:len(w)-2]+"ves", sForm)
	case last == 'f':
		put(w+"s", sForm)
		put(w[:len(w)-1]+"ves", sForm)
	default:
		put(w+"s", sForm)
	}
	// Doubling the final consonant before -ed, -ing, -er: "stop" ->
	// "stopped", "big" -> "bigger". Both spellings are made where English
	// varies ("target" -> "targeted"), since only real words will match.
	double := ""
	if len(w) >= 3 && !isVowel(last) && !strings.ContainsRune("wxy", rune(last)) && isVowel(prev) && !isVowel(w[len(w)-3]) {
		double = w + string(last)
	}
	// -ed, -ing.
	switch {
	case last == 'e':
		put(w+"d", edForm)
		if strings.HasSuffix(w, "ie") {
			put(w[:len(w)-2]+"ying", ingForm)
		} else if strings.HasSuffix(w, "ee") || strings.HasSuffix(w, "ye") || strings.HasSuffix(w, "oe") {
			put(w+"ing", ingForm)
		} else {
			put(w[:len(w)-1]+"ing", ingForm)
		}
	case consonantY:
		put(w[:len(w)-1]+"ied", edForm)
		put(w+"ing", ingForm)
	default:
		put(w+"ed", edForm)
		put(w+"ing", ingForm)
		if double != "" {
			put(double+"ed", edForm)
			put(double+"ing", ingForm)
		}
	}
	// -er, -est.
	switch {
	case last == 'e':
		put(w+"r", erForm)
		put(w+"st", erForm)
	case consonantY:
		put(w[:len(w)-1]+"ier", erForm)
		put(w[:len(w)-1]+"iest", erForm)
	default:
		put(w+"er", erForm)
		put(w+"est", erForm)
		if double != "" {
			put(double+"er", erForm)
			put(double+"est", erForm)
		}
	}
	return out
}

// sibilant reports whether a stem takes -es rather than -s: "box",
// "watch", "hero" ("detainees" and "gripes" only lose their -s).
func sibilant(stem string) bool {
	for _, end := range []string{"s", "x", "z", "ch", "sh", "o"} {
		if strings.HasSuffix(stem, end) {
			return true
		}
	}
	return false
}

// family are the words a lexicon word may be a form of, itself included,
// undoing -s, -ed and -ing ("slammed" -> slam, slamm): lexicon words that
// share one are forms of one word, which the lexicon lists itself.
func family(w string) []string {
	out := []string{w}
	for _, b := range bases(w) {
		out = append(out, b.lemma)
	}
	n := len(w)
	switch {
	case n > 4 && strings.HasSuffix(w, "ied"):
		out = append(out, w[:n-3]+"y")
	case n > 3 && strings.HasSuffix(w, "ed"):
		out = append(out, w[:n-2], w[:n-1])
		if n > 4 && w[n-3] == w[n-4] {
			out = append(out, w[:n-3])
		}
	case n > 5 && strings.HasSuffix(w, "ying"):
		out = append(out, w[:n-4]+"ie")
	case n > 5 && strings.HasSuffix(w, "ing"):
		out = append(out, w[:n-3], w[:n-3]+"e")
		if w[n-4] == w[n-5] {
			out = append(out, w[:n-4])
		}
	}
	return append(out, irregularOf[w]...)
}

// curated finds the entry words of a lexicon whose forms the lexicon lists
// itself: two or more of its words are forms of one word ("slams",
// "slammed"; "crook", "crooks"). An author who lists forms has chosen them
// ("slamming" was left out on purpose: "slamming his head"), so such words
// match only as written. A word listed in one form means the word, and
// matches its forms. Keys are curatedKey's: the entry's words with the word
// in question marked, so "illegal alien" and "illegal aliens" are one family
// and "illegal" another. It returns the curated keys and the families, each
// as the entries listing it.
func curated(entries []*Entry) (map[string]bool, [][]*Entry) {
	type member struct {
		e *Entry
		k int
	}
	members := map[string]map[string]member{} // family key -> entry word key -> where it is
	for _, e := range entries {
		if !e.Inflects() {
			continue
		}
		for k, w := range e.words {
			for _, f := range family(w) {
				words := append(append(append([]string{}, e.words[:k]...), f), e.words[k+1:]...)
				fk := curatedKey(words, k)
				if members[fk] == nil {
					members[fk] = map[string]member{}
				}
				members[fk][curatedKey(e.words, k)] = member{e, k}
			}
		}
	}
	out := map[string]bool{}
	var families [][]*Entry
	seen := map[string]bool{}
	keys := make([]string, 0, len(members))
	for fk := range members {
		keys = append(keys, fk)
	}
	sort.Strings(keys)
	for _, fk := range keys {
		ws := members[fk]
		if len(ws) < 2 {
			continue
		}
		var fam []*Entry
		for w, m := range ws {
			out[w] = true
			fam = append(fam, m.e)
		}
		sort.Slice(fam, func(i, j int) bool { return fam[i].Line < fam[j].Line })
		id := ""
		for _, e := range fam {
			id += fmt.Sprint(e.Line, ",")
		}
		if !seen[id] {
			seen[id] = true
			families = append(families, fam)
		}
	}
	return out, families
}

// curatedKey is the key curated uses for word k of an entry.
func curatedKey(words []string, k int) string {
	return strings.Join(words[:k], " ") + "\x00" + words[k] + "\x00" + strings.Join(words[k+1:], " ")
}

func isVowel(b byte) bool { return strings.IndexByte("aeiou", b) >= 0 }

func isLetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return s != ""
}
