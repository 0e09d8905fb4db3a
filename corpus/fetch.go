package corpus

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"

	"golang.org/x/net/html/charset"
)

// FetchOptions bound a page fetch.
type FetchOptions struct {
	// Timeout bounds the whole fetch, redirects and body included
	// (0: DefaultFetchTimeout).
	Timeout time.Duration
	// MaxBytes bounds the page, applied while reading (0: DefaultMaxBytes).
	MaxBytes int64
	// Client, when set, is used instead of one made with the bounds above
	// (tests; a proxy).
	Client *http.Client
}

// DefaultFetchTimeout bounds a page fetch.
const DefaultFetchTimeout = 30 * time.Second

// maxRedirects bounds the redirects a fetch follows.
const maxRedirects = 5

// UserAgent says who fetches: a clear name and what for, as a polite
// crawler does.
const UserAgent = "framing (media framing analysis; fetches one page per framing add)"

// Page is a page as fetched: its final URL (after redirects), its text
// decoded to UTF-8, and the digest of the bytes as served, which the
// article records so the extraction can be audited and re-run.
type Page struct {
	URL     string
	HTML    []byte
	SHA256  string
	Fetched time.Time
}

// FetchPage fetches an article's page for add: at most maxRedirects
// redirects, the size limit applied while reading (a huge page stops one
// byte past it), the timeout on the whole exchange, the charset from the
// Content-Type header or the page's meta (decoded to UTF-8), and only
// HTML.
func FetchPage(ctx context.Context, rawURL string, opt FetchOptions) (*Page, error) {
	if opt.MaxBytes <= 0 {
		opt.MaxBytes = DefaultMaxBytes
	}
	if opt.Timeout <= 0 {
		opt.Timeout = DefaultFetchTimeout
	}
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("%s: not an http or https URL", rawURL)
	}
	client := opt.Client
	if client == nil {
		client = &http.Client{Timeout: opt.Timeout}
	}
	c := *client
	c.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if len(via) > maxRedirects {
			return fmt.Errorf("more than %d redirects", maxRedirects)
		}
		return nil
	}
	ctx, cancel := context.WithTimeout(ctx, opt.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", rawURL, err)
	}
	req.Header.Set("User-Agent", UserAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1")
	resp, err := c.Do(req)
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			return nil, fmt.Errorf("%s: no answer within %s", rawURL, opt.Timeout)
		}
		return nil, fmt.Errorf("%s: %w", rawURL, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%s: the server answered %s", rawURL, resp.Status)
	}
	ctype := resp.Header.Get("Content-Type")
	if mt, _, _ := mime.ParseMediaType(ctype); mt != "" && mt != "text/html" && mt != "application/xhtml+xml" {
		return nil, fmt.Errorf("%s: %s, not an HTML page", rawURL, mt)
	}
	raw, err := io.ReadAll(io.LimitReader(resp.Body, opt.MaxBytes+1))
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			return nil, fmt.Errorf("%s: the page did not arrive within %s", rawURL, opt.Timeout)
		}
		return nil, fmt.Errorf("%s: %w", rawURL, err)
	}
	if int64(len(raw)) > opt.MaxBytes {
		return nil, fmt.Errorf("%s: over the %d-byte limit for an article; nothing was read past it", rawURL, opt.MaxBytes)
	}
	dec, err := charset.NewReader(bytes.NewReader(raw), ctype)
	if err != nil {
		return nil, fmt.Errorf("%s: charset: %w", rawURL, err)
	}
	text, err := io.ReadAll(dec)
	if err != nil {
		return nil, fmt.Errorf("%s: decoding: %w", rawURL, err)
	}
	sum := sha256.Sum256(raw)
	final := resp.Request.URL.String()
	if c := canonicalURL(text, resp.Request.URL); c != "" {
		final = c
	}
	return &Page{URL: final, HTML: text, SHA256: fmt.Sprintf("%x", sum), Fetched: time.Now().UTC()}, nil
}

var canonicalLink = regexp.MustCompile(`(?is)<link[^>]+rel=["']?canonical["']?[^>]*>`)
var hrefAttr = regexp.MustCompile(`(?is)href=["']([^"']+)["']`)
var ogURL = regexp.MustCompile(`(?is)<meta[^>]+property=["']og:url["'][^>]*content=["']([^"']+)["']`)

// canonicalURL is the page's canonical URL (<link rel="canonical">, else
// og:url), resolved against base; "" when it names none.
func canonicalURL(html []byte, base *url.URL) string {
	var href string
	if m := canonicalLink.Find(html); m != nil {
		if h := hrefAttr.FindSubmatch(m); h != nil {
			href = string(h[1])
		}
	}
	if href == "" {
		if m := ogURL.FindSubmatch(html); m != nil {
			href = string(m[1])
		}
	}
	if href == "" {
		return ""
	}
	u, err := base.Parse(strings.TrimSpace(href))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return ""
	}
	return u.String()
}

// pageMeta is what a news page says of itself in its metadata: JSON-LD
// (schema.org NewsArticle), Open Graph and the usual meta tags.
type pageMeta struct {
	Title, Published, Outlet string
	Authors                  []string
}

var (
	ldScript = regexp.MustCompile(`(?is)<script[^>]+type=["']application/ld\+json["'][^>]*>(.*?)</script>`)
	metaTag  = regexp.MustCompile(`(?is)<meta\s[^>]*>`)
	attr     = regexp.MustCompile(`(?is)(property|name|content)\s*=\s*["']([^"']*)["']`)
)

// readPageMeta reads a page's metadata: JSON-LD first (the most precise),
// then meta tags.
func readPageMeta(html string) pageMeta {
	var m pageMeta
	for _, s := range ldScript.FindAllStringSubmatch(html, -1) {
		var v any
		if json.Unmarshal([]byte(strings.TrimSpace(s[1])), &v) == nil {
			ldWalk(v, &m)
		}
	}
	for _, tag := range metaTag.FindAllString(html, -1) {
		key, content := "", ""
		for _, a := range attr.FindAllStringSubmatch(tag, -1) {
			switch strings.ToLower(a[1]) {
			case "property", "name":
				key = strings.ToLower(a[2])
			case "content":
				content = strings.TrimSpace(a[2])
			}
		}
		switch {
		case content == "":
		case (key == "article:published_time" || key == "pubdate" || key == "date" || key == "dc.date") && m.Published == "":
			m.Published = content
		case (key == "author" || key == "article:author") && len(m.Authors) == 0 && !strings.HasPrefix(content, "http"):
			m.Authors = []string{content}
		case key == "og:site_name" && m.Outlet == "":
			m.Outlet = content
		case key == "og:title" && m.Title == "":
			m.Title = content
		}
	}
	return m
}

// ldWalk reads a JSON-LD value: an article object (NewsArticle, Article,
// ReportageNewsArticle...), a list of them, or a @graph.
func ldWalk(v any, m *pageMeta) {
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			ldWalk(e, m)
		}
	case map[string]any:
		if g, ok := x["@graph"]; ok {
			ldWalk(g, m)
		}
		t := fmt.Sprint(x["@type"])
		if !strings.Contains(t, "Article") && !strings.Contains(t, "Posting") {
			return
		}
		if s, ok := x["headline"].(string); ok && m.Title == "" {
			m.Title = s
		}
		if s, ok := x["datePublished"].(string); ok && m.Published == "" {
			m.Published = s
		}
		if len(m.Authors) == 0 {
			m.Authors = ldNames(x["author"])
		}
		if p, ok := x["publisher"].(map[string]any); ok && m.Outlet == "" {
			if s, ok := p["name"].(string); ok {
				m.Outlet = s
			}
		}
	}
}

func ldNames(v any) []string {
	switch x := v.(type) {
	case string:
		return []string{x}
	case map[string]any:
		if s, ok := x["name"].(string); ok {
			return []string{s}
		}
	case []any:
		var out []string
		for _, e := range x {
			out = append(out, ldNames(e)...)
		}
		return out
	}
	return nil
}
