package aggregate

import (
	"errors"
	"fmt"

	"github.com/framing/framing/internal/stats"
	"github.com/framing/framing/reports"
)

// Merging aggregates: a corpus split into shards, each
// aggregated apart — on other cores, other machines, a Beam worker — and
// merged, gives the report a single run gives, byte for byte, whatever the
// split and whatever the order the shards are merged in
// (TestShardsMergeIntoTheWholeRun).
//
// That holds because nothing in an aggregate depends on the order files
// arrive in: everything order-dependent is keyed by the file's path, which
// is its place in the corpus order (corpus.List sorts paths) — the
// bootstrap's sentence order, which of equally loaded sentences comes
// first, which article a speaker's, actor's or unlinked name's details come
// from, the order of articles and records, and the order floating-point
// weights are summed in (Report sums them file by file). A merge therefore
// interleaves the shards' files by path and adds their sums; the
// order-dependent parts are rebuilt in the merged order.
//
// Two limits, both checked: the shards' records must be inline (records ==
// nil) or kept apart (ExternalRecords: shard files keyed by article, which
// AttachRecordShards streams into the report's record files after the
// merge), and no article id may be in two shards — a
// single run would skip the later file and its sums cannot be taken back
// (ids are unique in a valid corpus; framing check says when they are not).

// ErrMergeStreamed is Merge's refusal of aggregates that stream records.
var ErrMergeStreamed = errors.New("pipeline: only aggregates with inline records merge")

// Merge adds o's files to g, as if g had been given them too. o must come
// from the same Analyzer and is not usable afterwards.
func (g *Aggregator) Merge(o *Aggregator) error {
	switch {
	case g.err != nil:
		return g.err
	case o.err != nil:
		return o.err
	case g.a != o.a:
		return errors.New("pipeline: merging aggregates of different analyzers (lexicons, cues, gazetteers)")
	case g.records != nil || o.records != nil || g.prev != nil || o.prev != nil:
		return ErrMergeStreamed
	case g.external != o.external:
		return errors.New("pipeline: merging an aggregate whose records are apart with one whose records are inline")
	}
	for id, p := range o.idOwner {
		if q, ok := g.idOwner[id]; ok {
			return fmt.Errorf("pipeline: article id %q in both shards (%s and %s): aggregate them together", id, q, p)
		}
	}

	// The files, interleaved by path, and each one's inline records with it.
	type source struct {
		agg  *Aggregator
		slot *fileSlot
		recs [4]int // where its records start in its aggregate's slices
	}
	var merged []source
	at := [2][4]int{}
	i, j := 0, 0
	for i < len(g.files) || j < len(o.files) {
		var s source
		switch {
		case j == len(o.files) || i < len(g.files) && g.files[i].Path < o.files[j].Path:
			s = source{g, g.files[i], at[0]}
			i++
		case i == len(g.files) || o.files[j].Path < g.files[i].Path:
			s = source{o, o.files[j], at[1]}
			j++
		default:
			return fmt.Errorf("pipeline: %s in both shards", g.files[i].Path)
		}
		k := 0
		if s.agg == o {
			k = 1
		}
		for r := range at[k] {
			at[k][r] += s.slot.inline[r]
		}
		merged = append(merged, s)
	}
	var hits []reports.Hit
	var quotes []reports.Quote
	var mentions []reports.Mention
	var agency []reports.AgencyEvent
	files := make([]*fileSlot, len(merged))
	for k, s := range merged {
		files[k] = s.slot
		n := s.slot.inline
		hits = append(hits, s.agg.hits[s.recs[0]:s.recs[0]+n[0]]...)
		quotes = append(quotes, s.agg.quotes[s.recs[1]:s.recs[1]+n[1]]...)
		mentions = append(mentions, s.agg.mentions[s.recs[2]:s.recs[2]+n[2]]...)
		agency = append(agency, s.agg.agency[s.recs[3]:s.recs[3]+n[3]]...)
	}

	// The bootstrap's counted sentences, outlet by outlet in the merged
	// file order, cut from the shard each file was in.
	wholeSamples := map[string]*stats.Samples{}
	counted := map[*Aggregator]map[string]int{g: {}, o: {}}
	for _, s := range merged {
		if !s.slot.Accepted {
			continue
		}
		outlet := s.slot.Article.Outlet
		out := wholeSamples[outlet]
		if out == nil {
			out = &stats.Samples{}
			wholeSamples[outlet] = out
		}
		from := counted[s.agg][outlet]
		out.AppendCounted(&s.agg.groups[groupKey{"", outlet}].samples, from, from+s.slot.Counted)
		counted[s.agg][outlet] = from + s.slot.Counted
	}

	for key, os := range o.groups {
		if gs := g.groups[key]; gs != nil {
			gs.merge(os)
		} else {
			g.groups[key] = os
		}
	}
	for outlet, s := range wholeSamples {
		whole := g.groups[groupKey{"", outlet}]
		s.AddZero(&whole.samples) // the count-free sentences: merge already added o's
		whole.samples = *s
	}

	for id, p := range o.idOwner {
		g.idOwner[id] = p
	}
	for ev := range o.events {
		g.events[ev] = true
	}
	for id, info := range o.actors {
		if from, ok := g.actorFrom[id]; !ok || o.actorFrom[id] < from {
			g.actors[id], g.actorFrom[id] = info, o.actorFrom[id]
		}
	}
	for text, u := range o.unlinked {
		x := g.unlinked[text]
		if x == nil {
			g.unlinked[text] = u
			continue
		}
		if u.from < x.from {
			count, articles := x.Count, x.Articles
			x.UnlinkedEntity, x.from = u.UnlinkedEntity, u.from
			x.Count, x.Articles = count, articles
		}
		x.Count += u.Count
		x.Articles += u.Articles
		for l, n := range u.labels {
			x.labels[l] += n
		}
		for e, n := range u.events {
			x.events[e] += n
		}
	}
	g.files, g.hits, g.quotes, g.mentions, g.agency = files, hits, quotes, mentions, agency
	*o = Aggregator{err: errors.New("pipeline: aggregate merged into another")}
	return nil
}

// merge adds o's counts to s: the outlet's sums over two sets of files.
// Samples: only the count-free sentences (the counted ones are in corpus
// order, which Merge rebuilds).
func (s *outletSum) merge(o *outletSum) {
	s.articles += o.articles
	s.tokens += o.tokens
	s.sentences += o.sentences
	s.covered += o.covered
	s.agentless += o.agentless
	s.addCounts(o.catVoice, o.loaded, o.verbs)
	for name, sp := range o.speakers {
		s.addSpeaker(name, sp, o.speakerFrom[name])
	}
	s.addVocabulary(o.actors, o.stems, o.terms)
	for f, n := range o.forms {
		s.forms[f] += n
	}
	s.samples.AddZero(&o.samples)
	// The top sentences: o's, each from its own article, merged in by the
	// same order addTop keeps (loadedness, score, then path).
	for k := range o.top {
		s.addTop(o.top[k:k+1], o.topFrom[k])
	}
}
