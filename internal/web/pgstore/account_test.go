package pgstore_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/alexedwards/scs/pgxstore"

	"github.com/disclose-sar/disclose/internal/pgtest"
	"github.com/disclose-sar/disclose/internal/postgres"
	"github.com/disclose-sar/disclose/internal/web"
	"github.com/disclose-sar/disclose/internal/web/pgstore"
	"github.com/disclose-sar/disclose/internal/workflow"
)

// withOneTimePassword adds a user who still holds the one-time password
// CreateUser gave them.
func (e *env) withOneTimePassword(key, team string, roles ...workflow.Role) cred {
	e.t.Helper()
	u, pw, err := e.db.CreateUser(context.Background(), 0, postgres.NewUser{Email: key + "@example.test", Name: "Test " + key, Roles: roles, Team: team})
	if err != nil {
		e.t.Fatalf("CreateUser %s: %v", key, err)
	}
	c := cred{email: u.Email, password: pw, user: u}
	e.users[key] = c
	return c
}

// signInForm posts the sign-in form and returns the answer.
func (c *client) signInForm(email, password, next string) (*http.Response, string) {
	_, body := c.do("GET", "/login", nil, nil)
	tok := formValue(c.e.t, body, "csrf_token")
	return c.do("POST", "/login", url.Values{"csrf_token": {tok}, "email": {email}, "password": {password}, "next": {next}}, nil)
}

// sessionRows counts the session store's rows.
func (e *env) sessionRows() int {
	e.t.Helper()
	var n int
	if err := e.db.Pool.QueryRow(context.Background(), `SELECT count(*) FROM sessions`).Scan(&n); err != nil {
		e.t.Fatal(err)
	}
	return n
}

// TestForcedPasswordChange: a user signing in with a one-time password is
// sent to choose their own, can open nothing else first, and is refused a
// short or common password with the page shown again; after the change
// the one-time password no longer works.
func TestForcedPasswordChange(t *testing.T) {
	e := newEnv(t, nil)
	u := e.withOneTimePassword("newcomer", "alpha", workflow.RoleIGOfficer)
	c := e.anon()
	res, _ := c.signInForm(u.email, u.password, "/requests")
	if loc := res.Header.Get("Location"); res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/account/password") {
		t.Fatalf("sign-in with a one-time password = %d to %q, want 303 to /account/password", res.StatusCode, loc)
	}
	res, _ = c.do("GET", "/requests", nil, nil)
	if loc := res.Header.Get("Location"); res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/account/password") {
		t.Errorf("GET /requests before the change = %d to %q, want 303 to /account/password", res.StatusCode, loc)
	}
	res, body := c.do("GET", "/account/password", nil, nil)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET /account/password = %d", res.StatusCode)
	}
	c.csrf = formValue(t, body, "csrf_token")
	for _, tt := range []struct{ current, new, confirm, want string }{
		{u.password, "short", "short", "at least 12 characters"},
		{u.password, "password1234", "password1234", "commonly used"},
		{u.password, "qwertyuiop123!", "qwertyuiop123!", "commonly used"},
		{u.password, "a long enough phrase", "a different phrase!!", "differ"},
		{"not the password", "a long enough phrase", "a long enough phrase", "current password is not right"},
	} {
		res, body := c.post("/account/password", url.Values{"current": {tt.current}, "new": {tt.new}, "confirm": {tt.confirm}})
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, tt.want) || !strings.Contains(body, `action="/account/password"`) {
			t.Errorf("change to %q = %d, want 422 and the form again saying %q", tt.new, res.StatusCode, tt.want)
		}
	}
	res, _ = c.post("/account/password", url.Values{"current": {u.password}, "new": {"lantern orchard pebble"}, "confirm": {"lantern orchard pebble"}, "next": {"/requests"}})
	if loc := res.Header.Get("Location"); res.StatusCode != http.StatusSeeOther || loc != "/requests" {
		t.Fatalf("good change = %d to %q, want 303 to /requests", res.StatusCode, loc)
	}
	if res, _ := c.do("GET", "/requests", nil, nil); res.StatusCode != http.StatusOK {
		t.Errorf("GET /requests after the change = %d, want 200 (the session goes on)", res.StatusCode)
	}
	if res, _ := e.anon().signInForm(u.email, u.password, ""); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("sign-in with the old one-time password = %d, want 401", res.StatusCode)
	}
	if res, _ := e.anon().signInForm(u.email, "lantern orchard pebble", ""); res.StatusCode != http.StatusSeeOther {
		t.Errorf("sign-in with the new password = %d, want 303", res.StatusCode)
	}
}

// TestResetEndsSessions: `disclose user reset` (ResetPassword) and the
// admin screen's reset end every session of the user; changing one's own
// password ends the others but not the one that changed it.
func TestResetEndsSessions(t *testing.T) {
	e := newEnv(t, nil)
	key := string(workflow.RoleIGOfficer)
	a, b := e.login(key), e.login(key)
	if _, err := e.db.ResetPassword(context.Background(), 0, e.users[key].email); err != nil {
		t.Fatal(err)
	}
	for i, c := range []*client{a, b} {
		if res, _ := c.do("GET", "/api/v1/me", nil, nil); res.StatusCode != http.StatusUnauthorized {
			t.Errorf("session %d after reset: GET /api/v1/me = %d, want 401", i, res.StatusCode)
		}
	}
	// The admin screen's reset.
	other := e.login(string(workflow.RoleLegal))
	admin := e.login(string(workflow.RoleAdmin))
	res, body := admin.post("/admin/users/"+itoa64(e.users[string(workflow.RoleLegal)].user.ID)+"/reset", nil)
	if res.StatusCode != http.StatusOK || !strings.Contains(body, `id="one-time-password"`) {
		t.Fatalf("admin reset = %d, want 200 showing the one-time password", res.StatusCode)
	}
	if res, _ := other.do("GET", "/api/v1/me", nil, nil); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("session after the admin's reset: GET /api/v1/me = %d, want 401", res.StatusCode)
	}
	// Changing one's own password: this session stays, the other ends.
	m := string(workflow.RoleManager)
	c1, c2 := e.login(m), e.login(m)
	res, _ = c1.post("/account/password", url.Values{"current": {e.users[m].password}, "new": {"copper kettle winter"}, "confirm": {"copper kettle winter"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("change password = %d, want 303", res.StatusCode)
	}
	if res, _ := c1.do("GET", "/api/v1/me", nil, nil); res.StatusCode != http.StatusOK {
		t.Errorf("the changing session: GET /api/v1/me = %d, want 200", res.StatusCode)
	}
	if res, _ := c2.do("GET", "/api/v1/me", nil, nil); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("the other session: GET /api/v1/me = %d, want 401", res.StatusCode)
	}
}

// TestNoSessionBeforeSignIn: anonymous visits to the sign-in page, a
// failed sign-in and an unknown page write no session row; signing in does.
func TestNoSessionBeforeSignIn(t *testing.T) {
	e := newEnv(t, nil)
	before := e.sessionRows()
	c := e.anon()
	for range 3 {
		if res, _ := c.do("GET", "/login", nil, nil); res.StatusCode != http.StatusOK {
			t.Fatalf("GET /login = %d", res.StatusCode)
		}
	}
	c.do("GET", "/no-such-page", nil, nil)
	if res, _ := c.signInForm("legal@example.test", "wrong password", ""); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("wrong password = %d, want 401", res.StatusCode)
	}
	if got := e.sessionRows(); got != before {
		t.Errorf("session rows after anonymous visits = %d, want %d", got, before)
	}
	c.signIn(string(workflow.RoleLegal))
	if got := e.sessionRows(); got != before+1 {
		t.Errorf("session rows after sign-in = %d, want %d", got, before+1)
	}
	// A sign-in form from another browser's cookie is refused.
	other := e.anon()
	_, body := other.do("GET", "/login", nil, nil)
	tok := formValue(t, body, "csrf_token")
	u := e.users[string(workflow.RoleLegal)]
	if res, _ := e.anon().do("POST", "/login", url.Values{"csrf_token": {tok}, "email": {u.email}, "password": {u.password}}, nil); res.StatusCode != http.StatusForbidden {
		t.Errorf("sign-in with another browser's token = %d, want 403", res.StatusCode)
	}
}

// TestOpenRedirect: whatever next says, sign-in lands on this site.
func TestOpenRedirect(t *testing.T) {
	e := newEnv(t, nil)
	for next, want := range map[string]string{
		"/requests?all=true":      "/requests?all=true",
		"/%09/evil.example":       "/",
		"/\t/evil.example":        "/",
		"//evil.example":          "/",
		"/\\evil.example":         "/",
		"/%5Cevil.example":        "/",
		"/%2F/evil.example":       "/",
		"https://evil.example/":   "/",
		"javascript:alert(1)":     "/",
		"evil.example":            "/",
		"/%0d%0aLocation:%20x":    "/",
		"http:/evil.example":      "/",
		"/./\\evil.example":       "/",
		"/requests#section-two":   "/requests#section-two",
		" /requests":              "/",
		"/\x00evil":               "/",
		"/requests/1/search?q=a:": "/requests/1/search?q=a:",
	} {
		res, _ := e.anon().signInForm(e.users[string(workflow.RoleLegal)].email, e.users[string(workflow.RoleLegal)].password, next)
		if got := res.Header.Get("Location"); res.StatusCode != http.StatusSeeOther || got != want {
			t.Errorf("sign-in with next=%q = %d to %q, want 303 to %q", next, res.StatusCode, got, want)
		}
	}
}

// TestLoginThrottle: after ThrottleFree failures one (email, address)
// pair waits, with the same answer for a real and an unknown email; the
// password is not even checked then. The account is not locked: its owner
// signs in from elsewhere, and an administrator's reset lifts the wait.
func TestLoginThrottle(t *testing.T) {
	e := newEnv(t, nil)
	u := e.users[string(workflow.RoleLegal)]
	answers := map[string][2]string{}
	for _, email := range []string{u.email, "nobody@example.test"} {
		c := e.anon()
		var code int
		var body string
		for range postgres.ThrottleFree + 1 {
			res, b := c.signInForm(email, "wrong password", "")
			code, body = res.StatusCode, b
		}
		res, b := c.signInForm(email, u.password, "") // even the right password waits
		if res.StatusCode != http.StatusTooManyRequests || code != http.StatusTooManyRequests {
			t.Errorf("%s after %d failures = %d then %d, want 429", email, postgres.ThrottleFree+1, code, res.StatusCode)
		}
		_ = body
		answers[email] = [2]string{itoa64(int64(res.StatusCode)), errorText(t, b)}
	}
	if answers[u.email] != answers["nobody@example.test"] {
		t.Errorf("throttled answers differ: real %q, unknown %q", answers[u.email], answers["nobody@example.test"])
	}
	// The owner from another address signs in (the store sees the address).
	if _, err := e.db.Login(context.Background(), u.email, u.password, "192.0.2.99"); err != nil {
		t.Errorf("the owner from another address: %v, want signed in", err)
	}
	// A reset clears the wait.
	pw, err := e.db.ResetPassword(context.Background(), 0, u.email)
	if err != nil {
		t.Fatal(err)
	}
	if res, _ := e.anon().signInForm(u.email, pw, ""); res.StatusCode != http.StatusSeeOther {
		t.Errorf("sign-in after reset = %d, want 303", res.StatusCode)
	}
	// Wrong password and unknown email: one answer.
	r1, b1 := e.anon().signInForm(e.users[string(workflow.RoleManager)].email, "wrong password", "")
	r2, b2 := e.anon().signInForm("someone@example.test", "wrong password", "")
	if r1.StatusCode != r2.StatusCode || errorText(t, b1) != errorText(t, b2) {
		t.Errorf("wrong password %d %q, unknown email %d %q: want the same", r1.StatusCode, errorText(t, b1), r2.StatusCode, errorText(t, b2))
	}
}

// errorText is the text of a page's error summary.
func errorText(t testing.TB, page string) string {
	i := strings.Index(page, `class="error-summary"`)
	if i < 0 {
		return ""
	}
	j := strings.Index(page[i:], "</div>")
	return page[i : i+j]
}

// TestHealthAndDatabaseDown: /healthz is 200 with PostgreSQL up and 503
// with it gone, and the sign-in page then says the database is not
// available (503) instead of "session error".
func TestHealthAndDatabaseDown(t *testing.T) {
	pool := pgtest.NewPool(t)
	db := postgres.New(pool)
	srv, err := web.New(web.Config{}, web.Deps{Store: pgstore.New(db, nil), Sessions: pgxstore.New(pool)})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	get := func(path string, cookie *http.Cookie) (int, string) {
		req, _ := http.NewRequest("GET", ts.URL+path, nil)
		if cookie != nil {
			req.AddCookie(cookie)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		var b strings.Builder
		buf := make([]byte, 4096)
		for {
			n, err := res.Body.Read(buf)
			b.Write(buf[:n])
			if err != nil {
				break
			}
		}
		return res.StatusCode, b.String()
	}
	if code, body := get("/healthz", nil); code != http.StatusOK || body != "ok" {
		t.Errorf("GET /healthz = %d %q, want 200 ok", code, body)
	}
	pool.Close()
	if code, _ := get("/healthz", nil); code != http.StatusServiceUnavailable {
		t.Errorf("GET /healthz with the database closed = %d, want 503", code)
	}
	for _, ck := range []*http.Cookie{nil, {Name: "disclose_session", Value: "some-session-token"}} {
		code, body := get("/login", ck)
		if code != http.StatusServiceUnavailable || !strings.Contains(body, "database is not available") || strings.Contains(body, "session error") {
			t.Errorf("GET /login (cookie %v) with the database closed = %d, want 503 saying the database is not available: %.200s", ck != nil, code, body)
		}
	}
}

// TestHSTS: Strict-Transport-Security only when configured (serve).
func TestHSTS(t *testing.T) {
	e := newEnv(t, nil)
	if res, _ := e.anon().do("GET", "/login", nil, nil); res.Header.Get("Strict-Transport-Security") != "" {
		t.Errorf("HSTS without the setting: %q", res.Header.Get("Strict-Transport-Security"))
	}
	srv, err := web.New(web.Config{HSTS: true}, web.Deps{Store: pgstore.New(e.db, nil), Sessions: pgxstore.New(e.db.Pool)})
	if err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	srv.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/login", nil))
	if got := rec.Header().Get("Strict-Transport-Security"); !strings.Contains(got, "max-age=31536000") {
		t.Errorf("HSTS with the setting = %q, want max-age=31536000", got)
	}
}
