package reports

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"slices"
)

// A report's per-occurrence records — hits, quotes, actor mentions, agency
// events — grow with the corpus: about 50 MB of JSON per 1,000 news
// articles. For a small corpus they are inline in report.json, where CI
// diffs them. For a large one the pipeline writes them, as they come, to
// JSON Lines files beside report.json (one record per line, in corpus
// order), and report.json's arrays stay empty: memory and report.json stay
// small however large the corpus. Records says which; a reader iterates
// either way with Report.EachHit and friends.

// Record kinds, and their file names when written apart.
const (
	RecordHits     = "hits"
	RecordQuotes   = "quotes"
	RecordMentions = "mentions"
	RecordAgency   = "agency"
)

var recordKinds = RecordKinds()

// RecordKinds lists the record kinds in the order EncodedRecords and
// RecordIndex index them.
func RecordKinds() [4]string {
	return [4]string{RecordHits, RecordQuotes, RecordMentions, RecordAgency}
}

// RecordFile is where records of a kind go when they are not inline.
func RecordFile(kind string) string { return kind + ".jsonl" }

// RecordsInfo is report.json's "records": where the per-occurrence records
// are and how many of each kind there are.
type RecordsInfo struct {
	// Inline is true when hits, quotes, mentions and agency are in
	// report.json itself; false when they are in Files.
	Inline bool `json:"inline"`
	// Files maps a kind to its JSON Lines file, relative to report.json.
	Files map[string]string `json:"files"`
	// Counts are the records of each kind, inline or not.
	Counts map[string]int `json:"counts"`
	// Bytes and CRC32C describe each file as this report.json's run wrote
	// it: its size, and its CRC-32C (Castagnoli) in hex. Readers check them
	// (VerifyRecords, EachHit and friends), so a report.json is never read
	// with record files of another run (a run killed between
	// writing hits.jsonl and report.json). Empty when inline.
	Bytes  map[string]int64  `json:"bytes,omitempty"`
	CRC32C map[string]string `json:"crc32c,omitempty"`
}

// InlineRecords describes records held in the report.
func InlineRecords(r *Report) RecordsInfo {
	return RecordsInfo{Inline: true, Files: map[string]string{}, Counts: map[string]int{
		RecordHits: len(r.Hits), RecordQuotes: len(r.Quotes), RecordMentions: len(r.Mentions), RecordAgency: len(r.Agency)}}
}

// RecordFiles writes records to JSON Lines files in a directory: first to
// temporary files, renamed into place by Commit, so an interrupted run
// leaves the previous files whole.
type RecordFiles struct {
	dir   string
	files map[string]*recordFile
	bytes [4]int64  // written by kind, to check the index AttachRecords is given
	crc   [4]uint32 // CRC-32C of what was written, by kind

	// src and copying: bytes of src's files to splice in before anything
	// else is written (see CopyArticle).
	src     *RecordSource
	copying [4]int64
	srcAt   [4]int64 // where in src's files the next copy starts
}

type recordFile struct {
	f     *os.File
	w     *bufio.Writer
	count int
}

// NewRecordFiles opens a temporary file per kind in dir.
func NewRecordFiles(dir string) (*RecordFiles, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("records: %w", err)
	}
	rf := &RecordFiles{dir: dir, files: map[string]*recordFile{}}
	for _, k := range recordKinds {
		f, err := os.CreateTemp(dir, "."+RecordFile(k)+".tmp-*")
		if err != nil {
			rf.Discard()
			return nil, fmt.Errorf("records: %w", err)
		}
		rf.files[k] = &recordFile{f: f, w: bufio.NewWriterSize(f, 1<<16)}
	}
	return rf, nil
}

// EncodedRecords are one article's records as JSON Lines, byte for byte
// what RecordFiles writes for them: the cache keeps them so, and a cached
// article's records are copied to the files, not decoded and encoded again.
type EncodedRecords struct {
	Lines  [4][]byte // by kind: hits, quotes, mentions, agency
	Counts [4]int
	Index  RecordIndex
}

// RecordIndex is where one article's records sit in the record files, and
// what the renderers' digest reads of each hit. The aggregate keeps one
// per article, so a report whose records are written apart is rendered
// without decoding hundreds of megabytes of JSON Lines: the digest's first
// pass reads the index, its second only the few lines it shows, at their
// offsets (measured at 10,000 generated articles: 1.1 CPU-seconds of JSON
// decoding before, none now).
//
// The index is held for the whole run, so its spans are packed (see
// packSpans): at 10,000 articles, 1.8 MB, 11 bytes a hit with the quotes' and
// agency events' lengths, where HitSpans alone took 72 a hit. Unpacked
// at 10,000 articles they were 13 MB of live heap, a quarter of it, and
// twice that in peak RSS (RSS at 10k articles <= 1.5x at 1k).
type RecordIndex struct {
	Spans  []byte   // packed hit spans and quote line lengths; see Unpack
	Counts [4]int   // records by kind: hits, quotes, mentions, agency
	Bytes  [4]int64 // bytes by kind
}

// castagnoli is the CRC-32C table: hardware-computed on amd64 and arm64, so
// checking a record file costs little more than reading it.
var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// HitSpan is what the digest reads of a hit, and the length of its line.
type HitSpan struct {
	Term, Category, Field string
	Start, End            int
	Len                   int32 // newline included
	Counted               bool  // Hit.Counted
}

// AgencySpan is what report.md's agency list reads of an agency event:
// whether it lists it (AgencyEvent.listed), and the length of its line.
type AgencySpan struct {
	Listed bool
	Len    int32 // newline included
}

// IndexSpans are an article's index unpacked: what the renderers read of
// its hits, quotes and agency events. Unpack appends to them, so the
// renderers reuse one for every article.
type IndexSpans struct {
	Hits      []HitSpan
	QuoteLens []int32 // each quote's line, newline included
	Agency    []AgencySpan
}

// reset empties s, keeping its arrays.
func (s *IndexSpans) reset() {
	s.Hits, s.QuoteLens, s.Agency = s.Hits[:0], s.QuoteLens[:0], s.Agency[:0]
}

// SpanTable numbers the strings hits repeat — terms, categories, fields —
// so a packed index refers to them by number. The pipeline builds it from
// the lexicons, which the cache and snapshot keys already cover, so numbers
// stored there mean the same strings when read back. A string the table
// lacks is packed literally; a nil table packs every string literally.
type SpanTable struct {
	strs []string
	ids  map[string]uint64
}

// NewSpanTable numbers strs in order, the first occurrence of each.
func NewSpanTable(strs []string) *SpanTable {
	t := &SpanTable{ids: map[string]uint64{}}
	for _, s := range strs {
		if _, ok := t.ids[s]; !ok {
			t.ids[s] = uint64(len(t.strs))
			t.strs = append(t.strs, s)
		}
	}
	return t
}

// packSpans packs an article's index: per hit, its three strings (each the
// uvarint of its number in t plus one, or 0 and the string itself), the
// varints of its start (from the previous hit's) and length, and its
// line's length times two, plus one when it is counted; then the quotes' line lengths; then per agency event its
// line's length times two, plus one when it is listed.
func packSpans(t *SpanTable, in *IndexSpans) []byte {
	hits := in.Hits
	if len(hits) == 0 && len(in.QuoteLens) == 0 && len(in.Agency) == 0 {
		return nil
	}
	b := make([]byte, 0, 8*len(hits)+2*len(in.QuoteLens)+2*len(in.Agency))
	str := func(s string) {
		if t != nil {
			if id, ok := t.ids[s]; ok {
				b = binary.AppendUvarint(b, id+1)
				return
			}
		}
		b = binary.AppendUvarint(b, 0)
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	prev := 0
	for _, h := range hits {
		str(h.Term)
		str(h.Category)
		str(h.Field)
		b = binary.AppendVarint(b, int64(h.Start-prev))
		b = binary.AppendVarint(b, int64(h.End-h.Start))
		v := uint64(h.Len) << 1
		if h.Counted {
			v |= 1
		}
		b = binary.AppendUvarint(b, v)
		prev = h.Start
	}
	for _, n := range in.QuoteLens {
		b = binary.AppendUvarint(b, uint64(n))
	}
	for _, a := range in.Agency {
		v := uint64(a.Len) << 1
		if a.Listed {
			v |= 1
		}
		b = binary.AppendUvarint(b, v)
	}
	return bytes.Clone(b) // held for the run: no spare capacity
}

// errSpans is a packed index that does not decode: a damaged cache entry
// or snapshot (both are checksummed, so this is a defect, not bad luck), or
// one packed with another table.
var errSpans = errors.New("record index: damaged spans")

// Unpack appends the index's hit spans (Counts[0] of them), quote line
// lengths (Counts[1]) and agency spans (Counts[3]) to out; t is the table
// it was packed with. Unpacking allocates nothing but literal strings
// and, the first times, out's arrays.
func (ri *RecordIndex) Unpack(t *SpanTable, out *IndexSpans) error {
	b := ri.Spans
	if len(b) == 0 {
		if ri.Counts[0] != 0 || ri.Counts[1] != 0 || ri.Counts[3] != 0 {
			return errSpans
		}
		return nil
	}
	bad := false
	uvarint := func() uint64 {
		v, n := binary.Uvarint(b)
		if n <= 0 {
			bad = true
			return 0
		}
		b = b[n:]
		return v
	}
	varint := func() int64 {
		v, n := binary.Varint(b)
		if n <= 0 {
			bad = true
			return 0
		}
		b = b[n:]
		return v
	}
	str := func() string {
		id := uvarint()
		switch {
		case bad:
			return ""
		case id > 0 && t != nil && id <= uint64(len(t.strs)):
			return t.strs[id-1]
		case id > 0:
			bad = true
			return ""
		}
		n := uvarint()
		if bad || n > uint64(len(b)) {
			bad = true
			return ""
		}
		s := string(b[:n])
		b = b[n:]
		return s
	}
	prev := 0
	for range ri.Counts[0] {
		h := HitSpan{Term: str(), Category: str(), Field: str()}
		h.Start = prev + int(varint())
		h.End = h.Start + int(varint())
		v := uvarint()
		h.Len, h.Counted = int32(v>>1), v&1 == 1
		if bad {
			return errSpans
		}
		prev = h.Start
		out.Hits = append(out.Hits, h)
	}
	for range ri.Counts[1] {
		n := int32(uvarint())
		if bad {
			return errSpans
		}
		out.QuoteLens = append(out.QuoteLens, n)
	}
	for range ri.Counts[3] {
		v := uvarint()
		if bad {
			return errSpans
		}
		out.Agency = append(out.Agency, AgencySpan{Listed: v&1 == 1, Len: int32(v >> 1)})
	}
	if bad || len(b) != 0 {
		return errSpans
	}
	return nil
}

// jsonLiner is a record that appends itself as one line of JSON
// (jsonline.go).
type jsonLiner[T any] interface {
	*T
	appendJSONLine([]byte) []byte
}

// encodeLines encodes rows as JSON Lines, calling line with each row's
// index and the length of its line.
func encodeLines[T any, P jsonLiner[T]](rows []T, line func(i int, n int)) []byte {
	var b []byte
	for i := range rows {
		before := len(b)
		b = P(&rows[i]).appendJSONLine(b)
		if i == 0 && len(rows) > 1 {
			// Room for the rest at the first line's length and a quarter
			// more: one allocation, or two, instead of one per doubling.
			b = slices.Grow(b, len(b)*(len(rows)-1)*5/4)
		}
		if line != nil {
			line(i, len(b)-before)
		}
	}
	return b
}

func decodeLines[T any](data []byte, n int) ([]T, error) {
	out := make([]T, 0, n)
	dec := json.NewDecoder(bytes.NewReader(data))
	for {
		var x T
		if err := dec.Decode(&x); err == io.EOF {
			return out, nil
		} else if err != nil {
			return nil, err
		}
		out = append(out, x)
	}
}

// EncodeRecords encodes the records of one article and indexes them,
// packing the index with t (nil: every string literally).
func EncodeRecords(t *SpanTable, hits []Hit, quotes []Quote, mentions []Mention, agency []AgencyEvent) (*EncodedRecords, error) {
	counts := [4]int{len(hits), len(quotes), len(mentions), len(agency)}
	e := &EncodedRecords{Counts: counts, Index: RecordIndex{Counts: counts}}
	in := IndexSpans{Hits: make([]HitSpan, len(hits)), QuoteLens: make([]int32, len(quotes)), Agency: make([]AgencySpan, len(agency))}
	e.Lines[0] = encodeLines(hits, func(i, n int) {
		h := &hits[i]
		in.Hits[i] = HitSpan{Term: h.Term, Category: h.Category, Field: h.Field, Start: h.Start, End: h.End, Len: int32(n), Counted: h.Counted}
	})
	e.Lines[1] = encodeLines(quotes, func(i, n int) { in.QuoteLens[i] = int32(n) })
	e.Lines[2] = encodeLines(mentions, nil)
	e.Lines[3] = encodeLines(agency, func(i, n int) { in.Agency[i] = AgencySpan{agency[i].Listed(), int32(n)} })
	e.Index.Spans = packSpans(t, &in)
	for k := range e.Lines {
		e.Index.Bytes[k] = int64(len(e.Lines[k]))
	}
	return e, nil
}

// Decode decodes the records.
func (e *EncodedRecords) Decode() (hits []Hit, quotes []Quote, mentions []Mention, agency []AgencyEvent, err error) {
	var errs [4]error
	hits, errs[0] = decodeLines[Hit](e.Lines[0], e.Counts[0])
	quotes, errs[1] = decodeLines[Quote](e.Lines[1], e.Counts[1])
	mentions, errs[2] = decodeLines[Mention](e.Lines[2], e.Counts[2])
	agency, errs[3] = decodeLines[AgencyEvent](e.Lines[3], e.Counts[3])
	return hits, quotes, mentions, agency, errors.Join(errs[:]...)
}

// WriteEncoded appends an article's encoded records.
func (rf *RecordFiles) WriteEncoded(e *EncodedRecords) error {
	if err := rf.flushCopies(); err != nil {
		return err
	}
	for k, kind := range recordKinds {
		f := rf.files[kind]
		if _, err := f.w.Write(e.Lines[k]); err != nil {
			return fmt.Errorf("records %s: %w", RecordFile(kind), err)
		}
		f.count += e.Counts[k]
		rf.bytes[k] += int64(len(e.Lines[k]))
		rf.crc[k] = crc32.Update(rf.crc[k], castagnoli, e.Lines[k])
	}
	return nil
}

// RecordSource is the record files of an earlier run, read from start to
// end by CopyArticle.
type RecordSource struct{ files [4]*os.File }

// OpenRecordSource opens the record files in dir.
func OpenRecordSource(dir string) (*RecordSource, error) {
	src := &RecordSource{}
	for k, kind := range recordKinds {
		f, err := os.Open(filepath.Join(dir, RecordFile(kind)))
		if err != nil {
			src.Close()
			return nil, fmt.Errorf("records: %w", err)
		}
		src.files[k] = f
	}
	return src, nil
}

// Close closes the files.
func (s *RecordSource) Close() {
	for _, f := range s.files {
		if f != nil {
			f.Close()
		}
	}
}

// CopyArticle appends the records of the next article of src, which idx
// describes, without decoding them: a report that grows by one article
// copies the others' records from the previous files (the kernel copies,
// with copy_file_range where it can) instead of re-encoding 250 MB of JSON
// at 10,000 articles. Articles must be copied in src's order; WriteEncoded
// calls may come between them.
func (rf *RecordFiles) CopyArticle(src *RecordSource, idx RecordIndex) error {
	if rf.src != nil && rf.src != src {
		if err := rf.flushCopies(); err != nil {
			return err
		}
	}
	if rf.src != src {
		rf.srcAt = [4]int64{}
	}
	rf.src = src
	for k, kind := range recordKinds {
		rf.copying[k] += idx.Bytes[k]
		rf.files[kind].count += idx.Counts[k]
		rf.bytes[k] += idx.Bytes[k]
	}
	return nil
}

// flushCopies copies what CopyArticle asked for.
func (rf *RecordFiles) flushCopies() error {
	for k, kind := range recordKinds {
		n := rf.copying[k]
		if n == 0 {
			continue
		}
		f := rf.files[kind]
		if err := f.w.Flush(); err != nil {
			return fmt.Errorf("records %s: %w", RecordFile(kind), err)
		}
		got, err := io.Copy(f.f, io.LimitReader(rf.src.files[k], n))
		if err == nil && got != n {
			err = fmt.Errorf("the previous file ends %d bytes early", n-got)
		}
		if err == nil {
			// The kernel copied; the checksum needs the bytes, read back
			// from the (cached) source.
			rf.crc[k], err = crcRange(rf.crc[k], rf.src.files[k], rf.srcAt[k], n)
		}
		if err != nil {
			return fmt.Errorf("records %s: copying the previous run's: %w", RecordFile(kind), err)
		}
		rf.srcAt[k] += n
		rf.copying[k] = 0
	}
	return nil
}

// crcRange extends crc with n bytes of f from off.
func crcRange(crc uint32, f *os.File, off, n int64) (uint32, error) {
	buf := make([]byte, 1<<20)
	for n > 0 {
		m, err := f.ReadAt(buf[:min(int64(len(buf)), n)], off)
		crc = crc32.Update(crc, castagnoli, buf[:m])
		off, n = off+int64(m), n-int64(m)
		if err != nil && n > 0 {
			return crc, err
		}
	}
	return crc, nil
}

// Info describes the records written so far. The sizes and checksums are
// final once Flush has run (Commit flushes first).
func (rf *RecordFiles) Info() RecordsInfo {
	info := RecordsInfo{Files: map[string]string{}, Counts: map[string]int{}, Bytes: map[string]int64{}, CRC32C: map[string]string{}}
	for k, kind := range recordKinds {
		info.Files[kind] = RecordFile(kind)
		info.Counts[kind] = rf.files[kind].count
		info.Bytes[kind] = rf.bytes[k]
		info.CRC32C[kind] = fmt.Sprintf("%08x", rf.crc[k])
	}
	return info
}

// Flush writes buffered records to the temporary files, so they can be read.
func (rf *RecordFiles) Flush() error {
	if err := rf.flushCopies(); err != nil {
		return err
	}
	for _, k := range recordKinds {
		if err := rf.files[k].w.Flush(); err != nil {
			return fmt.Errorf("records %s: %w", RecordFile(k), err)
		}
	}
	return nil
}

// path is where records of a kind can be read now.
func (rf *RecordFiles) path(kind string) string { return rf.files[kind].f.Name() }

// Commit flushes, syncs and renames every file into place, returning the
// paths written and the files' final description (sizes and checksums
// included, which need every copy made).
func (rf *RecordFiles) Commit() ([]string, RecordsInfo, error) {
	if err := rf.Flush(); err != nil {
		return nil, RecordsInfo{}, err
	}
	info := rf.Info()
	var paths []string
	for _, k := range recordKinds {
		f := rf.files[k]
		if err := f.f.Sync(); err != nil {
			return paths, info, fmt.Errorf("records %s: %w", RecordFile(k), err)
		}
		if err := f.f.Close(); err != nil {
			return paths, info, fmt.Errorf("records %s: %w", RecordFile(k), err)
		}
		if err := os.Chmod(f.f.Name(), 0o644); err != nil {
			return paths, info, fmt.Errorf("records %s: %w", RecordFile(k), err)
		}
		dst := filepath.Join(rf.dir, RecordFile(k))
		if err := os.Rename(f.f.Name(), dst); err != nil {
			return paths, info, fmt.Errorf("records %s: %w", RecordFile(k), err)
		}
		paths = append(paths, dst)
	}
	rf.files = nil
	return paths, info, nil
}

// Discard removes the temporary files (after a failed or cancelled run).
func (rf *RecordFiles) Discard() {
	for _, f := range rf.files {
		f.f.Close()
		os.Remove(f.f.Name())
	}
	rf.files = nil
}

// AttachRecords makes r read its records from rf (before Commit: the
// temporary files) and describes them in r.Records. index is the
// RecordIndex of each of r.Articles, in order (the order their records
// were written), packed with t. The writer passes it because it keeps one
// per article anyway (the pipeline's aggregate, in its per-file slots):
// RecordFiles keeping a second copy for the whole run was 1.3 MB of live
// heap at 10,000 articles. An index that does not add up to what rf wrote
// is an error, not a report that quotes the wrong lines.
func (r *Report) AttachRecords(rf *RecordFiles, index []RecordIndex, t *SpanTable) error {
	if len(index) != len(r.Articles) {
		return fmt.Errorf("records: an index of %d articles for a report of %d", len(index), len(r.Articles))
	}
	var counts [4]int
	var bytes [4]int64
	for i := range index {
		for k := range counts {
			counts[k] += index[i].Counts[k]
			bytes[k] += index[i].Bytes[k]
		}
	}
	for k, kind := range recordKinds {
		if counts[k] != rf.files[kind].count || bytes[k] != rf.bytes[k] {
			return fmt.Errorf("records %s: the index has %d records in %d bytes, the file %d in %d",
				RecordFile(kind), counts[k], bytes[k], rf.files[kind].count, rf.bytes[k])
		}
	}
	r.Records = rf.Info()
	r.records = rf
	r.index, r.spans = index, t
	return nil
}

// CommitRecords commits the record files of a report whose records were
// written apart (AttachRecords) into dir, before the report that names them
// is written. It reports whether there were any, and their paths; on error
// the files are discarded.
func (r *Report) CommitRecords(dir string) (paths []string, committed bool, err error) {
	if r.records == nil {
		return nil, false, nil
	}
	paths, info, err := r.records.Commit()
	if err != nil {
		r.records.Discard()
		return nil, false, err
	}
	r.recordDir, r.records, r.Records = dir, nil, info
	return paths, true, nil
}

// ReadJSONFile reads a report.json and, when its records are in JSON Lines
// files, remembers their directory so EachHit and friends find them.
func ReadJSONFile(path string) (*Report, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r, err := ReadJSON(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	r.recordDir = filepath.Dir(path)
	for _, kind := range recordKinds {
		if p := r.recordPath(kind); p != "" {
			if err := r.checkSize(kind, p); err != nil {
				return nil, err
			}
		}
	}
	return r, nil
}

// ErrRecordsMismatch is the error of reading a report.json with record
// files that are not the ones it was written with.
var ErrRecordsMismatch = errors.New("the record files are not the ones this report.json was written with (a run was interrupted between them): run framing report again")

// checkRecord compares what was read of a kind's file with what report.json
// says of it: size and CRC-32C. A report.json without them (written before
// they were recorded) is taken on trust.
func (r *Report) checkRecord(kind, path string, size int64, crc uint32) error {
	want, ok := r.Records.CRC32C[kind]
	if !ok || r.records != nil {
		return nil
	}
	if got := fmt.Sprintf("%08x", crc); size != r.Records.Bytes[kind] || got != want {
		return fmt.Errorf("records %s: %d bytes, CRC-32C %s; report.json says %d bytes, %s: %w",
			path, size, got, r.Records.Bytes[kind], want, ErrRecordsMismatch)
	}
	return nil
}

// checkSize is the cheap half of checkRecord, before reading: the size.
func (r *Report) checkSize(kind, path string) error {
	if _, ok := r.Records.CRC32C[kind]; !ok || r.records != nil {
		return nil
	}
	st, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("records: %w", err)
	}
	if st.Size() != r.Records.Bytes[kind] {
		return fmt.Errorf("records %s: %d bytes; report.json says %d: %w", path, st.Size(), r.Records.Bytes[kind], ErrRecordsMismatch)
	}
	return nil
}

// VerifyRecords reads every record file a report.json names and checks it
// is the one the report was written with (size and CRC-32C), before
// anything is read from it. ReadJSONFile checks sizes; EachHit and the
// other readers check checksums as they read, and fail at the end.
func (r *Report) VerifyRecords() error {
	for _, kind := range recordKinds {
		path := r.recordPath(kind)
		if path == "" {
			continue
		}
		f, err := os.Open(path)
		if err != nil {
			return fmt.Errorf("records: %w", err)
		}
		h := crc32.New(castagnoli)
		n, err := io.Copy(h, f)
		f.Close()
		if err != nil {
			return fmt.Errorf("records %s: %w", path, err)
		}
		if err := r.checkRecord(kind, path, n, h.Sum32()); err != nil {
			return err
		}
	}
	return nil
}

// recordPath is the file records of a kind are read from, "" when inline.
func (r *Report) recordPath(kind string) string {
	if r.Records.Inline || r.Records.Files == nil {
		return ""
	}
	if r.records != nil && r.records.files != nil {
		return r.records.path(kind)
	}
	if name := r.Records.Files[kind]; name != "" {
		return filepath.Join(r.recordDir, name)
	}
	return ""
}

// errStop ends an iteration early without an error.
var errStop = errors.New("stop")

func each[T any](r *Report, kind string, inline []T, fn func(i int, x *T) error) error {
	path := r.recordPath(kind)
	if path == "" {
		for i := range inline {
			if err := fn(i, &inline[i]); err != nil {
				return ignoreStop(err)
			}
		}
		return nil
	}
	if err := r.checkSize(kind, path); err != nil {
		return err
	}
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("records: %w", err)
	}
	defer f.Close()
	h := crc32.New(castagnoli)
	cr := &countingReader{r: io.TeeReader(f, h)}
	dec := json.NewDecoder(bufio.NewReaderSize(cr, 1<<16))
	for i := 0; ; i++ {
		var x T
		if err := dec.Decode(&x); err == io.EOF {
			return r.checkRecord(kind, path, cr.n, h.Sum32())
		} else if err != nil {
			if cerr := r.checkRecord(kind, path, cr.n, h.Sum32()); cerr != nil && errors.Is(err, io.ErrUnexpectedEOF) {
				return cerr
			}
			return fmt.Errorf("records %s: record %d: %w", path, i+1, err)
		}
		if err := fn(i, &x); err != nil {
			return ignoreStop(err)
		}
	}
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

func ignoreStop(err error) error {
	if errors.Is(err, errStop) {
		return nil
	}
	return err
}

// eachLine calls fn with every record of a kind written apart, as its raw
// JSON line. It reports false, calling nothing, when the records are inline.
func (r *Report) eachLine(kind string, fn func(i int, line []byte) error) (bool, error) {
	path := r.recordPath(kind)
	if path == "" {
		return false, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return true, fmt.Errorf("records: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<16), 64<<20)
	for i := 0; sc.Scan(); i++ {
		if err := fn(i, sc.Bytes()); err != nil {
			return true, ignoreStop(err)
		}
	}
	if err := sc.Err(); err != nil {
		return true, fmt.Errorf("records %s: %w", path, err)
	}
	return true, nil
}

// EachHit calls fn with every hit, in order, with its index (its position
// in report.json's hits, or its line in hits.jsonl, from 0).
func (r *Report) EachHit(fn func(i int, h *Hit) error) error { return each(r, RecordHits, r.Hits, fn) }

// EachQuote calls fn with every quote, in order.
func (r *Report) EachQuote(fn func(i int, q *Quote) error) error {
	return each(r, RecordQuotes, r.Quotes, fn)
}

// EachAgency calls fn with every agency event, in order.
func (r *Report) EachAgency(fn func(i int, a *AgencyEvent) error) error {
	return each(r, RecordAgency, r.Agency, fn)
}

// HitCount is the number of hits, inline or not.
func (r *Report) HitCount() int { return r.recordCount(RecordHits, len(r.Hits)) }

// QuoteCount is the number of quotations, inline or not.
func (r *Report) QuoteCount() int { return r.recordCount(RecordQuotes, len(r.Quotes)) }

func (r *Report) recordCount(kind string, inline int) int {
	if r.Records.Counts != nil && !r.Records.Inline {
		return r.Records.Counts[kind]
	}
	return inline
}

// FileCRC32C is the CRC-32C of a file's bytes, as report.json writes it
// (eight hex digits).
func FileCRC32C(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := crc32.New(castagnoli)
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return fmt.Sprintf("%08x", h.Sum32()), nil
}
