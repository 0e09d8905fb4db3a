package model

import "math"

// The sentence model's features: how the words' probabilities of being
// loaded add up in a sentence, and how much of it is in someone else's
// words. Names are stable: the weights file refers to them.
var SentenceFeatureNames = []string{
	"s:max", "s:top2", "s:mean", "s:sum", "s:accepted", "s:loglen", "s:quoted-share", "s:accepted-quoted",
	"s:adj", "s:adv", "s:proper", "s:digits", "s:modal", "s:first-person", "s:you", "s:exclaim", "s:question",
	"s:report-cue", "s:superlative", "s:noisy-or", "s:top3", "s:over10", "s:over30",
}

// SentenceInput is what the sentence model reads of a sentence: its scored
// words and counts of its tokens by kind.
type SentenceInput struct {
	Words []SentenceWord
	// Bag is how many word features each word carries (0: no bag
	// features).
	Bag                      int
	Tokens                   int // word tokens
	Adj, Adv, Proper, Digits int // adjectives, adverbs, proper nouns, numbers
	Modal                    int // should, must, ought, need
	FirstPerson, You         int // we, our, us, I, my, me; you, your
	Exclaim, Question        bool
	ReportCues               int // report cues in the author's voice (said, claimed)
	Superlative              int // JJS, RBS
}

// SentenceWord is one scored word of a sentence, as the sentence model
// reads it.
type SentenceWord struct {
	P        float64   // P(loaded) of the word
	Quoted   bool      // inside quotation marks
	Features []float64 // its word features, in the word model's order
}

// bagPrefix names the sentence features that sum a word feature over the
// sentence's scored words: the sentence model reads what the words are
// as well as how loaded each is, which word probabilities alone lose.
const bagPrefix = "bag:"

// SentenceNames are the sentence model's features for a word model whose
// features are wordNames: SentenceFeatureNames, then a bag feature per
// word feature.
func SentenceNames(wordNames []string) []string {
	out := append([]string{}, SentenceFeatureNames...)
	for _, n := range wordNames {
		out = append(out, bagPrefix+n)
	}
	return out
}

// SentenceFeatures are the sentence model's features for a sentence of
// words words (all of them, scored or not), whose scored words are ws, with
// words accepted at threshold.
//
// The bag features follow when the words carry their features: each word
// feature summed over the scored words and divided by the square root of
// their number, so that a long sentence weighs more than a short one, but
// not in proportion.
func SentenceFeatures(in SentenceInput, threshold float64) []float64 {
	x := make([]float64, len(SentenceFeatureNames)+in.Bag)
	words := in.Tokens
	own, others, acceptedOthers := 0, 0, 0
	for _, w := range in.Words {
		if w.Quoted {
			others++
			if w.P >= threshold {
				acceptedOthers++
			}
		} else {
			own++
		}
	}
	if in.Bag > 0 && own > 0 {
		norm := 1 / math.Sqrt(float64(own))
		bag := x[len(SentenceFeatureNames):]
		for _, w := range in.Words {
			if w.Quoted {
				continue
			}
			for j, v := range w.Features {
				if v != 0 {
					bag[j] += v * norm
				}
			}
		}
	}
	share := func(n int) float64 {
		if words == 0 {
			return 0
		}
		return float64(n) / float64(words)
	}
	b := func(v bool) float64 {
		if v {
			return 1
		}
		return 0
	}
	x[8], x[9], x[10], x[11] = share(in.Adj), share(in.Adv), share(in.Proper), share(in.Digits)
	x[12], x[13], x[14] = math.Min(float64(in.Modal), 3), math.Min(float64(in.FirstPerson), 3), math.Min(float64(in.You), 3)
	x[15], x[16], x[17], x[18] = b(in.Exclaim), b(in.Question), math.Min(float64(in.ReportCues), 3), math.Min(float64(in.Superlative), 3)
	x[5] = math.Log1p(float64(words))
	if len(in.Words) > 0 {
		x[6] = float64(others) / float64(len(in.Words))
		x[7] = float64(acceptedOthers)
	}
	if own == 0 {
		return x
	}
	// The own-voice words' probabilities: the three highest, their sum,
	// how many pass the threshold and two fixed levels, and the chance
	// that at least one is loaded (noisy-or).
	var top [3]float64
	sum, none := 0.0, 0.0
	accepted, over10, over30 := 0, 0, 0
	for _, w := range in.Words {
		if w.Quoted {
			continue
		}
		p := w.P
		sum += p
		none += math.Log1p(-math.Min(p, 1-1e-9))
		if p >= threshold {
			accepted++
		}
		if p >= 0.1 {
			over10++
		}
		if p >= 0.3 {
			over30++
		}
		switch {
		case p > top[0]:
			top[0], top[1], top[2] = p, top[0], top[1]
		case p > top[1]:
			top[1], top[2] = p, top[1]
		case p > top[2]:
			top[2] = p
		}
	}
	x[0] = top[0]
	x[1] = top[0]
	if own > 1 {
		x[1] = (top[0] + top[1]) / 2
	}
	x[2] = sum / float64(own)
	x[3] = sum
	x[4] = float64(accepted)
	x[19] = 1 - math.Exp(none)
	x[20] = (top[0] + top[1] + top[2]) / 3
	x[21], x[22] = math.Min(float64(over10), 5), math.Min(float64(over30), 5)
	return x
}
