package reports

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strings"
)

// WriteJSON writes the report as indented JSON. HTML characters are not
// escaped: the file is data, and "<" should read as "<" in a diff.
//
// The bytes are exactly those of a json.Encoder with SetIndent("", "  ")
// (tested), but written field by field and, for arrays, element by
// element: encoding/json builds a whole document in memory, twice (compact,
// then indented), and for a large corpus report.json's per-event rows run
// to megabytes.
func WriteJSON(w io.Writer, r *Report) error {
	if err := writeObjectJSON(w, r); err != nil {
		return fmt.Errorf("report.json: %w", err)
	}
	return nil
}

// writeObjectJSON writes the struct v points to as json.Encoder would with
// SetIndent("", "  ") and SetEscapeHTML(false), one field and one element
// of a top-level array at a time. Embedded structs and the ",string"
// option, which it does not flatten or apply as encoding/json does, are
// refused rather than written differently.
func writeObjectJSON(w io.Writer, v any) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	// value writes one value, indented as if it were depth levels deep.
	value := func(v any, depth int) error {
		buf.Reset()
		enc.SetIndent(strings.Repeat("  ", depth), "  ")
		if err := enc.Encode(v); err != nil {
			return err
		}
		bw.Write(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
		return nil
	}
	rv := reflect.ValueOf(v).Elem()
	rt := rv.Type()
	bw.WriteString("{")
	first := true
	for i := 0; i < rt.NumField(); i++ {
		f := rt.Field(i)
		tag := f.Tag.Get("json")
		name, rest, _ := strings.Cut(tag, ",")
		opts := strings.Split(rest, ",")
		switch {
		case f.Anonymous:
			return fmt.Errorf("field %s: embedded fields are not supported", f.Name)
		case slices.Contains(opts, "string"):
			return fmt.Errorf("field %s: the \",string\" option is not supported", f.Name)
		case !f.IsExported() || tag == "-":
			continue
		case name == "":
			name = f.Name
		}
		fv := rv.Field(i)
		if slices.Contains(opts, "omitempty") && isEmptyValue(fv) || slices.Contains(opts, "omitzero") && fv.IsZero() {
			continue
		}
		if !first {
			bw.WriteString(",")
		}
		first = false
		key, _ := json.Marshal(name)
		fmt.Fprintf(bw, "\n  %s: ", key)
		if fv.Kind() != reflect.Slice || fv.IsNil() || fv.Len() == 0 {
			if err := value(fv.Interface(), 1); err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
			continue
		}
		bw.WriteString("[")
		for k := 0; k < fv.Len(); k++ {
			if k > 0 {
				bw.WriteString(",")
			}
			bw.WriteString("\n    ")
			if err := value(fv.Index(k).Interface(), 2); err != nil {
				return fmt.Errorf("%s[%d]: %w", name, k, err)
			}
		}
		bw.WriteString("\n  ]")
	}
	if first {
		bw.WriteString("}\n") // encoding/json writes an empty object as {}
	} else {
		bw.WriteString("\n}\n")
	}
	return bw.Flush()
}

// isEmptyValue is encoding/json's test for omitempty.
func isEmptyValue(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64, reflect.Interface, reflect.Pointer:
		return v.IsZero()
	}
	return false
}

// ReadJSON reads a report written by WriteJSON.
func ReadJSON(rd io.Reader) (*Report, error) {
	var r Report
	if err := json.NewDecoder(rd).Decode(&r); err != nil {
		return nil, err
	}
	if r.Schema != Schema {
		return nil, fmt.Errorf("report schema %q, want %q", r.Schema, Schema)
	}
	return &r, nil
}
