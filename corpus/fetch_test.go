package corpus

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// articlePage is a real-looking news page: Open Graph and JSON-LD
// metadata, navigation and footer around the article.
func articlePage(charsetMeta string, body string) string {
	return `<!DOCTYPE html><html><head>` + charsetMeta + `
<title>Police fire tear gas at protesters | The Daily Example</title>
<meta property="og:site_name" content="The Daily Example">
<meta property="og:title" content="Police fire tear gas at protesters in capital">
<meta property="og:url" content="https://example.com/news/tear-gas">
<link rel="canonical" href="/news/tear-gas">
<script type="application/ld+json">{"@type":"NewsArticle","headline":"Police fire tear gas at protesters in capital","datePublished":"2024-11-26T08:00:00Z","author":{"@type":"Person","name":"A. Reporter"}}</script>
</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Police fire tear gas at protesters in capital</h1>
<p>` + body + `</p>
<p>Witnesses said the crowd was peaceful until the police moved in with batons and tear gas, and several people were taken to hospital with injuries.</p>
<p>The government said the march had been banned under an order against gatherings of more than four people, and that officers acted with restraint.</p>
</article><footer>© The Daily Example. Subscribe for more.</footer></body></html>`
}

const paragraph = "Police fired tear gas at thousands of protesters who marched on the capital on Tuesday to demand the release of the jailed opposition leader, witnesses and organisers said."

// add URL fetches the page offline from a local server: the article, its
// metadata from Open Graph and JSON-LD, the canonical URL, the charset
// from the header; redirects bounded; a slow page timed out; a huge page
// refused while reading; a paywall stub and a non-HTML answer refused.
func TestFetchPage(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/news/tear-gas", func(w http.ResponseWriter, r *http.Request) {
		if !strings.Contains(r.UserAgent(), "framing") {
			http.Error(w, "who are you", http.StatusForbidden)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, articlePage(`<meta charset="utf-8">`, paragraph))
	})
	mux.HandleFunc("/latin1", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=ISO-8859-1")
		page := articlePage("", "Caf\xe9 owners near the square said "+paragraph)
		w.Write([]byte(page))
	})
	for i := 0; i < 8; i++ {
		mux.HandleFunc(fmt.Sprintf("/hop%d", i), func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, fmt.Sprintf("/hop%d", i+1), http.StatusFound)
		})
	}
	mux.HandleFunc("/hop8", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/news/tear-gas", http.StatusFound) })
	mux.HandleFunc("/short-chain", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/news/tear-gas", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(5 * time.Second):
		case <-r.Context().Done():
		}
	})
	mux.HandleFunc("/huge", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		chunk := []byte(strings.Repeat("<p>filler text</p>", 1000))
		for i := 0; i < 1000; i++ {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	})
	mux.HandleFunc("/paywall", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, `<html><head><title>Subscribe</title></head><body><article><p>Subscribe to read this article.</p></article></body></html>`)
	})
	mux.HandleFunc("/pdf", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/pdf")
		w.Write([]byte("%PDF-1.4"))
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	ctx := context.Background()

	page, err := FetchPage(ctx, srv.URL+"/short-chain", FetchOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if page.URL != srv.URL+"/news/tear-gas" || len(page.SHA256) != 64 {
		t.Errorf("canonical URL %q, sha256 %q", page.URL, page.SHA256)
	}
	res, err := Add(t.TempDir(), AddRequest{Name: page.URL, Data: page.HTML, Format: "html", Event: "capital-march-2024", URL: page.URL}, nil)
	if err != nil {
		t.Fatal(err)
	}
	a := res.Article
	if a.Outlet != "The Daily Example" || !strings.Contains(a.Title, "Police fire tear gas") || a.Published != "2024-11-26" ||
		len(a.Authors) != 1 || !strings.Contains(a.Body, "jailed opposition leader") || strings.Contains(a.Body, "Subscribe") {
		t.Errorf("article from the page: %+v", a)
	}

	latin, err := FetchPage(ctx, srv.URL+"/latin1", FetchOptions{})
	if err != nil || !strings.Contains(string(latin.HTML), "Café owners") {
		t.Errorf("ISO-8859-1 page: %v %q", err, latin)
	}
	for _, tt := range []struct {
		path, want string
		opt        FetchOptions
	}{
		{"/hop0", "redirects", FetchOptions{}},
		{"/slow", "within", FetchOptions{Timeout: 300 * time.Millisecond}},
		{"/huge", "over the 1048576-byte limit", FetchOptions{MaxBytes: 1 << 20}},
		{"/pdf", "not an HTML page", FetchOptions{}},
		{"/missing", "404", FetchOptions{}},
	} {
		start := time.Now()
		_, err := FetchPage(ctx, srv.URL+tt.path, tt.opt)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v, want an error with %q", tt.path, err, tt.want)
		}
		if time.Since(start) > 3*time.Second {
			t.Errorf("%s took %s", tt.path, time.Since(start))
		}
	}
	stub, err := FetchPage(ctx, srv.URL+"/paywall", FetchOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Add(t.TempDir(), AddRequest{Name: "paywall", Data: stub.HTML, Format: "html", Event: "e", Outlet: "X"}, nil); err == nil || !strings.Contains(err.Error(), "paywall") {
		t.Errorf("a paywall stub: %v", err)
	}
	if _, err := FetchPage(ctx, "ftp://example.com/x", FetchOptions{}); err == nil {
		t.Error("an ftp URL was fetched")
	}
}
