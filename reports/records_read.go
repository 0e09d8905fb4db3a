package reports

import (
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"slices"
)

// HitRef is the part of a hit that locates and counts it, without its text:
// what a reader needs to choose which hits to read whole (HitsAt).
type HitRef struct {
	Article, Outlet, Term, Category, Field string
	Start, End                             int
	Counted                                bool
}

// EachHitRef calls fn with every hit's reference, in order, decoding no
// more than it needs: from the index when the records were written apart by
// this process, from the needed fields of each line of hits.jsonl when read
// from a file, and from Hits when inline.
func (r *Report) EachHitRef(fn func(i int, h *HitRef)) error {
	if r.index != nil && r.recordPath(RecordHits) != "" {
		i := 0
		var spans IndexSpans
		for k := range r.index {
			a := &r.Articles[k] // the index is the articles'
			spans.reset()
			if err := r.index[k].Unpack(r.spans, &spans); err != nil {
				return fmt.Errorf("article %s: %w", a.ID, err)
			}
			for _, h := range spans.Hits {
				fn(i, &HitRef{a.ID, a.Outlet, h.Term, h.Category, h.Field, h.Start, h.End, h.Counted})
				i++
			}
		}
		return nil
	}
	apart, err := r.eachLine(RecordHits, func(i int, line []byte) error {
		var h HitRef
		if err := json.Unmarshal(line, &h); err != nil {
			return fmt.Errorf("records %s: record %d: %w", RecordFile(RecordHits), i+1, err)
		}
		fn(i, &h)
		return nil
	})
	if err != nil || apart {
		return err
	}
	for i := range r.Hits {
		h := &r.Hits[i]
		fn(i, &HitRef{h.Article, h.Outlet, h.Term, h.Category, h.Field, h.Start, h.End, h.Counted})
	}
	return nil
}

// HitsAt puts the hits whose indices are in need into hits. With the
// records in files and an index, it reads only the lines it needs.
func (r *Report) HitsAt(need map[int]bool, hits map[int]*Hit) error {
	if len(need) == 0 {
		return nil
	}
	path := r.recordPath(RecordHits)
	switch {
	case path == "":
		for i := range need {
			hits[i] = &r.Hits[i]
		}
		return nil
	case r.index == nil:
		_, err := r.eachLine(RecordHits, func(i int, line []byte) error {
			if !need[i] {
				return nil
			}
			var h Hit
			if err := json.Unmarshal(line, &h); err != nil {
				return fmt.Errorf("records %s: record %d: %w", RecordFile(RecordHits), i+1, err)
			}
			hits[i] = &h
			return nil
		})
		return err
	}
	// An article none of whose hits is needed is stepped over whole, by
	// its index's counts: only the few that hold one are unpacked.
	wanted := slices.Sorted(maps.Keys(need))
	var lines []lineAt
	var spans IndexSpans
	i, off := 0, int64(0)
	for k := range r.index {
		ix := &r.index[k]
		if len(wanted) == 0 || wanted[0] >= i+ix.Counts[0] {
			i, off = i+ix.Counts[0], off+ix.Bytes[0]
			continue
		}
		spans.reset()
		if err := ix.Unpack(r.spans, &spans); err != nil {
			return fmt.Errorf("article %s: %w", r.Articles[k].ID, err)
		}
		for _, h := range spans.Hits {
			if len(wanted) > 0 && wanted[0] == i {
				lines = append(lines, lineAt{i, off, h.Len})
				wanted = wanted[1:]
			}
			off += int64(h.Len)
			i++
		}
	}
	return readLines(path, lines, func(l lineAt, data []byte) error {
		var h Hit
		if err := json.Unmarshal(data, &h); err != nil {
			return err
		}
		hits[l.i] = &h
		return nil
	})
}

// QuotesOf puts the quotes of the shown articles into quotes, by article.
func (r *Report) QuotesOf(shown map[string]bool, quotes map[string][]Quote) error {
	if len(shown) == 0 {
		return nil
	}
	path := r.recordPath(RecordQuotes)
	if path == "" || r.index == nil {
		return r.EachQuote(func(_ int, q *Quote) error {
			if shown[q.Article] {
				quotes[q.Article] = append(quotes[q.Article], *q)
			}
			return nil
		})
	}
	var lines []lineAt
	var spans IndexSpans
	i, off := 0, int64(0)
	for k := range r.index {
		ix, id := &r.index[k], r.Articles[k].ID
		if !shown[id] { // stepped over whole, by its index's counts
			i, off = i+ix.Counts[1], off+ix.Bytes[1]
			continue
		}
		spans.reset()
		if err := ix.Unpack(r.spans, &spans); err != nil {
			return fmt.Errorf("article %s: %w", id, err)
		}
		for _, n := range spans.QuoteLens {
			lines = append(lines, lineAt{i, off, n})
			off += int64(n)
			i++
		}
	}
	return readLines(path, lines, func(_ lineAt, data []byte) error {
		var q Quote
		if err := json.Unmarshal(data, &q); err != nil {
			return err
		}
		quotes[q.Article] = append(quotes[q.Article], q)
		return nil
	})
}

// ListedAgency is what report.md lists of the agency events: the first
// perOutlet listed events of each outlet, in corpus order, and how many
// more each has. From the index it reads only those lines.
func (r *Report) ListedAgency(perOutlet int) (map[string][]AgencyEvent, map[string]int, error) {
	shown, more := map[string][]AgencyEvent{}, map[string]int{}
	keep := func(outlet string) bool {
		if len(shown[outlet]) == perOutlet {
			more[outlet]++
			return false
		}
		return true
	}
	path := r.recordPath(RecordAgency)
	if path == "" || r.index == nil {
		err := r.EachAgency(func(_ int, e *AgencyEvent) error {
			if e.Listed() && keep(e.Outlet) {
				shown[e.Outlet] = append(shown[e.Outlet], *e)
			}
			return nil
		})
		return shown, more, err
	}
	var lines []lineAt
	var spans IndexSpans
	counted := map[string]int{}
	i, off := 0, int64(0)
	for k := range r.index {
		outlet := r.Articles[k].Outlet
		spans.reset()
		if err := r.index[k].Unpack(r.spans, &spans); err != nil {
			return nil, nil, fmt.Errorf("article %s: %w", r.Articles[k].ID, err)
		}
		for _, a := range spans.Agency {
			if a.Listed {
				if counted[outlet] < perOutlet {
					lines = append(lines, lineAt{i, off, a.Len})
				} else {
					more[outlet]++
				}
				counted[outlet]++
			}
			off += int64(a.Len)
			i++
		}
	}
	err := readLines(path, lines, func(_ lineAt, data []byte) error {
		var e AgencyEvent
		if err := json.Unmarshal(data, &e); err != nil {
			return err
		}
		shown[e.Outlet] = append(shown[e.Outlet], e)
		return nil
	})
	return shown, more, err
}

// lineAt is record i's line in a record file: its offset and length.
type lineAt struct {
	i   int
	off int64
	n   int32
}

// readLines reads lines (in file order) from path and calls fn with each.
func readLines(path string, lines []lineAt, fn func(lineAt, []byte) error) error {
	if len(lines) == 0 {
		return nil
	}
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("records: %w", err)
	}
	defer f.Close()
	var buf []byte
	for _, l := range lines {
		buf = slices.Grow(buf[:0], int(l.n))[:l.n]
		if _, err := f.ReadAt(buf, l.off); err != nil {
			return fmt.Errorf("records %s: record %d: %w", path, l.i+1, err)
		}
		if err := fn(l, buf); err != nil {
			return fmt.Errorf("records %s: record %d: %w", path, l.i+1, err)
		}
	}
	return nil
}
