package render

import (
	"fmt"
	"strings"
)

// Voice is the report's first visual dimension: whose words a
// loaded term is decides how it reads, so every chart and every highlight
// gives a voice the same colour, and nothing else on the page is coloured —
// categories are told apart by number, outlets by name, shade and pattern.
//
// The colours are taken from Okabe and Ito's colour-blind-safe set and
// chosen for the pairs to stay apart under simulated protanopia,
// deuteranopia and tritanopia (TestVoiceColoursAreDistinctForColourBlindReaders
// measures CIEDE2000 distances after Machado et al.'s 2009 simulation):
// authorial is the warm vermillion that draws the eye, quoted and
// attributed — other people's words — are a dark and a light blue, negated
// is black, distanced a yellow. Highlights use the tints, light enough for
// dark text to keep a contrast of 7:1 or more and dark enough to be seen
// on a projector: each tint is a CIEDE2000 ΔE of 13 or more from the white
// page and 12.7 or more from every other tint, under normal vision and each
// simulated dichromacy (chosen by a search over lightness and chroma that
// maximised the smaller of the two). The line style of each voice is a
// second cue (solid, dashed, dotted, struck through, double).
type voiceStyle struct {
	Voice  string
	Label  string // as the legend says it
	Colour string // charts: bars, dots, intervals
	Tint   string // highlights: the background of a marked term
	Line   string // the underline (or strike) a mark carries, for print and for readers who cannot tell the tints apart
	Says   string // what the voice means, for legends
}

// voicePalette is in voiceNames order.
var voicePalette = []voiceStyle{
	{"authorial", "authorial", "#D55E00", "#ED956E", "solid underline", "the outlet's own words"},
	{"quoted", "quoted", "#0072B2", "#5DB0D4", "dashed underline", "inside quotation marks"},
	{"attributed", "attributed", "#88CCEE", "#98E2F8", "dotted underline", "reported speech: X said that …"},
	{"negated", "negated", "#000000", "#ABABAB", "struck through", "denied or negated"},
	{"distanced", "distanced", "#F0E442", "#EDE05D", "double underline", "the outlet's words marked as someone else's claim: the alleged …"},
}

// allVoicesInk draws what counts every voice (the hollow ring of the front
// page's all-voice rate): a dark grey that is no voice's colour.
const allVoicesInk = "#4D4D4D"

// outletShades tell outlets apart in charts where a name cannot sit next to
// each mark: greys and white (never a voice colour), each with a pattern.
var outletShades = []string{"#3A3A3A", "#8C8C8C", "#D0D0D0", "#FFFFFF", "#5E5E5E", "#B0B0B0"}

func voiceStyleOf(voice string) voiceStyle {
	for _, v := range voicePalette {
		if v.Voice == voice {
			return v
		}
	}
	return voiceStyle{Voice: voice, Label: voice, Colour: allVoicesInk, Tint: "#EEEEEE", Line: "solid underline"}
}

// voiceCSS styles marks and legend samples by voice: a tint behind the
// words and a line under (or through) them.
func voiceCSS() string {
	var b strings.Builder
	b.WriteString(":root {")
	for _, v := range voicePalette {
		fmt.Fprintf(&b, " --voice-%s: %s; --voice-tint-%s: %s;", v.Voice, v.Colour, v.Voice, v.Tint)
	}
	b.WriteString(" }\n")
	for _, v := range voicePalette {
		fmt.Fprintf(&b, ".v-%s { --voice: %s; --voice-tint: %s; }\n", v.Voice, v.Colour, v.Tint)
	}
	return b.String()
}
