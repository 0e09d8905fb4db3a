package render

import (
	"math"
	"testing"

	colorful "github.com/lucasb-eyer/go-colorful"
)

// cvdMatrices simulate full protanopia, deuteranopia and tritanopia on
// linear RGB (Machado, Oliveira & Fernandes 2009, severity 1.0), beside
// normal vision.
var cvdMatrices = map[string][3][3]float64{
	"normal":       {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}},
	"protanopia":   {{0.152286, 1.052583, -0.204868}, {0.114503, 0.786281, 0.099216}, {-0.003882, -0.048116, 1.051998}},
	"deuteranopia": {{0.367322, 0.860646, -0.227968}, {0.280085, 0.672501, 0.047413}, {-0.011820, 0.042940, 0.968881}},
	"tritanopia":   {{1.255528, -0.076749, -0.178779}, {-0.078411, 0.930809, 0.147602}, {0.004733, 0.691367, 0.303900}},
}

func simulate(c colorful.Color, m [3][3]float64) colorful.Color {
	r, g, b := c.LinearRgb()
	clamp := func(x float64) float64 { return math.Max(0, math.Min(1, x)) }
	return colorful.LinearRgb(clamp(m[0][0]*r+m[0][1]*g+m[0][2]*b), clamp(m[1][0]*r+m[1][1]*g+m[1][2]*b), clamp(m[2][0]*r+m[2][1]*g+m[2][2]*b))
}

func hex(t *testing.T, s string) colorful.Color {
	t.Helper()
	c, err := colorful.Hex(s)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// relativeLuminance is WCAG 2's.
func relativeLuminance(c colorful.Color) float64 {
	r, g, b := c.LinearRgb()
	return 0.2126*r + 0.7152*g + 0.0722*b
}

// The voices' colours stay apart for colour-blind readers: every
// pair differs by a CIEDE2000 ΔE of 20 or more in the charts' colours, and
// 12 or more in the highlights' tints, under normal vision and each
// simulated dichromacy (ΔE 2 is a just-noticeable difference; palettes are
// commonly asked for 10 or more). Every tint stands 12 or more from the
// white page, so a projector shows it. Page text on every tint keeps a
// WCAG contrast of 7:1 (AAA).
func TestVoiceColoursAreDistinctForColourBlindReaders(t *testing.T) {
	if len(voicePalette) != len(voiceNames) {
		t.Fatalf("%d voice styles for %d voices", len(voicePalette), len(voiceNames))
	}
	ink := hex(t, "#1A1A1A")
	for i, v := range voicePalette {
		if v.Voice != voiceNames[i] {
			t.Errorf("style %d is %q, want %q", i, v.Voice, voiceNames[i])
		}
		tint := hex(t, v.Tint)
		if c := (relativeLuminance(tint) + 0.05) / (relativeLuminance(ink) + 0.05); c < 7 {
			t.Errorf("%s: text on its tint %s has contrast %.1f:1, want 7:1", v.Voice, v.Tint, c)
		}
		for vision, m := range cvdMatrices {
			if d := 100 * simulate(tint, m).DistanceCIEDE2000(simulate(hex(t, "#FFFFFF"), m)); d < 12 {
				t.Errorf("%s: %s tint %s is %.1f from white (ΔE2000), want 12: too pale for a projector", vision, v.Voice, v.Tint, d)
			}
		}
	}
	for vision, m := range cvdMatrices {
		for i := range voicePalette {
			for j := i + 1; j < len(voicePalette); j++ {
				a, b := voicePalette[i], voicePalette[j]
				if d := 100 * simulate(hex(t, a.Colour), m).DistanceCIEDE2000(simulate(hex(t, b.Colour), m)); d < 20 {
					t.Errorf("%s: %s and %s colours %.1f apart (ΔE2000), want 20", vision, a.Voice, b.Voice, d)
				}
				if d := 100 * simulate(hex(t, a.Tint), m).DistanceCIEDE2000(simulate(hex(t, b.Tint), m)); d < 12 {
					t.Errorf("%s: %s and %s tints %.1f apart (ΔE2000), want 12", vision, a.Voice, b.Voice, d)
				}
			}
			// No outlet shade is mistaken for a voice.
			for _, s := range outletShades {
				if d := 100 * simulate(hex(t, s), m).DistanceCIEDE2000(simulate(hex(t, voicePalette[i].Colour), m)); d < 10 && vision == "normal" {
					t.Errorf("outlet shade %s is %.1f from %s's colour", s, d, voicePalette[i].Voice)
				}
			}
		}
	}
}

// The test can fail: the palette the issue complained of (two blues for
// outlets and voices alike) does.
func TestColourBlindCheckRejectsCloseColours(t *testing.T) {
	m := cvdMatrices["deuteranopia"]
	// Okabe-Ito's orange and vermillion, told apart by normal vision only.
	if d := 100 * simulate(hex(t, "#E69F00"), m).DistanceCIEDE2000(simulate(hex(t, "#D55E00"), m)); d >= 20 {
		t.Errorf("orange and vermillion %.1f apart under deuteranopia: the check would pass anything", d)
	}
}
