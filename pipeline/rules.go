package pipeline

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strings"

	"github.com/framing/framing/lexicons"
	"github.com/framing/framing/model"
)

// Two categories are framing's own, beside the scoring lexicons': each in a
// small lexicon made in code, so that reports list them with their
// provenance like any lexicon's.
const (
	// RulesLexicon holds the categories of hits that rules make.
	RulesLexicon = "rules"
	// LoadedReportVerb is the author's choice of a loaded report verb
	// ("claimed", "insisted", "admitted", "conceded", "boasted"): a hit in
	// its own right, in the outlet's voice, as well as a voice cue, unless
	// it stands inside a quotation (a cue there is the quoted speaker's).
	LoadedReportVerb = "loaded-report-verb"
	// ModelLexicon holds the category of words the loadedness model accepts
	// that no scoring lexicon lists.
	ModelLexicon = "model"
	// Unlisted is that category.
	Unlisted = "unlisted"
)

// LegalTermRule names the legal-term rule (legalTerms) on the hits it
// keeps from counting.
const LegalTermRule = RulesLexicon + "/legal-term"

// rulesLexicon is the lexicon of the rules' categories. Its sha256 is the
// cue list's, which names the report verbs and their marks.
func rulesLexicon(cues *lexicons.Lexicon) *lexicons.Lexicon {
	return &lexicons.Lexicon{Name: RulesLexicon, Version: Version, Licence: "MIT",
		Source:      "framing's rules: the author's choice of a loaded report verb, from the cue list's loaded report cues",
		Description: "Hits that rules make, not word lists.",
		SHA256:      cues.SHA256, Path: "builtin:" + RulesLexicon,
		Categories: []*lexicons.Category{{ID: RulesLexicon + "/" + LoadedReportVerb, Local: LoadedReportVerb,
			Label: "Loaded report verb (the author's choice)", Kind: lexicons.Loaded,
			Description: "The outlet introduces someone's words with a verb that colours them (claimed, insisted, admitted, conceded, boasted) instead of a neutral one (said)."}}}
}

// modelLexicon is the lexicon of the words the model accepts that no
// scoring lexicon lists.
func modelLexicon(m *model.Model) *lexicons.Lexicon {
	var buf bytes.Buffer
	model.Write(&buf, m) // a write to memory does not fail
	sum := sha256.Sum256(buf.Bytes())
	version := m.Get("version")
	if version == "" {
		version = "0"
	}
	return &lexicons.Lexicon{Name: ModelLexicon, Version: version, Licence: "Apache-2.0",
		Source:   "framing's loadedness model (model/weights/loaded.txt), trained on MBIC",
		Citation: m.Get("citation"), Description: "Words the loadedness model accepts that no scoring lexicon lists.",
		SHA256: hex.EncodeToString(sum[:]), Path: "builtin:" + ModelLexicon,
		Categories: []*lexicons.Category{{ID: ModelLexicon + "/" + Unlisted, Local: Unlisted,
			Label: "Loaded, in no lexicon (the model)", Kind: lexicons.Loaded,
			Description: "Words careful readers mark that no scoring lexicon lists, as the loadedness model finds them: evaluative adjectives and adverbs, labels, loaded verbs."}}}
}

// addReportVerbHits makes a hit of every colouring report cue in the
// author's voice (the rule LoadedReportVerb: the cue list's colouring
// category, claimed, insisted, admitted), or puts the rule's category first
// on the hit already on its words: the rule is why it counts. d.Hits stay in
// order of position.
func addReportVerbHits(d *Doc, cat *lexicons.Category) {
	if d.Voice == nil || cat == nil {
		return
	}
	type span struct{ first, last int }
	at := make(map[span]int, len(d.Hits))
	for i, h := range d.Hits {
		if _, ok := at[span{h.First, h.Last}]; !ok {
			at[span{h.First, h.Last}] = i
		}
	}
	added := false
	for _, a := range d.Voice.Attributions {
		c := a.Cue
		// The rule is about the verb the author chose: "the official claim
		// that" names a claim, it does not colour one.
		if !c.Colouring || !strings.HasPrefix(d.Tokens[c.First].Tag, "VB") {
			continue
		}
		// The hit is the verb: "claimed", not "claimed that".
		c.Last = c.First
		if i, ok := at[span{c.First, c.Last}]; ok {
			if h := &d.Hits[i]; !slices.Contains(h.Categories, cat) {
				h.Categories = append([]*lexicons.Category{cat}, h.Categories...)
				h.Category = cat
			}
			continue
		}
		e := &lexicons.Entry{Term: c.Term, Categories: []*lexicons.Category{cat}, Weight: 1}
		d.Hits = append(d.Hits, Hit{Entry: e, Category: cat, Categories: []*lexicons.Category{cat}, Weight: 1,
			Start: d.Tokens[c.First].Start, End: d.Tokens[c.Last].End, First: c.First, Last: c.Last,
			Sentence: sentenceOfToken(d, c.First), Label: d.Voice.Label(c.First, c.Last)})
		added = true
	}
	if added {
		sortDocHits(d.Hits)
	}
}

// sortDocHits orders hits by position: start, then the longer first.
func sortDocHits(hs []Hit) {
	slices.SortStableFunc(hs, func(a, b Hit) int {
		if a.First != b.First {
			return a.First - b.First
		}
		return b.Last - a.Last
	})
}
