package pgstore_test

import (
	"context"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/suggest"
	"github.com/disclose-sar/disclose/internal/web"
	"github.com/disclose-sar/disclose/internal/web/pgstore"
	"github.com/disclose-sar/disclose/internal/workflow"
)

// TestOneCountOfWhatIsLeft: on a request with a merged suggestion (Also),
// a duplicate document with suggestions of its own, a decided suggestion
// and an officer's own redaction, the dashboard, the request page, the
// document list, the review screen (the request's line and the sum of its
// per-document counts) and the bundle check all give the same number of
// undecided suggestions.
func TestOneCountOfWhatIsLeft(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, nil)
	const letter = "Letter to the school. Drax Destroyer may not collect Peter. Ref 4417."
	docs := []record.Document{
		{ID: "doc-letter", Location: "mail", Path: "letter.txt", Format: record.FormatText, Title: "Letter", Pages: 2, Text: letter},
		{ID: "doc-letter-copy", Location: "mail", Path: "copy/letter.txt", Format: record.FormatText, Title: "Letter", Pages: 2,
			Text: letter, DuplicateOf: "doc-letter"},
	}
	if _, err := e.db.SaveDocuments(ctx, e.reqID, docs); err != nil {
		t.Fatal(err)
	}
	at := func(docID, text string) suggest.Suggestion {
		i := strings.Index(letter, text)
		return suggest.Suggestion{ID: docID + "-" + strconv.Itoa(i), DocID: docID, Start: i, End: i + len(text), Scope: suggest.ScopeSpan,
			Text: text, RuleID: "tp.name", Category: "third_party_name", Code: "TP", Action: suggest.ActionRedact}
	}
	merged := at("doc-letter", "Drax Destroyer")
	merged.PersonKey, merged.PersonLabel = "drax", "Neighbour A"
	merged.Also = []suggest.Reason{{Start: merged.Start, End: merged.Start + 4, Text: "Drax", RuleID: "tp.given", Category: "third_party_name", Code: "TP"}}
	sugs := []suggest.Suggestion{merged, at("doc-letter", "Ref 4417"), at("doc-letter-copy", "Drax Destroyer"), at("doc-letter-copy", "Ref 4417")}
	if err := e.db.SaveSuggestions(ctx, e.reqID, sugs); err != nil {
		t.Fatal(err)
	}
	st := pgstore.New(e.db, nil)
	u := e.users[string(workflow.RoleIGOfficer)].user
	items, err := st.Suggestions(ctx, e.reqID, e.docKey)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Decide(ctx, u, e.reqID, web.DecisionInput{SuggestionID: items[0].ID, DocID: e.docKey, Version: items[0].Version,
		DecisionInput: workflow.DecisionInput{Kind: workflow.DecisionAccept}}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Decide(ctx, u, e.reqID, web.DecisionInput{DocID: "doc-letter", AppliesTo: web.AppliesDocument,
		DecisionInput: workflow.DecisionInput{Kind: workflow.DecisionRedact, Start: 0, End: 6, Code: "TP", Reason: "by hand"}}); err != nil {
		t.Fatal(err)
	}

	p, err := e.db.Progress(ctx, e.reqID)
	if err != nil {
		t.Fatal(err)
	}
	// doc-visit: 2 suggestions, 1 decided; doc-letter: the merged one and
	// the reference, none decided; the duplicate's two do not count.
	want := 3
	if got := p.Suggestions - p.Decided; got != want || p.Suggestions != 4 {
		t.Fatalf("Progress = %+v; want 4 suggestions, %d left", p, want)
	}
	c := e.login(string(workflow.RoleIGOfficer))
	page := func(path string) string {
		t.Helper()
		res, body := c.do("GET", path, nil, nil)
		if res.StatusCode != 200 {
			t.Fatalf("GET %s = %d", path, res.StatusCode)
		}
		return body
	}
	reqPath := "/requests/" + itoa64(e.reqID)
	counts := map[string]int{
		"dashboard":     leftIn(t, elementText(t, page("/requests"), "tr", reqPath), `(\d+) of \d+\s*$`),
		"request page":  leftIn(t, elementText(t, page(reqPath), "dd", " suggestions and "), `(\d+) of \d+ suggestions`),
		"document list": leftIn(t, page(reqPath+"/documents"), `(\d+) of \d+ suggestions left to decide`),
	}
	perDoc := 0
	for _, doc := range []string{e.docKey, "doc-letter"} {
		line := elementText(t, page(reqPath+"/documents/"+url.PathEscape(doc)), "p", "suggestions decided in this document")
		counts["review screen's request line ("+doc+")"] = leftIn(t, line, `Request: (\d+) left`)
		m := regexp.MustCompile(`(\d+) of (\d+)\s+suggestions decided`).FindStringSubmatch(line)
		if m == nil {
			t.Fatalf("review screen of %s: no document count in %q", doc, line)
		}
		decided, total := atoi(m[1]), atoi(m[2])
		perDoc += total - decided
	}
	counts["review screens, document by document"] = perDoc
	blockers, err := e.db.BundleBlockers(ctx, e.reqID, nil)
	if err != nil {
		t.Fatal(err)
	}
	counts["bundle check"] = leftIn(t, strings.Join(blockers, "\n"), `(\d+) suggestions are not decided`)
	for where, got := range counts {
		if got != want {
			t.Errorf("%s: %d left, want %d (the count every screen shares)", where, got, want)
		}
	}
}

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }

// leftIn reads the first group of pattern in text.
func leftIn(t *testing.T, text, pattern string) int {
	t.Helper()
	m := regexp.MustCompile(pattern).FindStringSubmatch(text)
	if m == nil {
		t.Fatalf("no %q in %q", pattern, text)
	}
	return atoi(m[1])
}

// elementText is the text of the first tag element whose text or an
// attribute within it holds marker, white space folded.
func elementText(t *testing.T, page, tag, marker string) string {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var text func(*html.Node) string
	text = func(n *html.Node) string {
		var b strings.Builder
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for _, a := range n.Attr {
			b.WriteString(" " + a.Val + " ")
		}
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			b.WriteString(text(ch))
		}
		return b.String()
	}
	var found string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if found != "" {
			return
		}
		if n.Type == html.ElementNode && n.Data == tag {
			if s := text(n); strings.Contains(s, marker) {
				found = strings.Join(strings.Fields(s), " ")
				return
			}
		}
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			walk(ch)
		}
	}
	walk(doc)
	if found == "" {
		t.Fatalf("no <%s> holding %q on the page", tag, marker)
	}
	return found
}
