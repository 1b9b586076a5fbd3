package pgstore_test

import (
	"context"
	"fmt"
	"github.com/disclose-sar/disclose/internal/postgres"
	"math/rand"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/suggest"
	"github.com/disclose-sar/disclose/internal/workflow"
)

// bigRequest adds a generated request of pages pages (five-page documents
// of invented text, about 2 KB a page, a suggestion every ~400 bytes) to
// the env's database and returns its id and document keys.
func (e *env) bigRequest(tb testing.TB, pages int) (int64, []string) {
	ctx := context.Background()
	officer := e.users[string(workflow.RoleIGOfficer)].user
	r, err := e.db.CreateRequest(ctx, officer.ID, record.Request{Subject: record.Subject{Name: "Peter Quill"},
		Requester: record.Requester{Kind: record.RequesterSubject, Name: "Peter Quill"}, Regime: "uk-gdpr",
		Nation: "england-and-wales", Received: time.Now().AddDate(0, 0, -20), Team: officer.TeamID, Assignee: officer.ID})
	if err != nil {
		tb.Fatal(err)
	}
	rng := rand.New(rand.NewSource(1))
	words := strings.Fields("the social worker visited home school report family carer plan review meeting said child told concern agreed would")
	names := []string{"Drax Destroyer", "Gamora Zen", "Rocket Raccoon", "Nebula Luphomoid", "Mantis Ego"}
	var keys []string
	const perDoc = 5
	for d := 0; d < pages/perDoc; d++ {
		var b strings.Builder
		var sugs []suggest.Suggestion
		var blocks []record.Block
		for p := 1; p <= perDoc; p++ {
			for para := 0; para < 8; para++ {
				start := b.Len()
				for w := 0; w < 40; w++ {
					if w%13 == 7 {
						n := rng.Intn(len(names))
						s := b.Len()
						b.WriteString(names[n])
						sugs = append(sugs, suggest.Suggestion{ID: fmt.Sprintf("d%d-%d", d, s), Start: s, End: b.Len(), Page: p,
							Scope: suggest.ScopeSpan, Text: names[n], PersonKey: fmt.Sprintf("p%d", n), PersonLabel: fmt.Sprintf("Person %d", n+1),
							RuleID: "tp.name", Category: "third_party_name", Code: "TP", Action: suggest.ActionRedact, Confidence: 0.9,
							Why: "Another person's name."})
					} else {
						b.WriteString(words[rng.Intn(len(words))])
					}
					b.WriteByte(' ')
				}
				blocks = append(blocks, record.Block{Kind: record.BlockParagraph, Page: p, Start: start, End: b.Len()})
				b.WriteByte('\n')
			}
		}
		key := fmt.Sprintf("big-%04d", d)
		doc := record.Document{ID: key, Location: "case-system-export", Path: key + ".pdf", Format: record.FormatPDF,
			Type: "report", Title: "Report " + key, Pages: perDoc, Text: b.String(), Blocks: blocks}
		for i := range sugs {
			sugs[i].DocID, sugs[i].Location, sugs[i].Path = key, doc.Location, doc.Path
		}
		if _, err := e.db.SaveDocuments(ctx, r.ID, []record.Document{doc}); err != nil {
			tb.Fatal(err)
		}
		if err := e.db.SaveSuggestions(ctx, r.ID, sugs); err != nil {
			tb.Fatal(err)
		}
		keys = append(keys, key)
	}
	return r.ID, keys
}

// BenchmarkReviewScreen measures the server time of the review screen on a
// 2,000-page request: opening a document and moving between its
// suggestions. Each op is one GET of the screen at a suggestion through the
// whole stack (session, permission, audit row, PostgreSQL, template) on
// loopback; ms/op is the figure to keep under 100.
func BenchmarkReviewScreen(b *testing.B) {
	e := newEnv(b, nil)
	reqID, keys := e.bigRequest(b, 2000)
	c := e.login(string(workflow.RoleIGOfficer))
	ctx := context.Background()
	// Two of the five people decided everywhere: thousands of decisions.
	officer := e.users[string(workflow.RoleIGOfficer)].user
	for _, key := range []string{"p0", "p1"} {
		if _, err := e.db.DecidePerson(ctx, officer.ID, reqID, key, workflow.DecisionInput{Kind: workflow.DecisionAccept}); err != nil {
			b.Fatal(err)
		}
	}
	var urls []string
	for _, k := range keys[:20] {
		items, err := e.db.Suggestions(ctx, reqID, postgresFilter(k))
		if err != nil {
			b.Fatal(err)
		}
		for _, it := range items[:5] {
			urls = append(urls, fmt.Sprintf("/requests/%d/documents/%s?s=%d", reqID, k, it.DBID))
		}
	}
	for i := 0; b.Loop(); i++ {
		res, _ := c.do("GET", urls[i%len(urls)], nil, nil)
		if res.StatusCode != http.StatusOK {
			b.Fatalf("GET %s = %d", urls[i%len(urls)], res.StatusCode)
		}
	}
}

func postgresFilter(doc string) postgres.SuggestionFilter {
	return postgres.SuggestionFilter{DocKey: doc}
}
