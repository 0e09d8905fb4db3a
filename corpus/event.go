package corpus

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/framing/framing/internal/yamlpos"
)

// EventFile is the optional file of an event folder that describes the
// event for readers: a report shows its title instead of the folder's slug.
const EventFile = "event.yaml"

// EventInfo is what an event.yaml says about its event:
//
//	title: "PTI \"Final Call\" protest in Islamabad"
//	date: "2024-11-26"            # when it happened (YYYY-MM-DD); optional
//	description: "Supporters of Imran Khan march on Islamabad; ..."  # optional
//
// The slug stays the event's identity (folder, front matter, report.json's
// "event"); these fields only label it.
type EventInfo struct {
	Title       string `yaml:"title"`
	Date        string `yaml:"date"`
	Description string `yaml:"description"`
}

// eventFields are event.yaml's keys.
var eventFields = []string{"title", "date", "description"}

// maxEventFile bounds event.yaml: it holds three short fields.
const maxEventFile = 64 << 10

// LoadEventInfo reads <corpusDir>/<event>/event.yaml. A missing file is no
// problem (the zero EventInfo); a broken one is reported with its line and
// ignored, since a label must never stop a corpus from being analysed.
func LoadEventInfo(corpusDir, event string) (EventInfo, []*Problem) {
	path := filepath.Join(corpusDir, event, EventFile)
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return EventInfo{}, nil
	}
	if err != nil {
		return EventInfo{}, []*Problem{eventProblemf(path, 0, Error, "%v", unwrapPathError(err))}
	}
	return ParseEventInfo(path, data)
}

// ParseEventInfo parses an event.yaml's contents; path names it in problems.
func ParseEventInfo(path string, data []byte) (EventInfo, []*Problem) {
	if len(data) > maxEventFile {
		return EventInfo{}, []*Problem{eventProblemf(path, 0, Error, "%d bytes: an event.yaml holds a title, a date and a description (at most %d bytes)", len(data), maxEventFile)}
	}
	if !utf8.Valid(data) {
		i := firstInvalidUTF8(data)
		return EventInfo{}, []*Problem{eventProblemf(path, lineAt(data, i), Error, "invalid UTF-8 at offset %d (byte %#x); save the file as UTF-8", i, data[i])}
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		line, msg := yamlpos.Locate(data, err)
		return EventInfo{}, []*Problem{eventProblemf(path, line, Error, "%s", msg)}
	}
	if len(root.Content) == 0 {
		return EventInfo{}, nil
	}
	m := root.Content[0]
	if m.Kind != yaml.MappingNode {
		return EventInfo{}, []*Problem{eventProblemf(path, m.Line, Error, "want key: value lines (%s)", strings.Join(eventFields, ", "))}
	}
	var probs []*Problem
	lines := map[string]int{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k := m.Content[i]
		if !contains(eventFields, k.Value) {
			probs = append(probs, eventProblemf(path, k.Line, Warning, "unknown field %q (known: %s); it is ignored", k.Value, strings.Join(eventFields, ", ")))
		}
		lines[k.Value] = k.Line
	}
	var info EventInfo
	if err := m.Decode(&info); err != nil {
		line, msg := yamlpos.Locate(data, err)
		return EventInfo{}, append(probs, eventProblemf(path, line, Error, "%s", msg))
	}
	info.Title = strings.Join(strings.Fields(info.Title), " ")
	info.Description = strings.TrimSpace(info.Description)
	if info.Date != "" && !validDate(info.Date) {
		probs = append(probs, eventProblemf(path, lines["date"], Error, "date %q: use a date like 2024-11-26; it is ignored", info.Date))
		info.Date = ""
	}
	return info, probs
}

// MissingEventInfo is a warning when an event folder has no event.yaml:
// the report then titles the event with its slug, which is fine for a
// machine and poor for a class (nil when the file is there).
func MissingEventInfo(corpusDir, event string) *Problem {
	path := filepath.Join(corpusDir, event, EventFile)
	if _, err := os.Stat(path); !errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return eventProblemf(path, 0, Warning, "no %s: the report titles event %q with its folder's name; write a title (and a date, a description) there, in neutral words", EventFile, event)
}
