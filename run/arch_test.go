package run

import (
	"encoding/json"
	"os/exec"
	"strings"
	"testing"
)

const module = "github.com/framing/framing/"

// The packages follow the real dependencies (docs/ARCHITECTURE.md): no
// package reaches into a sibling's child (internal/ is shared by all), and
// the analysis links no renderer: neither pipeline nor aggregate, nor what
// they import, pulls in render, gonum/plot or parquet-go.
func TestPackageDependencies(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	out, err := exec.Command("go", "list", "-json", "-deps=false", "../...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	dec := json.NewDecoder(strings.NewReader(string(out)))
	n := 0
	for dec.More() {
		var p struct {
			ImportPath string
			Imports    []string
		}
		if err := dec.Decode(&p); err != nil {
			t.Fatal(err)
		}
		n++
		from := strings.TrimPrefix(p.ImportPath, module)
		for _, imp := range p.Imports {
			if !strings.HasPrefix(imp, module) {
				continue
			}
			to := strings.TrimPrefix(imp, module)
			if strings.HasPrefix(to, "internal/") || !strings.Contains(to, "/") {
				continue
			}
			parent := to[:strings.LastIndex(to, "/")]
			if from != parent && !strings.HasPrefix(from, parent+"/") {
				t.Errorf("%s imports %s: a child of %s, which is not its own", from, to, parent)
			}
		}
	}
	if n < 15 {
		t.Fatalf("go list found %d packages", n)
	}
	for _, pkg := range []string{"pipeline", "aggregate", "evaluate", "model"} {
		deps, err := exec.Command("go", "list", "-deps", "../"+pkg).Output()
		if err != nil {
			t.Fatalf("go list -deps %s: %v", pkg, err)
		}
		for _, d := range strings.Fields(string(deps)) {
			if d == module+"render" || strings.HasPrefix(d, "gonum.org/v1/plot") || strings.HasPrefix(d, "github.com/parquet-go/") {
				t.Errorf("%s links %s: analysis code links no renderer", pkg, d)
			}
		}
	}
}
