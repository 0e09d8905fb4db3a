package aggregate

import (
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/framing/framing/pipeline"
	"github.com/framing/framing/reports"
)

// A partial aggregate travels between the workers of a distributed run
// (framing-beam): an Aggregator with inline records, written as
// gob — the snapshot's encoding (snapshotData) followed by the inline
// records and each file's share of them. Its key is the analyzer's
// fingerprint, so partials of different lexicons never merge.

// partialRecords are the inline records of a partial, and each file's
// share of them (fileSlot.inline, in file order).
type partialRecords struct {
	External bool // the records are in shard files (ExternalRecords)
	Inline   [][4]int
	Hits     []reports.Hit
	Quotes   []reports.Quote
	Mentions []reports.Mention
	Agency   []reports.AgencyEvent
}

// fingerprint identifies what an Analyzer scores with.
func fingerprint(a *pipeline.Analyzer) string {
	parts := []string{"framing-partial/v1", pipeline.Version, a.CueSHA256(), fmt.Sprint(a.VoiceRules().Disabled)}
	for _, l := range a.Lexicons() {
		parts = append(parts, l.SHA256)
	}
	for _, ev := range sortedKeys(a.GazetteerEvents()) {
		parts = append(parts, ev+"="+a.GazetteerHash(ev))
	}
	return strings.Join(parts, " ")
}

// WritePartial writes the aggregate for ReadPartial. Only aggregates with
// inline records travel (ErrMergeStreamed).
func (g *Aggregator) WritePartial(w io.Writer) error {
	if g.err != nil {
		return g.err
	}
	if g.records != nil || g.prev != nil {
		return ErrMergeStreamed
	}
	d := g.snapshotData(fingerprint(g.a))
	pr := partialRecords{External: g.external, Inline: make([][4]int, len(g.files)), Hits: g.hits, Quotes: g.quotes, Mentions: g.mentions, Agency: g.agency}
	for i, f := range g.files {
		pr.Inline[i] = f.inline
	}
	enc := gob.NewEncoder(w)
	return errors.Join(d.encode(enc), enc.Encode(&pr))
}

// ReadPartial reads what WritePartial wrote, for this Analyzer.
func ReadPartial(a *pipeline.Analyzer, so StatsOptions, r io.Reader) (*Aggregator, error) {
	dec := gob.NewDecoder(r)
	var d snapshotData
	if err := d.decode(dec); err != nil {
		return nil, fmt.Errorf("partial aggregate: %w", err)
	}
	if d.Key != fingerprint(a) {
		return nil, errors.New("partial aggregate: made with other lexicons, cues or gazetteers")
	}
	var pr partialRecords
	if err := dec.Decode(&pr); err != nil {
		return nil, fmt.Errorf("partial aggregate: %w", err)
	}
	if len(pr.Inline) != len(d.Files) {
		return nil, errors.New("partial aggregate: records do not match its files")
	}
	g := d.restore(a, so)
	for i, f := range g.files {
		f.inline = pr.Inline[i]
	}
	g.hits, g.quotes, g.mentions, g.agency = pr.Hits, pr.Quotes, pr.Mentions, pr.Agency
	g.external = pr.External
	return g, nil
}

// ExternalRecords makes g keep its files' records apart (a
// distributed run writes them as shard files, keyed by article, and the
// aggregates that travel hold only their index). Call it before adding.
func (g *Aggregator) ExternalRecords() { g.external = true }

// TakeRecords returns the encoded records of the file at relPath, added
// since ExternalRecords, and lets go of them.
func (g *Aggregator) TakeRecords(relPath string) *reports.EncodedRecords {
	for _, s := range g.files {
		if s.Path == relPath {
			rec := s.pending
			s.pending = nil
			return rec
		}
	}
	return nil
}

// AttachRecordShards writes the records of an aggregate made with
// ExternalRecords into records, file by file in corpus order, read by
// read (from the shard files a distributed run left); each must match the
// index the aggregate kept. Report then attaches them as a streamed run's.
func (g *Aggregator) AttachRecordShards(records *reports.RecordFiles, read func(relPath string) (*reports.EncodedRecords, error)) error {
	for _, s := range g.files {
		if !s.Accepted {
			continue
		}
		rec, err := read(s.Path)
		if err != nil {
			return fmt.Errorf("records of %s: %w", s.Path, err)
		}
		if rec.Counts != s.Index.Counts || rec.Index.Bytes != s.Index.Bytes {
			return fmt.Errorf("records of %s: the shard does not match the aggregate", s.Path)
		}
		if err := records.WriteEncoded(rec); err != nil {
			return err
		}
	}
	if err := records.Flush(); err != nil {
		return err
	}
	g.records, g.external = records, false
	return nil
}

// EncodeRecords and DecodeRecords are the shard files' format: gob.
func EncodeRecords(w io.Writer, rec *reports.EncodedRecords) error {
	return gob.NewEncoder(w).Encode(rec)
}

// DecodeRecords reads what EncodeRecords wrote.
func DecodeRecords(r io.Reader) (*reports.EncodedRecords, error) {
	var rec reports.EncodedRecords
	if err := gob.NewDecoder(r).Decode(&rec); err != nil {
		return nil, err
	}
	return &rec, nil
}
