package pgstore_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/alexedwards/scs/pgxstore"
	"golang.org/x/net/html"

	"github.com/disclose-sar/disclose/internal/postgres"
	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/rules"
	"github.com/disclose-sar/disclose/internal/suggest"
	"github.com/disclose-sar/disclose/internal/web"
	"github.com/disclose-sar/disclose/internal/web/pgstore"
	"github.com/disclose-sar/disclose/internal/workflow"
)

// placementText is invented: no real person.
const placementText = "Placement review.\nPeter Quill lives with his foster carer Nova Prime. His sister Mantis Ayre visited.\n" +
	"Yondu Udonta, social worker, chaired the review. Nova Prime said Peter is settled."

// peopleEnv is the test server of newEnv with a placement record, its
// suggestions and register made by the suggestion step, and a store that
// can make them again.
func peopleEnv(t *testing.T) *env {
	t.Helper()
	ctx := context.Background()
	e := newEnv(t, nil)
	doc := record.Document{ID: "doc-placement", Location: "case", Path: "case/placement.txt", Format: record.FormatText,
		Title: "Placement review", Pages: 1, Text: placementText}
	if _, err := e.db.SaveDocuments(ctx, e.reqID, []record.Document{doc}); err != nil {
		t.Fatal(err)
	}
	if err := e.db.SavePersons(ctx, e.reqID, []record.Person{
		{Name: "Nova Prime", Role: record.RoleFosterCarer, Relationship: "foster carer"},
		{Name: "Mantis Ayre", Role: record.RoleSibling, Relationship: "sister"},
		{Name: "Yondu Udonta", Role: record.RoleProfessional, Relationship: "social worker", Agency: "Westview Council"},
	}); err != nil {
		t.Fatal(err)
	}
	set, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	resuggest := func(ctx context.Context, id int64) error {
		return e.db.SyncSuggestions(ctx, id, func(_ context.Context, rec *record.Record, opts suggest.Options) (*suggest.Result, error) {
			return suggest.Suggest(rec, set, opts)
		}, nil)
	}
	if err := resuggest(ctx, e.reqID); err != nil {
		t.Fatal(err)
	}
	store := pgstore.New(e.db, nil)
	store.Resuggest = resuggest
	srv, err := web.New(web.Config{LoginPerMinute: 1000}, web.Deps{Store: store, Sessions: pgxstore.New(e.db.Pool)})
	if err != nil {
		t.Fatal(err)
	}
	pe := *e
	pe.srv, pe.ts = srv, httptest.NewServer(srv.Handler())
	t.Cleanup(pe.ts.Close)
	return &pe
}

// personRow is one row of the People page as an officer sees it.
type personRow struct {
	key, label, kind string
	selected         []string // values of the role select's selected options
	options          []string // values the role select offers
	hidden           url.Values
}

// peoplePage reads the People page's rows by label.
func peoplePage(t *testing.T, c *client, reqID int64) map[string]personRow {
	t.Helper()
	res, body := c.do("GET", "/requests/"+strconv.FormatInt(reqID, 10)+"/persons", nil, nil)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET persons = %d", res.StatusCode)
	}
	doc, err := html.Parse(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string]personRow{}
	var cur *personRow
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch {
			case n.Data == "tr" && attr(n, "data-key") != "":
				cur = &personRow{key: attr(n, "data-key"), hidden: url.Values{}}
				for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
					walk(ch)
				}
				rows[cur.label] = *cur
				cur = nil
				return
			case cur != nil && n.Data == "th":
				cur.label = strings.TrimSpace(text(n))
			case cur != nil && attr(n, "id") == "kind-"+cur.key:
				cur.kind = strings.TrimSpace(text(n))
			case cur != nil && n.Data == "input" && attr(n, "type") == "hidden":
				cur.hidden.Set(attr(n, "name"), attr(n, "value"))
			case cur != nil && n.Data == "option":
				if hasAttr(n, "selected") {
					cur.selected = append(cur.selected, attr(n, "value"))
				}
				if !hasAttr(n, "disabled") {
					cur.options = append(cur.options, attr(n, "value"))
				}
			}
		}
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			walk(ch)
		}
	}
	walk(doc)
	return rows
}

func text(n *html.Node) string {
	if n.Type == html.TextNode {
		return n.Data
	}
	var b strings.Builder
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		b.WriteString(text(ch))
	}
	return b.String()
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

// TestPeoplePageShowsTrueRoles: the People page shows each register
// person's own role — a foster carer as a foster carer, a sibling as a
// sibling, staff as staff, never "Parent" — and its role form pre-selects
// no role, so submitting it unchanged changes nothing.
func TestPeoplePageShowsTrueRoles(t *testing.T) {
	e := peopleEnv(t)
	officer := e.login(string(workflow.RoleIGOfficer))
	rows := peoplePage(t, officer, e.reqID)
	for label, want := range map[string]string{"Foster carer 1": "Foster carer", "Sibling A": "Sibling",
		"Council staff": "Council staff", "Neighbour 1": "Neighbour"} {
		row, ok := rows[label]
		if !ok {
			t.Errorf("no %q row on the People page; rows: %v", label, rows)
			continue
		}
		if row.kind != want {
			t.Errorf("%s is shown as %q, want %q", label, row.kind, want)
		}
		if len(row.selected) != 1 || row.selected[0] != "" {
			t.Errorf("%s: role select pre-selects %q, want only the empty placeholder", label, row.selected)
		}
		for _, o := range row.options {
			if k, _ := suggest.KindByID(o); k.Title == want {
				t.Errorf("%s: role select offers the role they already have (%s)", label, o)
			}
		}
	}
	for label, row := range rows {
		if row.kind == "Parent" {
			t.Errorf("%s is shown as Parent", label)
		}
	}
	// The form as the browser would send it without a choice is refused.
	nova := rows["Foster carer 1"]
	form := url.Values{}
	for k, v := range nova.hidden {
		form[k] = v
	}
	form.Del("csrf_token")
	if res, _ := officer.post("/requests/"+strconv.FormatInt(e.reqID, 10)+"/persons/role", form); res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("role form sent with no role chosen = %d, want 422", res.StatusCode)
	}
	if got := peoplePage(t, officer, e.reqID)["Foster carer 1"].kind; got != "Foster carer" {
		t.Errorf("after a refused change the foster carer is shown as %q", got)
	}
}

// TestPeoplePageRoleChange: a role chosen and confirmed on the People
// page is audited (key, label and kinds, never the name), changes the
// person's suggestions, and holds when suggestions are made again; a
// change sent from a page older than the register is refused.
func TestPeoplePageRoleChange(t *testing.T) {
	ctx := context.Background()
	e := peopleEnv(t)
	officer := e.login(string(workflow.RoleIGOfficer))
	nova := peoplePage(t, officer, e.reqID)["Foster carer 1"]
	path := "/requests/" + strconv.FormatInt(e.reqID, 10) + "/persons/role"
	send := func(v url.Values) int {
		form := url.Values{}
		for k, vs := range v {
			form[k] = vs
		}
		form.Del("csrf_token")
		res, _ := officer.post(path, form)
		return res.StatusCode
	}
	stale := url.Values{"key": {nova.key}, "from": {nova.hidden.Get("from")}, "kind": {"relative"}, "generation": {"999"}}
	if code := send(stale); code != http.StatusConflict {
		t.Errorf("role change from a stale page = %d, want 409", code)
	}
	change := url.Values{"kind": {"relative"}}
	for k, v := range nova.hidden {
		change[k] = v
	}
	if code := send(change); code != http.StatusSeeOther {
		t.Fatalf("role change = %d, want 303", code)
	}
	after := peoplePage(t, officer, e.reqID)
	if got := after["Relative 1"]; got.kind != "Relative" || got.key != nova.key {
		t.Errorf("after the change the People page has %+v, want %s as Relative 1", got, nova.key)
	}
	log, err := e.db.AuditLog(ctx, e.reqID, 20)
	if err != nil {
		t.Fatal(err)
	}
	var audited []postgres.AuditEntry
	for _, a := range log {
		if a.Action == postgres.AuditPersonRole {
			audited = append(audited, a)
		}
	}
	if len(audited) != 1 {
		t.Fatalf("%d role-change audit rows, want 1 (the refused change writes none)", len(audited))
	}
	a := audited[0]
	if a.UserID != officer.e.users[string(workflow.RoleIGOfficer)].user.ID || a.Object != "person "+nova.key ||
		a.Detail["from_kind"] != "foster carer" || a.Detail["to_kind"] != "relative" || a.Detail["label"] != "Foster carer 1" {
		t.Errorf("audit row = %+v, want the officer changing %s from foster carer to relative", a, nova.key)
	}
	for k, v := range a.Detail {
		if s, ok := v.(string); ok && strings.Contains(s, "Nova") {
			t.Errorf("audit detail %s holds the person's name", k)
		}
	}
	// Suggested again, as when another location is ingested: the choice holds.
	store := pgstore.New(e.db, nil)
	if err := e.db.SyncSuggestions(ctx, e.reqID, func(_ context.Context, rec *record.Record, opts suggest.Options) (*suggest.Result, error) {
		if opts.Kinds["Nova Prime"] != "relative" {
			t.Errorf("suggestion step given kinds %v, want Nova Prime a relative", opts.Kinds)
		}
		set, _ := rules.Default()
		return suggest.Suggest(rec, set, opts)
	}, nil); err != nil {
		t.Fatal(err)
	}
	ps, err := store.Persons(ctx, e.reqID)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		if p.Name == "Nova Prime" && (p.Kind != "relative" || p.Role != suggest.RoleFamily || !p.KindByOfficer) {
			t.Errorf("after suggesting again Nova Prime is %s/%s (by officer %v), want the relative the officer chose", p.Kind, p.Role, p.KindByOfficer)
		}
	}
	items, err := store.Suggestions(ctx, e.reqID, "doc-placement")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, it := range items {
		if it.Text == "Nova Prime" {
			n++
			if it.PersonLabel != "Relative 1" || it.PersonRole != suggest.RoleFamily {
				t.Errorf("suggestion for her name says %s, %s; want Relative 1, %s", it.PersonLabel, it.PersonRole, suggest.RoleFamily)
			}
		}
	}
	if n != 2 {
		t.Errorf("%d suggestions for her name, want 2", n)
	}
}
