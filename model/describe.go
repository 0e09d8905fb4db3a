package model

import (
	"fmt"
	"strings"
)

// glosses are readable names of the word features, for the "why" of a
// highlighted word: an instructor reads "rare in news", not "rare".
var glosses = map[string]string{
	"lex:weight": "intensity of its lexicon entry", "lex:vader": "VADER sentiment strength",
	"rare": "rare in news text", "rare:unseen": "not seen in the news text of the commonness table",
	"rare:adj": "a rare adjective", "rare:adv": "a rare adverb", "rare:verb": "a rare verb", "rare:noun": "a rare noun",
	"shape:cap": "capitalised mid-sentence", "shape:allcaps": "in capitals", "shape:digit": "holds a digit",
	"shape:hyphen": "a hyphenated compound", "shape:first": "first word of the sentence", "shape:long": "a long word",
	"name:run": "inside a name or title", "name:actor": "inside an actor's name", "headline": "in the headline",
	"voice:quoted": "in quotation marks", "voice:attributed": "in reported speech", "voice:negated": "negated",
	"voice:distanced": "distanced (alleged, so-called)", "cue:loaded": "the author's loaded report verb",
	"cue:neutral": "a neutral report verb", "cue:after": "just after a report verb",
	"near:hedge": "a hedge nearby", "near:boost": "an amplifier nearby",
	"pos:adj": "adjective", "pos:adj-degree": "comparative or superlative adjective", "pos:adv": "adverb",
	"pos:adv-degree": "comparative or superlative adverb", "pos:verb": "verb", "pos:verb-past": "past or participle verb",
	"pos:verb-ing": "-ing verb", "pos:noun": "noun", "pos:noun-plural": "plural noun", "pos:proper": "proper noun",
}

// Describe writes a contribution as a reader would want it: what the
// feature is and how much it moved the score, in log-odds ("rare in news
// text +2.1", "in lexicon news/subjective +1.8").
func Describe(c Contribution) string {
	g, ok := glosses[c.Feature]
	switch {
	case ok:
	case strings.HasPrefix(c.Feature, "lex:"):
		g = "in lexicon " + strings.TrimPrefix(c.Feature, "lex:")
	case strings.HasPrefix(c.Feature, "suffix:"):
		g = "ends in -" + strings.TrimPrefix(c.Feature, "suffix:")
	default:
		g = c.Feature
	}
	return fmt.Sprintf("%s %+.1f", g, c.Value)
}
