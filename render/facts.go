package render

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/framing/framing/internal/textfmt"
	"github.com/framing/framing/reports"
)

// This file computes what report.md and report.html both say, as plain
// values: each renderer only formats them, so the two never disagree.

// summaryText is the plain-words sentence about an outlet's loaded
// language, without the outlet's name it follows.
func summaryText(o reports.Outlet) string {
	own := float64(o.AuthorialPer1k)
	all := float64(o.LoadedPer1k)
	if all == 0 {
		return fmt.Sprintf(" uses no loaded terms of the lexicon in %s words.", textfmt.Thousands(o.Tokens))
	}
	if own == 0 {
		return fmt.Sprintf(" never uses loaded terms in its own voice: all of its %.1f per 1,000 words are quoted, reported, negated or distanced.", all)
	}
	s := fmt.Sprintf(" uses loaded terms in its own voice %.1f times per 1,000 words", own)
	if ci := o.AuthorialPer1kCI; ci[0] == ci[0] && ci[1] == ci[1] && (ci[0] != 0 || ci[1] != 0) {
		s += fmt.Sprintf(" (95%% interval %.1f–%.1f)", float64(ci[0]), float64(ci[1]))
	}
	s += fmt.Sprintf("; %.1f counting quotations and reported speech", all)
	others := o.Loaded.Quoted + o.Loaded.Attributed
	switch {
	case own < all/2 && others > 0:
		s += ". Most of its loaded terms are others' words, quoted or reported."
	case own >= all*0.8:
		s += ". Almost all of them are its own words."
	default:
		s += "."
	}
	return s
}

// kwic is a hit in its sentence, cut to a width each side.
type kwic struct {
	Pre, Before, Match, After, Post string // Pre and Post are "…" when cut
}

// kwicOf cuts h's sentence to at most width bytes (whole characters) each
// side of the match, with whitespace runs folded to one space.
func kwicOf(h reports.Hit, width int) kwic {
	ctx := h.Context
	start, end := h.ContextOffset, h.ContextOffset+len(h.Text)
	if start < 0 || end > len(ctx) || ctx[start:end] != h.Text {
		return kwic{Match: h.Text}
	}
	k := kwic{Match: h.Text}
	before, after := ctx[:start], ctx[end:]
	if len(before) > width {
		before, k.Pre = trimLeft(before, width), "…"
	}
	if len(after) > width {
		after, k.Post = trimRight(after, width), "…"
	}
	k.Before, k.After = fold(before, true), fold(after, false)
	return k
}

// fold collapses whitespace runs to one space, keeping one space next to
// the match where the context had whitespace there.
func fold(s string, left bool) string {
	f := strings.Join(strings.Fields(s), " ")
	if s == "" {
		return ""
	}
	if left {
		if r, _ := utf8.DecodeLastRuneInString(s); r == ' ' || r == '\n' || r == '\t' {
			if f != "" {
				f += " "
			} else {
				f = " "
			}
		}
		return f
	}
	if r, _ := utf8.DecodeRuneInString(s); r == ' ' || r == '\n' || r == '\t' {
		f = " " + f
	}
	return f
}

// clearLine is one difference the intervals support.
type clearLine struct {
	Higher, Lower string
	Measure       string // a human label: "authorial loaded rate", a category's label
	Phrase        string // how the higher outlet differs: "uses hedges more than"
	VH, VL        reports.Float
	CH, CL        [2]reports.Float
	// AllVoices: the rates count quoted, attributed, negated and distanced
	// hits too, so the difference may be in whom the outlet quotes.
	AllVoices bool
}

// clearLines lists an event's clear differences with their figures: those
// in the outlets' own voice (the authorial loaded rate, and categories in
// the authorial voice) first, then those over all voices. Renderers keep the
// two apart: a summary that speaks of the authorial rate must not
// state a difference made of quoted words.
func clearLines(r *reports.Report, e reports.EventReport) []clearLine {
	byOutlet := map[string]reports.Outlet{}
	for _, o := range e.Outlets {
		byOutlet[o.Outlet] = o
	}
	var own, all []clearLine
	for _, d := range e.Comparison.ClearDifferences {
		hi, lo := byOutlet[d.Higher], byOutlet[d.Lower]
		l := clearLine{Higher: d.Higher, Lower: d.Lower, Measure: strings.ToLower(categoryLabel(r, d.Measure))}
		switch {
		case d.Measure == "authorial_per_1k":
			l.Phrase = "has a higher authorial loaded rate than"
			l.VH, l.VL, l.CH, l.CL = hi.AuthorialPer1k, lo.AuthorialPer1k, hi.AuthorialPer1kCI, lo.AuthorialPer1kCI
			own = append(own, l)
		case d.Voice == "authorial":
			l.Phrase = "uses " + l.Measure + " in its own voice more than"
			l.VH, l.VL = hi.Categories[d.Measure].VoicePer1k.Authorial, lo.Categories[d.Measure].VoicePer1k.Authorial
			l.CH, l.CL = hi.AuthorialCI[d.Measure], lo.AuthorialCI[d.Measure]
			own = append(own, l)
		default:
			l.Phrase = "uses " + l.Measure + " (all voices) more than"
			l.VH, l.VL, l.CH, l.CL = hi.Categories[d.Measure].Per1k, lo.Categories[d.Measure].Per1k, hi.CI[d.Measure], lo.CI[d.Measure]
			l.AllVoices = true
			all = append(all, l)
		}
	}
	return append(own, all...)
}

func categoryLabel(r *reports.Report, id string) string {
	for _, c := range r.Categories {
		if c.ID == id {
			return c.Label
		}
	}
	if id == "authorial_per_1k" {
		return "authorial loaded rate"
	}
	return id
}
