package service_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/disclose-sar/disclose/internal/ingest"
	"github.com/disclose-sar/disclose/internal/pgtest"
	"github.com/disclose-sar/disclose/internal/postgres"
	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/rules"
	"github.com/disclose-sar/disclose/internal/web"
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
// register, the choice holds when suggestions are made again, and each
// change is in the audit log.
func TestPersonRoleChange(t *testing.T) {
	ctx := context.Background()
	dir := writeRecord(t, personRecord)
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
	key, kind := personKind(t, store, r.ID, "Agatha Harkness")
	if kind != "council staff" {
		t.Fatalf("Agatha Harkness is %q on the People page, want council staff", kind)
	}
	if err := store.SetPersonRole(ctx, u, r.ID, web.RoleChange{Key: key, Kind: "relative", From: kind}); err != nil {
		t.Fatalf("SetPersonRole: %v", err)
	}
	if n := count(); n < 3 {
		t.Errorf("after making her a relative, %d suggestions name her, want every occurrence (3)", n)
	}
	// The officer's choice holds when the suggestion step runs again (a
	// new location, a merge, a restart).
	if err := service.Suggest(ctx, db, set, r.ID); err != nil {
		t.Fatal(err)
	}
	if _, kind := personKind(t, store, r.ID, "Agatha Harkness"); kind != "relative" {
		t.Errorf("after suggesting again she is %q, want the relative the officer chose", kind)
	}
	if n := count(); n < 3 {
		t.Errorf("after suggesting again, %d suggestions name her, want every occurrence (3)", n)
	}
	if err := store.SetPersonRole(ctx, u, r.ID, web.RoleChange{Key: key, Kind: "council staff"}); err != nil {
		t.Fatalf("SetPersonRole back: %v", err)
	}
	if n := count(); n != 0 {
		t.Errorf("after making her staff again, %d undecided suggestions still name her, want 0", n)
	}
	log, err := db.AuditLog(ctx, r.ID, 10)
	if err != nil {
		t.Fatal(err)
	}
	var changes []string
	for _, a := range log {
		if a.Action == postgres.AuditPersonRole {
			changes = append(changes, fmt.Sprintf("%s %v→%v by %d", a.Object, a.Detail["from_kind"], a.Detail["to_kind"], a.UserID))
		}
	}
	want := []string{fmt.Sprintf("person %s relative→council staff by %d", key, u.ID), fmt.Sprintf("person %s council staff→relative by %d", key, u.ID)}
	if diff := cmp.Diff(want, changes); diff != "" {
		t.Errorf("role changes in the audit log, newest first (-want +got):\n%s", diff)
	}
}

// personKind returns a person's register key and kind as the People page
// shows them.
func personKind(t *testing.T, store *pgstore.Store, requestID int64, name string) (key, kind string) {
	t.Helper()
	ps, err := store.Persons(context.Background(), requestID)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		if p.Name == name {
			return p.Key, p.Kind
		}
	}
	t.Fatalf("%s is not on the People page", name)
	return "", ""
}
