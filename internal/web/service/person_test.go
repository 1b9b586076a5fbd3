package service_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/disclose-sar/disclose/internal/ingest"
	"github.com/disclose-sar/disclose/internal/pgtest"
	"github.com/disclose-sar/disclose/internal/postgres"
	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/rules"
	"github.com/disclose-sar/disclose/internal/web/pgstore"
	"github.com/disclose-sar/disclose/internal/web/service"
	"github.com/disclose-sar/disclose/internal/workflow"
)

// An invented record: a council social worker and a neighbour.
var personRecord = map[string]string{
	"subject.json":      `{"name": "Wanda Maximoff", "dob": "2008-02-10"}`,
	"case/persons.json": `[{"name": "Agatha Harkness", "role": "professional", "relationship": "social worker", "agency": "Westview Council"}]`,
	"case/visit-2020-01-05.txt": "Home visit 5 January 2020\n\nAgatha Harkness visited Wanda at home. Agatha Harkness noted the house was tidy.\n" +
		"Wanda said she likes drawing. Agatha Harkness will visit again next month.\n",
}

// TestPersonRoleChange: making a person who was kept (council staff) a
// relative brings suggestions for their name; the suggestions follow the
// register.
func TestPersonRoleChange(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	for name, body := range personRecord {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	db := postgres.New(pgtest.NewPool(t))
	u, _, err := db.CreateUser(ctx, 0, postgres.NewUser{Email: "o@example.test", Name: "Officer", Roles: []workflow.Role{workflow.RoleIGOfficer}, Team: "IG"})
	if err != nil {
		t.Fatal(err)
	}
	rec, _, err := ingest.Run(ctx, dir, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r, err := db.CreateRequest(ctx, u.ID, record.Request{Subject: rec.Subject, Requester: record.Requester{Kind: record.RequesterSubject, Name: rec.Subject.Name},
		Regime: "uk-gdpr", Nation: "england-and-wales", Received: time.Now(), Team: u.TeamID})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.SaveDocuments(ctx, r.ID, rec.Documents); err != nil {
		t.Fatal(err)
	}
	if err := db.SavePersons(ctx, r.ID, rec.Persons); err != nil {
		t.Fatal(err)
	}
	set, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	if err := service.Suggest(ctx, db, set, r.ID); err != nil {
		t.Fatal(err)
	}
	store := pgstore.New(db, nil)
	store.Resuggest = func(ctx context.Context, id int64) error { return service.Suggest(ctx, db, set, id) }
	count := func() int {
		items, err := store.Suggestions(ctx, r.ID, "")
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, it := range items {
			if strings.Contains(it.Text, "Agatha") {
				n++
			}
		}
		return n
	}
	if n := count(); n != 0 {
		t.Fatalf("council staff named %d times in suggestions before the change, want 0", n)
	}
	if err := store.SetPersonRole(ctx, u, r.ID, "name:Agatha Harkness", record.RoleRelative); err != nil {
		t.Fatalf("SetPersonRole: %v", err)
	}
	if n := count(); n < 3 {
		t.Errorf("after making her a relative, %d suggestions name her, want every occurrence (3)", n)
	}
	if err := store.SetPersonRole(ctx, u, r.ID, "name:Agatha Harkness", record.RoleProfessional); err != nil {
		t.Fatalf("SetPersonRole back: %v", err)
	}
	if n := count(); n != 0 {
		t.Errorf("after making her staff again, %d undecided suggestions still name her, want 0", n)
	}
}
