package reports

import (
	"strconv"
	"unicode/utf8"
)

// The record files (hits.jsonl and the others) and the records inlined in
// report.json are the bulk of a run's output: one line per hit, quote,
// mention and agency event, some 150,000 at 2,000 articles. encoding/json
// finds each struct's fields by reflection and builds every line in a
// buffer of its own; these appenders write the same bytes — the fields in
// struct order, strings escaped as encoding/json escapes them with HTML
// escaping off (SetEscapeHTML(false)) — into one growing slice, at a
// fraction of the cost. TestJSONLinesAsEncodingJSON compares
// them with encoding/json on every record of the shipped corpus and on
// hostile strings, and checks that each appender writes every field of
// its struct, so a field added to a record without its appender fails
// the tests.

// jsonObject appends one JSON object's fields.
type jsonObject struct {
	b    []byte
	more bool
}

func (o *jsonObject) key(k string) {
	if o.more {
		o.b = append(o.b, ',')
	} else {
		o.b = append(o.b, '{')
		o.more = true
	}
	o.b = append(o.b, '"')
	o.b = append(o.b, k...)
	o.b = append(o.b, '"', ':')
}

func (o *jsonObject) str(k, v string) {
	o.key(k)
	o.b = appendJSONString(o.b, v)
}

// strs writes a string array; nil as null, as encoding/json does.
func (o *jsonObject) strs(k string, v []string) {
	o.key(k)
	if v == nil {
		o.b = append(o.b, "null"...)
		return
	}
	o.b = append(o.b, '[')
	for i, s := range v {
		if i > 0 {
			o.b = append(o.b, ',')
		}
		o.b = appendJSONString(o.b, s)
	}
	o.b = append(o.b, ']')
}

func (o *jsonObject) int(k string, v int) {
	o.key(k)
	o.b = strconv.AppendInt(o.b, int64(v), 10)
}

func (o *jsonObject) bool(k string, v bool) {
	o.key(k)
	o.b = strconv.AppendBool(o.b, v)
}

func (o *jsonObject) float(k string, v Float) {
	o.key(k)
	o.b = v.appendJSON(o.b)
}

// line closes the object and ends the line, as json.Encoder does.
func (o *jsonObject) line() []byte {
	if !o.more {
		o.b = append(o.b, '{')
	}
	return append(o.b, '}', '\n')
}

// appendJSONLine appends h as one line of JSON.
func (h *Hit) appendJSONLine(b []byte) []byte {
	o := jsonObject{b: b}
	o.str("article", h.Article)
	o.str("outlet", h.Outlet)
	o.str("term", h.Term)
	o.str("category", h.Category)
	o.int("sentence", h.Sentence)
	o.int("start", h.Start)
	o.int("end", h.End)
	o.str("field", h.Field)
	o.str("text", h.Text)
	o.str("context", h.Context)
	o.int("context_offset", h.ContextOffset)
	o.str("voice", h.Voice)
	o.str("speaker", h.Speaker)
	o.str("speaker_phrase", h.SpeakerPhrase)
	o.str("cue", h.Cue)
	o.str("attributed_to", h.AttributedTo)
	o.bool("headline", h.Headline)
	o.str("actor", h.Actor)
	o.str("speaker_actor", h.SpeakerActor)
	o.float("weight", h.Weight)
	o.str("polarity", h.Polarity)
	o.str("rule", h.Rule)
	o.strs("categories", h.Categories)
	o.str("kind", h.Kind)
	o.float("probability", h.Probability)
	o.bool("counted", h.Counted)
	o.strs("why", h.Why)
	if h.ScoringRule != "" {
		o.str("scoring_rule", h.ScoringRule)
	}
	return o.line()
}

// appendJSONLine appends q as one line of JSON.
func (q *Quote) appendJSONLine(b []byte) []byte {
	o := jsonObject{b: b}
	o.str("article", q.Article)
	o.str("outlet", q.Outlet)
	o.str("field", q.Field)
	o.int("start", q.Start)
	o.int("end", q.End)
	o.str("speaker", q.Speaker)
	o.str("cue", q.Cue)
	o.bool("closed", q.Closed)
	return o.line()
}

// appendJSONLine appends m as one line of JSON.
func (m *Mention) appendJSONLine(b []byte) []byte {
	o := jsonObject{b: b}
	o.str("article", m.Article)
	o.str("outlet", m.Outlet)
	o.str("actor", m.Actor)
	o.str("field", m.Field)
	o.int("start", m.Start)
	o.int("end", m.End)
	o.str("text", m.Text)
	return o.line()
}

// appendJSONLine appends e as one line of JSON.
func (e *AgencyEvent) appendJSONLine(b []byte) []byte {
	o := jsonObject{b: b}
	o.str("article", e.Article)
	o.str("outlet", e.Outlet)
	o.str("verb", e.Verb)
	o.str("text", e.Text)
	o.str("agent", e.Agent)
	o.str("patient", e.Patient)
	o.bool("passive", e.Passive)
	o.bool("agentless", e.Agentless)
	o.str("voice", e.Voice)
	o.str("field", e.Field)
	o.int("start", e.Start)
	o.int("end", e.End)
	o.str("context", e.Context)
	return o.line()
}

// appendJSON appends f as MarshalJSON writes it.
func (f Float) appendJSON(b []byte) []byte {
	v, ok := f.rounded()
	if !ok {
		return append(b, "null"...)
	}
	return strconv.AppendFloat(b, v, 'f', -1, 64)
}

const hexDigits = "0123456789abcdef"

// appendJSONString is encoding/json's string encoding with HTML escaping
// off: quotes, backslashes and control bytes escaped (\b \f \n \r \t by
// their short forms), invalid UTF-8 as \ufffd, U+2028 and U+2029 escaped.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
