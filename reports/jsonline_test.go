package reports

import (
	"bytes"
	"encoding/json"
	"math"
	"reflect"
	"testing"
)

// jsonLine is v as json.Encoder writes it with HTML escaping off: what the
// record files held before the appenders (jsonline.go).
func jsonLine(t *testing.T, v any) string {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// hostileStrings are strings encoding/json escapes: quotes, backslashes,
// every control byte, HTML characters (left as they are), invalid UTF-8,
// the JavaScript line separators, and text in several scripts.
var hostileStrings = func() []string {
	ctl := make([]byte, 0, 32)
	for c := byte(0); c < 0x20; c++ {
		ctl = append(ctl, c)
	}
	return []string{"", "massacre", `"terrorists"`, `back\slash`, string(ctl), "<b>&amp;</b>",
		"bad \xff\xfe byte", "cut \xe2\x80", "line\u2028para\u2029end", "\u007f del", "“curly” ‘quotes’ — dash",
		"اسلام آباد", "इस्लामाबाद", "😀 emoji", "tab\tnew\nline\r"}
}()

// fill sets every field of the struct v points to, from seed: strings from
// hostileStrings, ints, bools and Floats that vary with seed.
func fill(v any, seed int) {
	rv := reflect.ValueOf(v).Elem()
	floats := []float64{0, math.Copysign(0, -1), 1e-7, 0.5, 123.4567891, -2.25, math.NaN(), math.Inf(1), 1e21}
	for i := 0; i < rv.NumField(); i++ {
		f := rv.Field(i)
		k := seed + 7*i
		switch {
		case f.Type() == reflect.TypeOf(Float(0)):
			f.SetFloat(floats[k%len(floats)])
		case f.Kind() == reflect.String:
			f.SetString(hostileStrings[k%len(hostileStrings)])
		case f.Kind() == reflect.Int:
			f.SetInt(int64(k*1009 - 3000))
		case f.Kind() == reflect.Bool:
			f.SetBool(k%2 == 1)
		case f.Type() == reflect.TypeOf([]string(nil)):
			// nil, empty, and one to three hostile strings.
			switch n := k % 5; n {
			case 0:
			case 1:
				f.Set(reflect.ValueOf([]string{}))
			default:
				f.Set(reflect.ValueOf(hostileStrings[k%len(hostileStrings) : k%len(hostileStrings)+1][:1:1]))
				for j := 1; j < n-1; j++ {
					f.Set(reflect.Append(f, reflect.ValueOf(hostileStrings[(k+j)%len(hostileStrings)])))
				}
			}
		default:
			panic("fill: field " + rv.Type().Field(i).Name + " of a kind the appenders do not write")
		}
	}
}

// The appenders write encoding/json's bytes for every field of every
// record kind, whatever the values; a field added to a record and not to
// its appender fails here (fill sets every field).
func TestJSONLinesAsEncodingJSON(t *testing.T) {
	for seed := range 3 * len(hostileStrings) {
		var (
			h Hit
			q Quote
			m Mention
			e AgencyEvent
		)
		for _, c := range []struct {
			v      any
			append func([]byte) []byte
		}{
			{&h, h.appendJSONLine}, {&q, q.appendJSONLine}, {&m, m.appendJSONLine}, {&e, e.appendJSONLine},
		} {
			fill(c.v, seed)
			got, want := string(c.append([]byte("prefix "))), "prefix "+jsonLine(t, c.v)
			if got != want {
				t.Fatalf("%T, seed %d:\n got %s\nwant %s", c.v, seed, got, want)
			}
		}
	}
	var h Hit // the zero record
	if got, want := string(h.appendJSONLine(nil)), jsonLine(t, &h); got != want {
		t.Errorf("zero Hit:\n got %s\nwant %s", got, want)
	}
}
