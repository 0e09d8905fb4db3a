package lexicons

import "strings"

// Lemma-aware matching (issue 20). An exact entry matches its inflections —
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

// formClass is the grammatical form an inflection makes, as a bit set of
// the tags it may carry.
type formClass uint8

const (
	sForm   formClass = 1 << iota // plural noun or 3rd person verb: NNS, NNPS, VBZ
	edForm                        // past tense or participle: VBD, VBN, or JJ ("the claimed victims")
	ingForm                       // present participle: VBG, or NN/JJ ("the killing", "a rioting crowd")
	erForm                        // comparative or superlative: JJR, JJS, RBR, RBS
)

// classOfTag is the form a Penn Treebank tag says a word is in; 0 for a
// base form or an untagged token, which never matches an inflection.
func classOfTag(tag string) formClass {
	switch tag {
	case "NNS", "NNPS", "VBZ":
		return sForm
	case "VBD", "VBN":
		return edForm
	case "VBG":
		return ingForm
	case "JJ":
		return edForm | ingForm
	case "NN":
		return ingForm
	case "JJR", "JJS", "RBR", "RBS":
		return erForm
	}
	return 0
}

// irregular holds the irregular forms of words common in news writing,
// keyed by lemma.
var irregular = map[string][]struct {
	form  string
	class formClass
}{}

func init() {
	add := func(lemma string, class formClass, forms ...string) {
		for _, f := range forms {
			irregular[lemma] = append(irregular[lemma], struct {
				form  string
				class formClass
			}{f, class})
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
		add(n[0], sForm, n[1])
	}
	// Adjectives: comparative and superlative.
	for _, a := range [][]string{
		{"good", "better", "best"}, {"bad", "worse", "worst"}, {"far", "farther", "further", "farthest", "furthest"},
		{"little", "less", "least"}, {"many", "more", "most"}, {"much", "more", "most"},
	} {
		add(a[0], erForm, a[1:]...)
	}
}

// inflections returns the forms English inflection makes of a folded word,
// with the form each is. The regular rules may also make non-words
// ("brutaled"), which never match; they keep the rules simple and exact for
// real words.
func inflections(w string) map[string]formClass {
	out := map[string]formClass{}
	put := func(f string, c formClass) {
		if f != w && f != "" {
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

func isVowel(b byte) bool { return strings.IndexByte("aeiou", b) >= 0 }

func isLetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return s != ""
}
