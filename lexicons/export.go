package lexicons

import (
	"bytes"
	"fmt"
	"io"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/framing/framing/internal/tokenize"
)

// Exporting a lexicon lets a researcher check framing's counts
// in the tools of the field: LIWC (.dic) and quanteda (a YAML dictionary,
// dictionary(file = ..., format = "YAML")). Both know words, phrases and
// wildcards only, so each entry becomes the patterns that match what
// framing matches, as nearly as the format allows:
//
//   - an exact entry that inflects ("claim") becomes the word and the
//     forms framing matches for it ("claims", "claimed", "claiming"; LIWC
//     and quanteda have no parts of speech, so the forms match whatever
//     their tag, and a form that is no word — "slaughterhoused" — is listed
//     and never met; comparatives are left out, as they would be offered
//     for every noun), a phrase the product of its words' forms (at most
//     maxExportForms patterns, else as written);
//   - an exact entry that does not inflect, and a prefix entry ("massacr*"),
//     as written;
//   - a stem entry as its stem and a wildcard ("massacre" → "massacr*"),
//     which also matches longer words that share the stem's letters;
//   - a suffix entry ("*-wing") as written in quanteda's glob; LIWC has no
//     leading wildcard, so the .dic leaves it out;
//   - an exclusion, which neither format has, is left out.
//
// Weights and polarity are not carried. What was approximated or left out
// is returned as warnings, one per kind, with a count.

// maxExportForms caps the patterns one phrase expands to.
const maxExportForms = 32

// exportPattern is one pattern of an exported category.
type exportPattern struct {
	text string
	cats []string // category names in the export
}

// exportNames names a category in an export: when one lexicon is exported,
// its name as the source dictionary wrote it (an imported category's label,
// "care.virtue") or its local id; else "lexicon_category" (LIWC names are
// single words).
func exportNames(lexs []*Lexicon) map[*Category]string {
	out := map[*Category]string{}
	for _, l := range lexs {
		for _, c := range l.Categories {
			if len(lexs) == 1 {
				out[c] = c.Local
				if imported(l) && c.Label != "" && !strings.ContainsAny(c.Label, "\t\n\r") {
					out[c] = c.Label
				}
			} else {
				out[c] = strings.ReplaceAll(c.ID, "/", "_")
			}
		}
	}
	return out
}

// exportPatterns lists, per lexicon in order, the patterns of its entries
// and the categories of each, and the warnings. dic: LIWC's rules (no
// leading wildcard).
func exportPatterns(lexs []*Lexicon, names map[*Category]string, dic bool) ([]exportPattern, []string) {
	var (
		order    []string
		cats     = map[string][]string{}
		stemmed  int
		suffixes int
		excluded int
		asIs     int
	)
	add := func(p string, cs []*Category) {
		if _, ok := cats[p]; !ok {
			order = append(order, p)
		}
		for _, c := range cs {
			if n := names[c]; !contains(cats[p], n) {
				cats[p] = append(cats[p], n)
			}
		}
	}
	for _, l := range lexs {
		listed, _ := curated(l.Entries)
		for _, e := range l.Entries {
			switch {
			case e.Exclude:
				excluded++
			case e.Mode == Suffix && dic:
				suffixes++
			case e.Mode == StemM:
				words := strings.Fields(e.Term)
				for i, w := range words {
					words[i] = tokenize.Stem(tokenize.Fold(w)) + "*"
				}
				add(strings.Join(words, " "), e.Categories)
				stemmed++
			case e.Inflects():
				forms := [][]string{}
				n := 1
				for k, w := range e.words {
					fs := []string{w}
					if !listed[curatedKey(e.words, k)] {
						for f, class := range entryForms(w) {
							// Comparatives ("slaughterhouser") are for
							// adjectives: without a tag they would be
							// offered for every noun and verb.
							if class&^erForm != 0 {
								fs = append(fs, f)
							}
						}
						sort.Strings(fs[1:])
					}
					forms = append(forms, fs)
					n *= len(fs)
				}
				if n > maxExportForms {
					add(e.Term, e.Categories)
					asIs++
					continue
				}
				for _, p := range product(forms) {
					add(p, e.Categories)
				}
			default:
				add(e.Term, e.Categories)
			}
		}
	}
	var warns []string
	if stemmed > 0 {
		warns = append(warns, fmt.Sprintf("%d stem entries exported as stem + wildcard (massacre → massacr*): they also match longer words sharing those letters", stemmed))
	}
	if suffixes > 0 {
		warns = append(warns, fmt.Sprintf("%d suffix entries (*-wing) left out: LIWC has no leading wildcard", suffixes))
	}
	if excluded > 0 {
		warns = append(warns, fmt.Sprintf("%d exclusions left out: the format has none, so phrases framing excludes (charged with terrorism) count there", excluded))
	}
	if asIs > 0 {
		warns = append(warns, fmt.Sprintf("%d phrases with more than %d inflected forms exported as written only", asIs, maxExportForms))
	}
	warns = append(warns, "weights and polarity are not carried; parts of speech neither (an inflected form matches whatever its tag)")
	out := make([]exportPattern, len(order))
	for i, p := range order {
		out[i] = exportPattern{p, cats[p]}
	}
	return out, warns
}

// product is every phrase made of one form per word, in order.
func product(forms [][]string) []string {
	out := []string{""}
	for _, fs := range forms {
		var next []string
		for _, prefix := range out {
			for _, f := range fs {
				if prefix == "" {
					next = append(next, f)
				} else {
					next = append(next, prefix+" "+f)
				}
			}
		}
		out = next
	}
	return out
}

// ExportDic writes lexs as one LIWC dictionary: the legend of categories,
// then a line per pattern with its categories' numbers, tab-separated
// (multiword patterns keep their spaces; LIWC-22 and quanteda read them).
func ExportDic(w io.Writer, lexs []*Lexicon) ([]string, error) {
	names := exportNames(lexs)
	num := map[string]int{}
	var b bytes.Buffer
	b.WriteString("%\n")
	ids := map[string]string{}
	for _, l := range lexs {
		for _, c := range l.Categories {
			num[names[c]] = len(num) + 1
			id := fmt.Sprint(num[names[c]])
			if len(lexs) == 1 && c.SourceID != "" && isDicID(c.SourceID) {
				id = c.SourceID // the number as the source .dic wrote it ("01")
			}
			ids[names[c]] = id
			fmt.Fprintf(&b, "%s\t%s\n", id, names[c])
		}
	}
	b.WriteString("%\n")
	patterns, warns := exportPatterns(lexs, names, true)
	for _, p := range patterns {
		b.WriteString(p.text)
		for _, c := range p.cats {
			fmt.Fprintf(&b, "\t%s", ids[c])
		}
		b.WriteString("\n")
	}
	_, err := w.Write(b.Bytes())
	return warns, err
}

// ExportQuanteda writes lexs as a quanteda YAML dictionary: a key per
// category (nested under its lexicon's name when several are exported),
// each a list of glob patterns.
func ExportQuanteda(w io.Writer, lexs []*Lexicon) ([]string, error) {
	names := exportNames(lexs)
	patterns, warns := exportPatterns(lexs, names, false)
	byCat := map[string][]string{}
	for _, p := range patterns {
		for _, c := range p.cats {
			byCat[c] = append(byCat[c], p.text)
		}
	}
	mapping := func() *yaml.Node { return &yaml.Node{Kind: yaml.MappingNode} }
	str := func(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Value: s} }
	root := mapping()
	for _, l := range lexs {
		parent := root
		if len(lexs) > 1 {
			parent = mapping()
			root.Content = append(root.Content, str(l.Name), parent)
		}
		for _, c := range l.Categories {
			list := &yaml.Node{Kind: yaml.SequenceNode}
			for _, p := range byCat[names[c]] {
				list.Content = append(list.Content, str(p))
			}
			key := names[c]
			parent.Content = append(parent.Content, str(key), list)
		}
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "# quanteda dictionary exported by framing from %s\n", lexiconList(lexs))
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(&yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{root}}); err != nil {
		return nil, err
	}
	enc.Close()
	_, err := w.Write(b.Bytes())
	return warns, err
}

func lexiconList(lexs []*Lexicon) string {
	var parts []string
	for _, l := range lexs {
		parts = append(parts, fmt.Sprintf("%s %s (sha256 %.12s)", l.Name, l.Version, l.SHA256))
	}
	return strings.Join(parts, ", ")
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// imported reports whether a lexicon was converted from another tool's
// dictionary (framing lexicon import, a quanteda YAML): its categories'
// labels are the names as that tool wrote them.
func imported(l *Lexicon) bool { return l.Version == "imported" }
