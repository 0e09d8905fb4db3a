package reports

import (
	"slices"
	"testing"
)

func TestContractBreaks(t *testing.T) {
	old := `{"schema": "framing.report/v1", "outlets": [{"outlet": "A", "categories": {"x/a": {"hits": 1}}, "ci": {"x/a": [0, 1]}, "rate": 1.5}],
		"pca": null, "events": []}`
	for _, tc := range []struct {
		name, new string
		want      []string
	}{
		{"same", old, nil},
		{"a category gone, another new: data, not fields", `{"schema": "framing.report/v1", "outlets": [{"outlet": "A", "categories": {"y/b": {"hits": 1}}, "ci": {}, "rate": 2}], "pca": null, "events": []}`, nil},
		{"a field added", `{"schema": "framing.report/v1", "outlets": [{"outlet": "A", "categories": {"x/a": {"hits": 1}}, "ci": {"x/a": [0, 1]}, "rate": 1.5, "new": true}], "pca": null, "events": []}`, nil},
		{"null where there was an object", `{"schema": "framing.report/v1", "outlets": [{"outlet": "A", "categories": {"x/a": {"hits": 1}}, "ci": {"x/a": [0, 1]}, "rate": null}], "pca": {"a": 1}, "events": []}`, nil},
		{"a field gone", `{"schema": "framing.report/v1", "outlets": [{"outlet": "A", "categories": {"x/a": {"hits": 1}}, "ci": {"x/a": [0, 1]}}], "pca": null, "events": []}`, []string{"outlets[].rate: gone"}},
		{"retyped", `{"schema": "framing.report/v1", "outlets": [{"outlet": "A", "categories": {"x/a": {"hits": "1"}}, "ci": {"x/a": [0, 1]}, "rate": 1}], "pca": null, "events": []}`, []string{"outlets[].categories{}.hits: number → string"}},
		{"schema", `{"schema": "framing.report/v2", "outlets": [{"outlet": "A", "categories": {"x/a": {"hits": 1}}, "ci": {"x/a": [0, 1]}, "rate": 1}], "pca": null, "events": []}`, []string{"schema: framing.report/v1 → framing.report/v2"}},
	} {
		got, err := contractBreaks([]byte(old), []byte(tc.new))
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, tc.want) && !(len(got) == 0 && len(tc.want) == 0) {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}
