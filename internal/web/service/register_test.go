package service_test

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/disclose-sar/disclose/internal/ingest"
	"github.com/disclose-sar/disclose/internal/postgres"
	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/rules"
	"github.com/disclose-sar/disclose/internal/suggest"
	"github.com/disclose-sar/disclose/internal/workflow"
)

// registerRecord is an invented record folder: every name, place and
// detail is made up. persons.json is not in name order, one person never
// appears, and the case notes' ids sort differently as text ("N10" before
// "N2") than in the file, so a server that reads the stored record in
// another order than `disclose suggest` reads the folder numbers people
// differently.
var registerRecord = map[string]string{
	"subject.json": `{"name": "Talia Brennock", "dob": "2009-06-14"}`,
	"case-system-export/persons.json": `[
  {"name": "Zora Quenby", "role": "foster_carer", "relationship": "foster carer"},
  {"name": "Brann Okoro", "role": "professional", "relationship": "social worker", "agency": "Eastmere Council"},
  {"name": "Ilse Brennock", "role": "sibling", "relationship": "half-sister"},
  {"name": "Corin Vell", "role": "parent", "relationship": "mother"},
  {"name": "Mabry Stott", "role": "other_child", "relationship": "other child in the placement"},
  {"name": "Alder Pike", "role": "relative", "relationship": "uncle"},
  {"name": "Fen Hollis", "role": "professional", "relationship": "GP", "agency": "Marsh Lane Medical Practice"},
  {"name": "Wren Adair", "role": "sibling", "relationship": "brother"}
]`,
	"case-system-export/case_notes.csv": "note_id,date,author,author_role,note_type,title,text,restricted\n" +
		"N2,02/03/2021,Brann Okoro,social worker,Home visit,Visit,\"Talia was at home with her foster carer Zora Quenby. Mabry Stott was also at home.\",N\n" +
		"N10,10/03/2021,Brann Okoro,social worker,Telephone call,Call,\"Wren Adair phoned about contact. Corin Vell wants to see Talia.\",N\n" +
		"N3,17/03/2021,Brann Okoro,social worker,Letter,Letter,\"A letter from Fen Hollis about Talia's asthma. Ilse Brennock will visit at Easter.\",N\n",
	"mailbox/contact.eml": "Date: Wed, 24 Mar 2021 09:00:00 +0000\n" +
		"From: \"Okoro, Brann\" <brann.okoro@eastmere.gov.uk>\n" +
		"To: \"Hale Morrow\" <hale.morrow@eastmere.gov.uk>\n" +
		"Subject: Contact arrangements\nMessage-ID: <contact-1@eastmere.gov.uk>\nMIME-Version: 1.0\n" +
		"Content-Type: text/plain; charset=\"utf-8\"\n\n" +
		"Hale,\n\nCorin Vell and Ilse Brennock can see Talia on Saturday. Zora Quenby will bring her. Her grandmother Edna Farrow may come too.\n\nBrann\n",
	"shared-drive/review.txt": "Placement review\n\nPresent: Brann Okoro, Zora Quenby, Corin Vell.\n" +
		"Talia said she likes living with Zora. Her neighbour Ruth Calder helps with homework.\n",
}

func writeRecord(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// registerEntry is what must agree between `disclose suggest` and the
// server for each register person.
type registerEntry struct{ Key, Name, Role, Kind, Label string }

func registerEntries(ps []suggest.Person) []registerEntry {
	out := make([]registerEntry, len(ps))
	for i, p := range ps {
		out[i] = registerEntry{p.Key, p.Name, p.Role, p.Kind, p.Label}
	}
	return out
}

// TestRegisterParity: the register the server's suggest job stores after
// ingesting a folder through the ingest job is the one `disclose suggest`
// builds from the same folder — same keys, names, roles, kinds and labels —
// and the stored suggestions name people with the same keys and labels.
func TestRegisterParity(t *testing.T) {
	ctx := context.Background()
	root := t.TempDir()
	dir := filepath.Join(root, "talia")
	src := writeRecord(t, registerRecord)
	if err := os.Rename(src, dir); err != nil {
		t.Fatal(err)
	}

	// The CLI path (cmd/disclose/suggest.go): ingest.Run, then suggest.Suggest.
	set, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	rec, _, err := ingest.Run(ctx, dir, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	cli, err := suggest.Suggest(rec, set, suggest.Options{})
	if err != nil {
		t.Fatal(err)
	}

	// The server path: the location attached, the ingest and suggest jobs.
	svc, db := startService(t, root)
	u, _, err := db.CreateUser(ctx, 0, postgres.NewUser{Email: "officer@example.test", Name: "Officer",
		Roles: []workflow.Role{workflow.RoleIGOfficer}, Team: "IG"})
	if err != nil {
		t.Fatal(err)
	}
	r, err := db.CreateRequest(ctx, u.ID, record.Request{Subject: rec.Subject, Requester: record.Requester{Kind: record.RequesterSubject,
		Name: rec.Subject.Name}, Regime: "uk-gdpr", Nation: "england-and-wales", Received: time.Now(), Team: u.TeamID})
	if err != nil {
		t.Fatal(err)
	}
	if err := svc.Jobs.Ingest(ctx, u, r.ID, "", dir); err != nil {
		t.Fatal(err)
	}
	waitJobs(t, db, r.ID, 2*time.Minute)
	reg, err := db.Register(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}

	want := registerEntries(cli.Register)
	kinds := map[string]string{}
	for _, p := range cli.Register {
		kinds[p.Name] = p.Kind
	}
	// The record's own kinds, so a register that lost them cannot pass.
	for name, kind := range map[string]string{"Zora Quenby": "foster carer", "Brann Okoro": "council staff",
		"Ilse Brennock": "sibling", "Corin Vell": "mother", "Mabry Stott": "other child", "Alder Pike": "relative",
		"Fen Hollis": "partner-agency staff", "Wren Adair": "sibling"} {
		if kinds[name] != kind {
			t.Errorf("disclose suggest: %s is %q, want %q", name, kinds[name], kind)
		}
	}
	if diff := cmp.Diff(want, registerEntries(reg.People)); diff != "" {
		t.Errorf("server register differs from disclose suggest's (-cli +server):\n%s", diff)
	}

	type named struct{ ID, PersonKey, PersonLabel, PersonRole string }
	bySuggestion := func(ss []named) []named {
		sort.Slice(ss, func(i, j int) bool { return ss[i].ID < ss[j].ID })
		return ss
	}
	var cliNamed, srvNamed []named
	for _, s := range cli.Suggestions {
		if s.PersonKey != "" {
			cliNamed = append(cliNamed, named{s.ID, s.PersonKey, s.PersonLabel, s.PersonRole})
		}
	}
	stored, err := db.Suggestions(ctx, r.ID, postgres.SuggestionFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range stored {
		if s.PersonKey != "" {
			srvNamed = append(srvNamed, named{s.ID, s.PersonKey, s.PersonLabel, s.PersonRole})
		}
	}
	if len(cliNamed) == 0 {
		t.Fatal("disclose suggest named nobody: the record does not test the labels")
	}
	if diff := cmp.Diff(bySuggestion(cliNamed), bySuggestion(srvNamed)); diff != "" {
		t.Errorf("server suggestions name people differently from disclose suggest (-cli +server):\n%s", diff)
	}
}
