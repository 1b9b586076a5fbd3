package pgstore_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/disclose-sar/disclose/internal/postgres"
	"github.com/disclose-sar/disclose/internal/workflow"
)

// lastAudit returns how many rows of action the log holds and the newest.
func (e *env) lastAudit(action string) (int, postgres.AuditEntry) {
	e.t.Helper()
	ctx := context.Background()
	var n int
	var a postgres.AuditEntry
	err := e.db.Pool.QueryRow(ctx, `SELECT count(*) FROM audit_log WHERE action = $1`, action).Scan(&n)
	if err != nil {
		e.t.Fatalf("count audit %s: %v", action, err)
	}
	if n == 0 {
		return 0, a
	}
	err = e.db.Pool.QueryRow(ctx, `SELECT coalesce(user_id, 0), coalesce(request_id, 0), object, detail FROM audit_log
		WHERE action = $1 ORDER BY id DESC LIMIT 1`, action).Scan(&a.UserID, &a.RequestID, &a.Object, &a.Detail)
	if err != nil {
		e.t.Fatalf("read audit %s: %v", action, err)
	}
	return n, a
}

// TestReadsAudited: reading the suggestion list, the person register and
// the approvals queue, as a page or through the API, writes exactly one
// audit row naming the user, the request and what was read, and no text.
func TestReadsAudited(t *testing.T) {
	e := newEnv(t, nil)
	officer := e.login(string(workflow.RoleIGOfficer))
	legal := e.login(string(workflow.RoleLegal))
	// A disclosure waiting for legal puts one item in the approvals queue.
	dec := `{"suggestion_id":"` + e.sugIDs[0] + `","doc_id":"` + e.docKey + `","version":1,"decision":"disclose","basis":"already_known","reason":"known to the requester"}`
	if res, body := officer.postJSON("/api/v1/requests/"+itoa64(e.reqID)+"/decisions", dec); res.StatusCode != http.StatusOK {
		t.Fatalf("disclose decision = %d: %.300s", res.StatusCode, body)
	}
	req := "/requests/" + itoa64(e.reqID)
	for _, tc := range []struct {
		name, path, action, object string
		c                          *client
		reqID                      int64
		status                     int
	}{
		{"suggestions API", "/api/v1" + req + "/suggestions", "suggestion.list", "suggestions", officer, e.reqID, 200},
		{"suggestions of a document API", "/api/v1" + req + "/suggestions?doc=" + e.docKey, "suggestion.list", "suggestions of document " + e.docKey, officer, e.reqID, 200},
		{"suggestions page", req + "/suggestions", "suggestion.list", "suggestions", officer, e.reqID, http.StatusSeeOther},
		{"People page", req + "/persons", "person.list", "person register", officer, e.reqID, 200},
		{"persons API", "/api/v1" + req + "/persons", "person.list", "person register", officer, e.reqID, 200},
		{"approvals page", "/approvals", "approval.list", "approvals queue", legal, 0, 200},
		{"approvals API", "/api/v1/approvals", "approval.list", "approvals queue", legal, 0, 200},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before, _ := e.lastAudit(tc.action)
			res, body := tc.c.do("GET", tc.path, nil, nil)
			if res.StatusCode != tc.status {
				t.Fatalf("GET %s = %d, want %d: %.200s", tc.path, res.StatusCode, tc.status, body)
			}
			after, a := e.lastAudit(tc.action)
			if after != before+1 {
				t.Fatalf("GET %s wrote %d %s audit rows, want 1", tc.path, after-before, tc.action)
			}
			u := e.users[string(workflow.RoleIGOfficer)].user
			if tc.c == legal {
				u = e.users[string(workflow.RoleLegal)].user
			}
			if a.UserID != u.ID || a.RequestID != tc.reqID || a.Object != tc.object {
				t.Errorf("audit row = user %d request %d object %q, want %d %d %q", a.UserID, a.RequestID, a.Object, u.ID, tc.reqID, tc.object)
			}
			if _, ok := a.Detail["count"]; !ok {
				t.Errorf("audit detail %v has no count", a.Detail)
			}
			if tc.action == "approval.list" {
				if rs, _ := a.Detail["requests"].([]any); len(rs) != 1 || rs[0] != float64(e.reqID) {
					t.Errorf("approvals audit requests = %v, want [%d]", a.Detail["requests"], e.reqID)
				}
			}
			raw, _ := json.Marshal(a)
			for _, secret := range []string{"Drax", "Destroyer", "01632", "Peter", "Quill", "Neighbour A", "known to the requester"} {
				if strings.Contains(string(raw), secret) {
					t.Errorf("audit row holds %q: %s", secret, raw)
				}
			}
		})
	}
	// A request of another team is refused and so reads nothing.
	other := e.login("other_team")
	before, _ := e.lastAudit("person.list")
	if res, _ := other.do("GET", "/api/v1"+req+"/persons", nil, nil); res.StatusCode == 200 {
		t.Errorf("other team read the person register")
	}
	if after, _ := e.lastAudit("person.list"); after != before {
		t.Errorf("a refused read wrote %d audit rows", after-before)
	}
}
