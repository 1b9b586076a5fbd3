package pgstore_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/disclose-sar/disclose/internal/workflow"
)

// fill puts concrete values into a route pattern.
func (e *env) fill(path string) string {
	r := strings.NewReplacer(":id", itoa64(e.reqID), ":doc", e.docKey, ":aid", "999999", ":bid", "999999", ":uid", "999999")
	return r.Replace(path)
}

// TestRoleRouteMatrix sends every route as every role: a role the matrix
// allows is never refused (403), one it does not is always refused, and
// nobody signed out gets in (401 for the API, a redirect to sign in for
// pages).
func TestRoleRouteMatrix(t *testing.T) {
	e := newEnv(t, nil)
	routes := e.srv.Routes()
	if len(routes) < 40 {
		t.Fatalf("Routes() lists %d routes, want every page and API route", len(routes))
	}
	for _, role := range workflow.Roles {
		c := e.login(string(role))
		for _, rt := range routes {
			path := e.fill(rt.Path)
			res, _ := c.do(rt.Method, path, url.Values{"csrf_token": {c.csrf}}, map[string]string{"X-CSRF-Token": c.csrf})
			allowed := rt.Action == "" || workflow.Allowed([]workflow.Role{role}, rt.Action)
			switch {
			case allowed && (res.StatusCode == http.StatusForbidden || res.StatusCode == http.StatusUnauthorized):
				t.Errorf("%s %s as %s = %d, want allowed", rt.Method, rt.Path, role, res.StatusCode)
			case !allowed && res.StatusCode != http.StatusForbidden:
				t.Errorf("%s %s as %s = %d, want 403", rt.Method, rt.Path, role, res.StatusCode)
			}
			if strings.HasSuffix(rt.Path, "/logout") {
				c.signIn(string(role))
			}
		}
	}
	anon := e.anon()
	for _, rt := range routes {
		res, _ := anon.do(rt.Method, e.fill(rt.Path), url.Values{}, nil)
		want := http.StatusUnauthorized
		if !strings.HasPrefix(rt.Path, "/api/") {
			want = http.StatusSeeOther
		}
		if res.StatusCode != want {
			t.Errorf("%s %s signed out = %d, want %d", rt.Method, rt.Path, res.StatusCode, want)
		}
		if want == http.StatusSeeOther && !strings.HasPrefix(res.Header.Get("Location"), "/login") {
			t.Errorf("%s %s signed out redirects to %q, want /login", rt.Method, rt.Path, res.Header.Get("Location"))
		}
	}
}

// TestOtherTeam: a user of another team cannot open the request, even with
// a role that may.
func TestOtherTeam(t *testing.T) {
	e := newEnv(t, nil)
	c := e.login("other_team")
	for _, p := range []string{"/requests/:id", "/requests/:id/documents/:doc", "/api/v1/requests/:id/suggestions"} {
		if res, _ := c.do("GET", e.fill(p), nil, nil); res.StatusCode != http.StatusForbidden {
			t.Errorf("GET %s by another team = %d, want 403", p, res.StatusCode)
		}
	}
	res, body := c.do("GET", "/api/v1/requests", nil, nil)
	if res.StatusCode != 200 || strings.Contains(body, `"id":`+itoa64(e.reqID)+`,`) {
		t.Errorf("GET /api/v1/requests by another team = %d, lists the request: %v", res.StatusCode, strings.Contains(body, "Peter"))
	}
}

// TestCSRF: a state change without the session's token is refused, with
// it accepted; a cross-site POST is refused even with the token.
func TestCSRF(t *testing.T) {
	e := newEnv(t, nil)
	c := e.login(string(workflow.RoleIGOfficer))
	decide := url.Values{"suggestion_id": {e.sugIDs[0]}, "doc_id": {e.docKey}, "version": {"1"}, "decision": {"accept"}}
	path := "/requests/" + itoa64(e.reqID) + "/decisions"
	if res, _ := c.do("POST", path, decide, nil); res.StatusCode != http.StatusForbidden {
		t.Errorf("POST decision without CSRF token = %d, want 403", res.StatusCode)
	}
	bad := url.Values{"csrf_token": {"not-the-token"}}
	for k, v := range decide {
		bad[k] = v
	}
	if res, _ := c.do("POST", path, bad, nil); res.StatusCode != http.StatusForbidden {
		t.Errorf("POST decision with a wrong CSRF token = %d, want 403", res.StatusCode)
	}
	if res, _ := c.do("POST", path, decide, map[string]string{"X-CSRF-Token": c.csrf, "Sec-Fetch-Site": "cross-site"}); res.StatusCode != http.StatusForbidden {
		t.Errorf("cross-site POST with the token = %d, want 403", res.StatusCode)
	}
	if res, body := c.post(path, decide); res.StatusCode != http.StatusSeeOther {
		t.Errorf("POST decision with the token = %d, want 303: %.300s", res.StatusCode, body)
	}
	// The login form needs the token too (login CSRF).
	a := e.anon()
	u := e.users[string(workflow.RoleIGOfficer)]
	if res, _ := a.do("POST", "/login", url.Values{"email": {u.email}, "password": {u.password}}, nil); res.StatusCode != http.StatusForbidden {
		t.Errorf("POST /login without token = %d, want 403", res.StatusCode)
	}
}

// TestConcurrentDecisions: two reviewers decide one suggestion at the
// same version at once: exactly one wins, the other gets 409, and the
// winner's decision is what a reload shows.
func TestConcurrentDecisions(t *testing.T) {
	e := newEnv(t, nil)
	a := e.login(string(workflow.RoleIGOfficer))
	b := e.login(string(workflow.RoleManager))
	path := "/api/v1/requests/" + itoa64(e.reqID) + "/decisions"
	body := func(kind string) string {
		return `{"suggestion_id":"` + e.sugIDs[1] + `","doc_id":"` + e.docKey + `","version":1,"decision":"` + kind + `","reason":"checked"}`
	}
	var wg sync.WaitGroup
	codes := make([]int, 2)
	for i, c := range []*client{a, b} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			kind := []string{"accept", "reject"}[i]
			res, _ := c.postJSON(path, body(kind))
			codes[i] = res.StatusCode
		}()
	}
	wg.Wait()
	ok, conflict := 0, 0
	for _, code := range codes {
		switch code {
		case http.StatusOK:
			ok++
		case http.StatusConflict:
			conflict++
		}
	}
	if ok != 1 || conflict != 1 {
		t.Fatalf("two concurrent decisions = %v, want one 200 and one 409", codes)
	}
	res, page := a.do("GET", "/api/v1/requests/"+itoa64(e.reqID)+"/suggestions?doc="+e.docKey, nil, nil)
	if res.StatusCode != 200 {
		t.Fatalf("GET suggestions = %d", res.StatusCode)
	}
	if n := strings.Count(page, `"decision":{`); n != 1 {
		t.Errorf("after the race %d suggestions are decided, want 1", n)
	}
}

// TestLoginThrottle: wrong passwords lock the account (the store's
// lock-out); the page says so without telling which part was wrong.
func itoa64(n int64) string { return strconv.FormatInt(n, 10) }
