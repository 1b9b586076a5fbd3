package postgres_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/disclose-sar/disclose/internal/pgtest"
	"github.com/disclose-sar/disclose/internal/postgres"
	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/suggest"
	"github.com/disclose-sar/disclose/internal/workflow"
)

// fixture is a fresh database with a team, an IG officer, a legal user and
// one logged request with two documents and three suggestions (two about
// the same invented person).
type fixture struct {
	db     *postgres.DB
	ig     workflow.User
	legal  workflow.User
	req    record.Request
	sugIDs map[string]int64 // suggestion id → row id
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	ctx := context.Background()
	db := postgres.New(pgtest.NewPool(t))
	db.AuditKey = pgtest.AuditKey()
	f := &fixture{db: db, sugIDs: map[string]int64{}}
	var err error
	if f.ig, _, err = db.CreateUser(ctx, 0, postgres.NewUser{Email: "ig@example.org", Name: "Ivy Gale", Roles: []workflow.Role{workflow.RoleIGOfficer}, Team: "North"}); err != nil {
		t.Fatal(err)
	}
	if f.legal, _, err = db.CreateUser(ctx, 0, postgres.NewUser{Email: "legal@example.org", Name: "Leo Gray", Roles: []workflow.Role{workflow.RoleLegal}, Team: "North"}); err != nil {
		t.Fatal(err)
	}
	f.req, err = db.CreateRequest(ctx, f.ig.ID, record.Request{
		Requester: record.Requester{Kind: record.RequesterSubject, Name: "Sam Example"},
		Subject:   record.Subject{Name: "Sam Example", DOB: "2004-02-03"},
		Channel:   "email", Team: f.ig.TeamID, Received: time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC),
	})
	if err != nil {
		t.Fatal(err)
	}
	docs := []record.Document{
		{ID: "d1", Location: "case-system", Path: "notes.csv", Part: "1", Format: record.FormatCaseNote, Pages: 1,
			Text: "Visited Sam with Jo Bloggs today.", Blocks: []record.Block{{Kind: record.BlockParagraph, Start: 0, End: 33}},
			Glyphs: []record.Glyph{{Page: 1, Start: 0, End: 1, Box: record.Box{X0: 1, Y0: 2, X1: 3, Y1: 4}}}},
		{ID: "d2", Location: "shared-drive", Path: "letter.docx", Format: record.FormatDOCX, Pages: 2,
			Text: "Jo Bloggs called about Sam. Ref 123."},
	}
	if _, err := db.SaveDocuments(ctx, f.req.ID, docs); err != nil {
		t.Fatal(err)
	}
	ss := []suggest.Suggestion{
		{ID: "s1", DocID: "d1", Start: 17, End: 26, Scope: suggest.ScopeSpan, Text: "Jo Bloggs", PersonKey: "p-jo", PersonLabel: "Third party A", RuleID: "tp.known", Code: "TP", Action: suggest.ActionRedact},
		{ID: "s2", DocID: "d2", Start: 0, End: 9, Scope: suggest.ScopeSpan, Text: "Jo Bloggs", PersonKey: "p-jo", PersonLabel: "Third party A", RuleID: "tp.known", Code: "TP", Action: suggest.ActionRedact},
		{ID: "s3", DocID: "d2", Start: 32, End: 35, Scope: suggest.ScopeSpan, Text: "123", RuleID: "id.ref", Code: "ID", Action: suggest.ActionFlag},
	}
	// Stored as the suggest job stores them: with the register they were made with.
	if err := db.SyncSuggestions(ctx, f.req.ID, func(context.Context, *record.Record, suggest.Options) (*suggest.Result, error) {
		return &suggest.Result{Register: []suggest.Person{{Key: "subject", Name: "Sam Example", Role: suggest.RoleSubject}}, Suggestions: ss}, nil
	}, nil); err != nil {
		t.Fatal(err)
	}
	list, err := db.Suggestions(ctx, f.req.ID, postgres.SuggestionFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range list {
		f.sugIDs[s.ID] = s.DBID
	}
	if len(f.sugIDs) != 3 {
		t.Fatalf("stored %d suggestions, want 3", len(f.sugIDs))
	}
	return f
}

func (f *fixture) suggestion(t *testing.T, sid string) postgres.Suggestion {
	t.Helper()
	s, err := f.db.SuggestionByID(context.Background(), f.sugIDs[sid])
	if err != nil {
		t.Fatal(fmt.Errorf("suggestion %s: %w", sid, err))
	}
	return s
}
