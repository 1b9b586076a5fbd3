package service

import (
	"context"
	"fmt"
	"math/rand"
	"strings"
	"time"

	"github.com/disclose-sar/disclose/internal/postgres"
	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/suggest"
	"github.com/disclose-sar/disclose/internal/workflow"
)

// SeedRequest adds a generated request of about pages pages to db for
// load tests and benchmarks: five-page documents of invented words (about
// 2 KB a page) with a suggestion about one of five invented people every
// 13 words. It returns the request id and its document keys.
func SeedRequest(ctx context.Context, db *postgres.DB, owner workflow.User, pages int) (int64, []string, error) {
	r, err := db.CreateRequest(ctx, owner.ID, record.Request{Subject: record.Subject{Name: "Peter Quill"},
		Requester: record.Requester{Kind: record.RequesterSubject, Name: "Peter Quill"}, Regime: "uk-gdpr",
		Nation: "england-and-wales", Received: time.Now().AddDate(0, 0, -20), Team: owner.TeamID, Assignee: owner.ID})
	if err != nil {
		return 0, nil, err
	}
	rng := rand.New(rand.NewSource(1))
	words := strings.Fields("the social worker visited home school report family carer plan review meeting said child told concern agreed would")
	names := []string{"Drax Destroyer", "Gamora Zen", "Rocket Raccoon", "Nebula Luphomoid", "Mantis Ego"}
	const perDoc = 5
	var keys []string
	for d := 0; d < pages/perDoc; d++ {
		var b strings.Builder
		var sugs []suggest.Suggestion
		var blocks []record.Block
		key := fmt.Sprintf("gen-%05d", d)
		for p := 1; p <= perDoc; p++ {
			for para := 0; para < 8; para++ {
				start := b.Len()
				for w := 0; w < 40; w++ {
					if w%13 == 7 {
						n := rng.Intn(len(names))
						s := b.Len()
						b.WriteString(names[n])
						sugs = append(sugs, suggest.Suggestion{ID: fmt.Sprintf("%s-%d", key, s), DocID: key, Location: "generated",
							Path: key + ".pdf", Page: p, Start: s, End: b.Len(), Scope: suggest.ScopeSpan, Text: names[n],
							PersonKey: fmt.Sprintf("p%d", n), PersonLabel: fmt.Sprintf("Person %d", n+1), RuleID: "tp.name",
							Category: "third_party_name", Code: "TP", Action: suggest.ActionRedact, Confidence: 0.9,
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
		doc := record.Document{ID: key, Location: "generated", Path: key + ".pdf", Format: record.FormatPDF,
			Type: "report", Title: "Report " + key, Pages: perDoc, Text: b.String(), Blocks: blocks}
		if _, err := db.SaveDocuments(ctx, r.ID, []record.Document{doc}); err != nil {
			return 0, nil, err
		}
		if err := db.SaveSuggestions(ctx, r.ID, sugs); err != nil {
			return 0, nil, err
		}
		keys = append(keys, key)
	}
	return r.ID, keys, nil
}
