package pgstore_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/alexedwards/scs/pgxstore"

	"github.com/disclose-sar/disclose/internal/bundle"
	"github.com/disclose-sar/disclose/internal/web"
	"github.com/disclose-sar/disclose/internal/web/pgstore"
	"github.com/disclose-sar/disclose/internal/web/service"
	"github.com/disclose-sar/disclose/internal/workflow"
)

// TestAdminScreen: an admin adds a user into an existing team spelt with
// other capitals, sees the one-time password once, changes roles and team,
// and disables the user, which ends their session. A refused form shows
// the page again with the message and what was typed.
func TestAdminScreen(t *testing.T) {
	e := newEnv(t, nil)
	ctx := context.Background()
	legalTeam, err := e.db.TeamID(ctx, "Legal Services")
	if err != nil {
		t.Fatal(err)
	}
	admin := e.login(string(workflow.RoleAdmin))
	res, body := admin.post("/admin/users", url.Values{"email": {"lee@example.test"}, "name": {"Lee Adviser"}, "roles": {"legal"}, "team": {"legal services"}})
	if res.StatusCode != http.StatusOK || !strings.Contains(body, `id="one-time-password"`) {
		t.Fatalf("add user = %d, want 200 with the one-time password", res.StatusCode)
	}
	pw := between(body, `<code id="one-time-password">`, `</code>`)
	acc := findAccount(t, e, "lee@example.test")
	if acc.TeamID != legalTeam || !acc.MustChangePassword {
		t.Errorf("added user: team %d (want %d, the same team whatever its case), must change %v", acc.TeamID, legalTeam, acc.MustChangePassword)
	}
	if _, body := admin.do("GET", "/admin/users", nil, nil); strings.Contains(body, pw) {
		t.Errorf("the one-time password is shown again on the next visit")
	}
	// Refused: no role. The page comes back with the message and the typed name.
	res, body = admin.post("/admin/users", url.Values{"email": {"kim@example.test"}, "name": {"Kim Typed"}, "team": {"x"}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "at least one role") || !strings.Contains(body, `value="Kim Typed"`) {
		t.Errorf("add user without a role = %d, want 422 with the message and the form as typed", res.StatusCode)
	}
	// The user signs in and chooses a password; the admin moves them.
	lee := e.anon()
	lee.signInForm("lee@example.test", pw, "")
	_, page := lee.do("GET", "/account/password", nil, nil)
	lee.csrf = formValue(t, page, "csrf_token")
	if res, _ := lee.post("/account/password", url.Values{"current": {pw}, "new": {"harbour lights evening"}, "confirm": {"harbour lights evening"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("Lee's password change = %d", res.StatusCode)
	}
	uid := itoa64(acc.ID)
	if res, body := admin.post("/admin/users/"+uid+"/access", url.Values{"roles": {"legal", "manager"}, "team": {"ALPHA"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("set access = %d: %.300s", res.StatusCode, body)
	}
	if acc := findAccount(t, e, "lee@example.test"); acc.TeamID != e.users[string(workflow.RoleLegal)].user.TeamID || len(acc.Roles) != 2 {
		t.Errorf("after set access: team %d roles %v, want team alpha and two roles", acc.TeamID, acc.Roles)
	}
	if res, _ := lee.do("GET", "/api/v1/me", nil, nil); res.StatusCode != http.StatusOK {
		t.Errorf("Lee after a role change = %d, want still signed in", res.StatusCode)
	}
	if res, _ := admin.post("/admin/users/"+uid+"/disable", url.Values{"disabled": {"true"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("disable = %d", res.StatusCode)
	}
	if res, _ := lee.do("GET", "/api/v1/me", nil, nil); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("Lee after being disabled = %d, want 401", res.StatusCode)
	}
	if res, _ := e.anon().signInForm("lee@example.test", "harbour lights evening", ""); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("a disabled user signs in = %d, want 401", res.StatusCode)
	}
	// Not for other roles.
	if res, _ := e.login(string(workflow.RoleManager)).do("GET", "/admin/users", nil, nil); res.StatusCode != http.StatusForbidden {
		t.Errorf("a manager opens the admin screen = %d, want 403", res.StatusCode)
	}
}

func findAccount(t *testing.T, e *env, email string) web.Account {
	t.Helper()
	as, err := pgstore.New(e.db, nil).Accounts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range as {
		if a.Email == email {
			return a
		}
	}
	t.Fatalf("no account %s", email)
	return web.Account{}
}

func between(s, from, to string) string {
	i := strings.Index(s, from)
	if i < 0 {
		return ""
	}
	s = s[i+len(from):]
	if j := strings.Index(s, to); j >= 0 {
		return s[:j]
	}
	return s
}

// TestEmptyQueuesExplain: legal and support users in a team of their own
// are told why their queue is empty; a support worker's list holds only
// requests with something released, so no subject's date of birth or NHS
// number reaches them before then.
func TestEmptyQueuesExplain(t *testing.T) {
	e := newEnv(t, nil)
	e.addUser("own_legal", "Legal services", []workflow.Role{workflow.RoleLegal})
	e.addUser("own_support", "Leaving care", []workflow.Role{workflow.RoleSupportWorker})
	if _, body := e.login("own_legal").do("GET", "/approvals", nil, nil); !strings.Contains(body, `id="empty-why"`) || !strings.Contains(body, "Legal services") {
		t.Errorf("legal in their own team: the empty approvals page does not explain why")
	}
	if _, body := e.login("own_support").do("GET", "/reading", nil, nil); !strings.Contains(body, `id="empty-why"`) {
		t.Errorf("support in their own team: the empty reading list does not explain why")
	}
	if _, body := e.login(string(workflow.RoleLegal)).do("GET", "/approvals", nil, nil); strings.Contains(body, `id="empty-why"`) {
		t.Errorf("legal in the requests' team is told their team has no requests")
	}
	if _, err := e.db.Pool.Exec(context.Background(), `UPDATE requests SET subject = subject || '{"dob":"2001-02-03","identifiers":{"nhs":"943 476 5919"}}' WHERE id = $1`, e.reqID); err != nil {
		t.Fatal(err)
	}
	support := e.login(string(workflow.RoleSupportWorker))
	for _, p := range []string{"/api/v1/requests", "/requests", "/api/v1/requests?all=true"} {
		res, body := support.do("GET", p, nil, nil)
		if res.StatusCode != http.StatusOK || strings.Contains(body, "2001-02-03") || strings.Contains(body, "943 476 5919") || strings.Contains(body, "Peter Quill") {
			t.Errorf("support worker GET %s = %d, lists a request with nothing released", p, res.StatusCode)
		}
	}
}

// TestSearchSyntaxError: a search the index cannot read answers 400 with
// a plain message on the search page (and in the API), never 500.
func TestSearchSyntaxError(t *testing.T) {
	e := newEnv(t, nil)
	srv, err := web.New(web.Config{LoginPerMinute: 1000}, web.Deps{Store: pgstore.New(e.db, nil), Sessions: pgxstore.New(e.db.Pool),
		Search: &pgstore.Searcher{DB: e.db, DataDir: t.TempDir()}})
	if err != nil {
		t.Fatal(err)
	}
	es := *e
	es.ts = httptest.NewServer(srv.Handler())
	defer es.ts.Close()
	c := es.login(string(workflow.RoleIGOfficer))
	base := "/requests/" + itoa64(e.reqID) + "/search?q="
	if res, body := c.do("GET", base+"visit", nil, nil); res.StatusCode != http.StatusOK || !strings.Contains(body, "documents found") {
		t.Fatalf("search visit = %d", res.StatusCode)
	}
	for _, q := range []string{`"`, `a:`, `/`, `\`, `"open`, `a:"`} {
		res, body := c.do("GET", base+url.QueryEscape(q), nil, nil)
		if res.StatusCode != http.StatusBadRequest || !strings.Contains(body, "The search could not be read") || !strings.Contains(body, `id="q"`) {
			t.Errorf("search %q = %d, want 400 with the message on the search page", q, res.StatusCode)
		}
		res, body = c.do("GET", "/api/v1"+base+url.QueryEscape(q), nil, nil)
		if res.StatusCode != http.StatusBadRequest || !strings.Contains(body, "could not be read") {
			t.Errorf("API search %q = %d %.100s, want 400", q, res.StatusCode, body)
		}
	}
}

// TestFormsShowTheirPageAgain: a refused form answers its page again with
// the message (not a bare error page); uploads and folders are refused on
// a withdrawn request.
func TestFormsShowTheirPageAgain(t *testing.T) {
	e := newEnv(t, nil)
	officer := e.login(string(workflow.RoleIGOfficer))
	reqPath := "/requests/" + itoa64(e.reqID)
	res, body := officer.post(reqPath+"/clock", url.Values{"kind": {"id_asked"}, "date": {"3rd of May"}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "YYYY-MM-DD") || !strings.Contains(body, `action="`+reqPath+`/clock"`) {
		t.Errorf("clock form with a bad date = %d, want 422 with the request page and the message", res.StatusCode)
	}
	if _, err := e.db.SetStatus(context.Background(), 0, e.reqID, officer.request(e.reqID).Request.Version, workflow.StatusWithdrawn, "test"); err != nil {
		t.Fatal(err)
	}
	res, body = officer.post(reqPath+"/locations", url.Values{"name": {"drive"}, "path": {"/tmp"}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "withdrawn") {
		t.Errorf("attach a folder to a withdrawn request = %d, want 422 saying it is withdrawn", res.StatusCode)
	}
	res, body = officer.postJSON("/api/v1"+reqPath+"/uploads", `{}`)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "withdrawn") {
		t.Errorf("upload to a withdrawn request = %d %.200s, want 422 saying it is withdrawn", res.StatusCode, body)
	}
}

// TestCertificateTable: the bundle page shows the leak-check certificate
// as a table in words, not JSON.
func TestCertificateTable(t *testing.T) {
	e := newEnv(t, nil)
	officer := e.login(string(workflow.RoleIGOfficer))
	cert := bundle.Certificate{Strings: 305, Skipped: 2, Objects: 812, Pages: 143, SHA256: "9f86d081884c7d65", Encrypted: false,
		Date: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
	e.storeBundle(1, nil, service.Certificate{Certificate: cert, Warnings: []string{"page 2 of document 1 set as text"}})
	_, body := officer.do("GET", "/requests/"+itoa64(e.reqID)+"/bundles", nil, nil)
	for _, want := range []string{"We searched the 143 pages of text and 812 PDF objects for 305 strings", "none was found",
		"<th scope=\"row\">SHA-256 of the file</th><td><code class=\"digest\">9f86d081884c7d65</code>", "2 Mar 2026 09:00",
		"page 2 of document 1 set as text"} {
		if !strings.Contains(body, want) {
			t.Errorf("bundle page lacks %q", want)
		}
	}
	if strings.Contains(body, `"Strings"`) {
		t.Errorf("bundle page shows the certificate as JSON")
	}
}
