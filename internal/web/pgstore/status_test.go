package pgstore_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/net/html"

	"github.com/disclose-sar/disclose/internal/postgres"
	"github.com/disclose-sar/disclose/internal/web"
	"github.com/disclose-sar/disclose/internal/workflow"
)

// requestJSON is GET /api/v1/requests/{id} decoded.
type requestJSON struct {
	Request web.Request `json:"request"`
	Next    []string    `json:"next"`
}

func (c *client) request(id int64) requestJSON {
	c.e.t.Helper()
	res, body := c.do("GET", "/api/v1/requests/"+itoa64(id), nil, nil)
	if res.StatusCode != http.StatusOK {
		c.e.t.Fatalf("GET request = %d: %.200s", res.StatusCode, body)
	}
	var out requestJSON
	if err := json.Unmarshal([]byte(body), &out); err != nil {
		c.e.t.Fatalf("request JSON: %v", err)
	}
	return out
}

// moveTo posts a status change through the API at the request's current
// version and returns the status code and body.
func (c *client) moveTo(id int64, to, note string, version int) (int, string) {
	c.e.t.Helper()
	b, _ := json.Marshal(map[string]any{"status": to, "note": note, "version": version})
	res, body := c.postJSON("/api/v1/requests/"+itoa64(id)+"/status", string(b))
	return res.StatusCode, body
}

// statusForm reads the request page's status form: the hidden version and
// the statuses offered.
func statusForm(t *testing.T, page string) (version string, options []string) {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var form *html.Node
	var find func(*html.Node)
	find = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "form" && strings.HasSuffix(attr(n, "action"), "/status") {
			form = n
		}
		for ch := n.FirstChild; ch != nil && form == nil; ch = ch.NextSibling {
			find(ch)
		}
	}
	find(doc)
	if form == nil {
		return "", nil
	}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "input" && attr(n, "name") == "version" {
			version = attr(n, "value")
		}
		if n.Type == html.ElementNode && n.Data == "option" {
			options = append(options, attr(n, "value"))
		}
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			walk(ch)
		}
	}
	walk(form)
	return version, options
}

// TestStatusLifecycle takes a request from logged to closed the way an
// officer would: the status form on the request page, clock events that
// move the status by themselves, and the API for the rest; a stale version
// is a conflict, a transition the table does not allow is refused, and
// "ready" waits for legal approval. The history says who, when and why.
func TestStatusLifecycle(t *testing.T) {
	e := newEnv(t, nil)
	officer := e.login(string(workflow.RoleIGOfficer))
	legal := e.login(string(workflow.RoleLegal))
	reqPath := "/requests/" + itoa64(e.reqID)

	// The page offers exactly the transitions allowed from "logged".
	res, page := officer.do("GET", reqPath, nil, nil)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s = %d", reqPath, res.StatusCode)
	}
	version, options := statusForm(t, page)
	want := []string{"awaiting_id", "in_progress", "withdrawn", "refused"}
	if diff := cmp.Diff(want, options); diff != "" {
		t.Errorf("status form options from logged (-want +got):\n%s", diff)
	}
	// Legal may view the request but not move it: no form.
	if _, page := legal.do("GET", reqPath, nil, nil); strings.Contains(page, `action="`+reqPath+`/status"`) {
		t.Errorf("the status form is shown to a user without request.edit")
	}

	// Asking for ID through the clock form moves the request to awaiting ID.
	if res, body := officer.post(reqPath+"/clock", url.Values{"kind": {"id_asked"}, "date": {"2026-01-06"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("POST clock id_asked = %d: %.300s", res.StatusCode, body)
	}
	if got := officer.request(e.reqID).Request.Status; got != "awaiting_id" {
		t.Errorf("status after ID asked = %q, want awaiting_id", got)
	}
	// The form from before is now stale: a conflict, nothing changed.
	if res, _ := officer.post(reqPath+"/status", url.Values{"status": {"in_progress"}, "version": {version}}); res.StatusCode != http.StatusConflict {
		t.Errorf("status form at a stale version = %d, want 409", res.StatusCode)
	}
	// Receiving ID moves it on to in progress.
	if res, body := officer.post(reqPath+"/clock", url.Values{"kind": {"id_received"}, "date": {"2026-01-08"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("POST clock id_received = %d: %.300s", res.StatusCode, body)
	}
	// The form: in progress → in review, with a note.
	_, page = officer.do("GET", reqPath, nil, nil)
	version, options = statusForm(t, page)
	if !contains(options, "in_review") || contains(options, "disclosed") {
		t.Errorf("options from in progress = %v, want in_review and not disclosed", options)
	}
	if res, body := officer.post(reqPath+"/status", url.Values{"status": {"in_review"}, "version": {version}, "note": {"record gathered"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("status form in_review = %d: %.300s", res.StatusCode, body)
	}

	// A third-party disclosure decision needs legal approval: "ready" waits.
	dec := `{"suggestion_id":"` + e.sugIDs[0] + `","doc_id":"` + e.docKey + `","version":1,"decision":"disclose","basis":"already_known","reason":"known to the requester"}`
	if res, body := officer.postJSON("/api/v1/requests/"+itoa64(e.reqID)+"/decisions", dec); res.StatusCode != http.StatusOK {
		t.Fatalf("disclose decision = %d: %.300s", res.StatusCode, body)
	}
	steps := []struct {
		to   string
		code int
	}{
		{"disclosed", http.StatusUnprocessableEntity}, // not allowed from in review
		{"awaiting_approval", http.StatusOK},
		{"ready", http.StatusUnprocessableEntity}, // approval pending
		{"nonsense", http.StatusUnprocessableEntity},
	}
	for _, st := range steps {
		cur := officer.request(e.reqID).Request
		if code, body := officer.moveTo(e.reqID, st.to, "", cur.Version); code != st.code {
			t.Errorf("%s → %s = %d, want %d: %.200s", cur.Status, st.to, code, st.code, body)
		}
	}
	res, body := legal.do("GET", "/api/v1/approvals", nil, nil)
	var aps struct{ Approvals []web.Approval }
	if err := json.Unmarshal([]byte(body), &aps); res.StatusCode != 200 || err != nil || len(aps.Approvals) != 1 {
		t.Fatalf("GET approvals = %d, %v, %d approvals", res.StatusCode, err, len(aps.Approvals))
	}
	if res, body := legal.postJSON("/api/v1/approvals/"+itoa64(aps.Approvals[0].ID), `{"approve":true,"reason":"already known"}`); res.StatusCode/100 != 2 {
		t.Fatalf("approve = %d: %.200s", res.StatusCode, body)
	}
	for _, to := range []string{"ready", "disclosed", "closed"} {
		cur := officer.request(e.reqID).Request
		code, body := officer.moveTo(e.reqID, to, "step "+to, cur.Version)
		if code != http.StatusOK {
			t.Fatalf("%s → %s = %d: %.200s", cur.Status, to, code, body)
		}
		var out requestJSON
		if err := json.Unmarshal([]byte(body), &out); err != nil || out.Request.Status != to {
			t.Errorf("POST status %s answered %q (%v)", to, out.Request.Status, err)
		}
	}
	final := officer.request(e.reqID)
	if len(final.Next) != 0 {
		t.Errorf("next statuses from closed = %v, want none", final.Next)
	}
	if code, _ := officer.moveTo(e.reqID, "in_review", "", final.Request.Version); code != http.StatusUnprocessableEntity {
		t.Errorf("closed → in_review = %d, want 422", code)
	}

	// The history: every change, from what, by whom, with its note.
	type row struct{ From, To, By, Note string }
	var got []row
	for _, tr := range final.Request.Transitions {
		if tr.At.IsZero() {
			t.Errorf("transition to %s has no time", tr.Status)
		}
		got = append(got, row{tr.From, tr.Status, tr.By, tr.Note})
	}
	by := "Test ig_officer"
	wantRows := []row{
		{"", "logged", by, "logged"},
		{"logged", "awaiting_id", by, "ID asked for (clock event)"},
		{"awaiting_id", "in_progress", by, "ID received (clock event)"},
		{"in_progress", "in_review", by, "record gathered"},
		{"in_review", "awaiting_approval", by, ""},
		{"awaiting_approval", "ready", by, "step ready"},
		{"ready", "disclosed", by, "step disclosed"},
		{"disclosed", "closed", by, "step closed"},
	}
	if diff := cmp.Diff(wantRows, got); diff != "" {
		t.Errorf("status history (-want +got):\n%s", diff)
	}
	// The page shows the history and no form once closed.
	_, page = officer.do("GET", reqPath, nil, nil)
	if _, opts := statusForm(t, page); opts != nil {
		t.Errorf("a closed request still offers %v", opts)
	}
	if !strings.Contains(page, "Status history") || !strings.Contains(page, "record gathered") {
		t.Errorf("the request page does not show the status history")
	}
}

// TestClockEventLeavesLaterStatus: ID received on a request already in
// review does not move it back.
func TestClockEventLeavesLaterStatus(t *testing.T) {
	e := newEnv(t, nil)
	c := e.login(string(workflow.RoleIGOfficer))
	for _, to := range []string{"in_progress", "in_review"} {
		if code, body := c.moveTo(e.reqID, to, "", c.request(e.reqID).Request.Version); code != http.StatusOK {
			t.Fatalf("→ %s = %d: %.200s", to, code, body)
		}
	}
	res, body := c.postJSON("/api/v1/requests/"+itoa64(e.reqID)+"/clock", `{"kind":"id_received","date":"2026-01-08T00:00:00Z"}`)
	if res.StatusCode/100 != 2 {
		t.Fatalf("clock id_received = %d: %.200s", res.StatusCode, body)
	}
	if got := c.request(e.reqID).Request.Status; got != "in_review" {
		t.Errorf("status after a late ID received = %q, want in_review", got)
	}
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// TestLocationsShowSuggestStep: while the suggest job runs, the locations
// table (polled by the request page) shows it as a step, and the page
// keeps polling until it is done.
func TestLocationsShowSuggestStep(t *testing.T) {
	e := newEnv(t, nil)
	ctx := context.Background()
	c := e.login(string(workflow.RoleIGOfficer))
	for _, p := range []postgres.JobProgress{
		{JobID: 901, RequestID: e.reqID, Kind: "ingest", Done: 1, Total: 1, Message: "done"},
		{JobID: 902, RequestID: e.reqID, Kind: "suggest", Done: 1, Total: 2, Message: "suggesting over 1 documents"},
	} {
		if err := e.db.SetJobProgress(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	res, body := c.do("GET", "/api/v1/requests/"+itoa64(e.reqID)+"/locations", nil, nil)
	var out struct{ Locations []web.Location }
	if err := json.Unmarshal([]byte(body), &out); res.StatusCode != 200 || err != nil {
		t.Fatalf("GET locations = %d, %v", res.StatusCode, err)
	}
	var steps []web.Location
	for _, l := range out.Locations {
		if l.Step {
			steps = append(steps, l)
		}
	}
	want := []web.Location{{ID: 902, Name: "Suggestions (suggesting over 1 documents)", Status: "running", Files: 2, Done: 1, Step: true}}
	if diff := cmp.Diff(want, steps); diff != "" {
		t.Errorf("suggest step rows (-want +got):\n%s", diff)
	}
	_, page := c.do("GET", "/requests/"+itoa64(e.reqID), nil, nil)
	if !strings.Contains(page, `data-busy="true"`) || !strings.Contains(page, "step 1 of 2") {
		t.Errorf("the request page neither polls nor shows the suggest step")
	}
	if err := e.db.SetJobProgress(ctx, postgres.JobProgress{JobID: 902, RequestID: e.reqID, Kind: "suggest", Done: 2, Total: 2, Message: "done"}); err != nil {
		t.Fatal(err)
	}
	if _, page := c.do("GET", "/requests/"+itoa64(e.reqID), nil, nil); strings.Contains(page, `data-busy="true"`) {
		t.Errorf("the request page still polls after the suggest job is done")
	}
}
