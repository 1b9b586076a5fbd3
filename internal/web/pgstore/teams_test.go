package pgstore_test

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/web"
	"github.com/disclose-sar/disclose/internal/web/pgstore"
	"github.com/disclose-sar/disclose/internal/workflow"
)

// TestServesSeveralTeams: a legal adviser in a team of their own sees
// nothing of team alpha's request until the admin screen adds alpha to the
// teams they serve; then its approvals reach their queue and its pages
// open, while a team they do not serve stays closed. Taking the team away
// closes it again.
func TestServesSeveralTeams(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, nil)
	e.addUser("own_legal", "Legal services", []workflow.Role{workflow.RoleLegal})
	st := pgstore.New(e.db, nil)
	officer := e.users[string(workflow.RoleIGOfficer)].user
	items, err := st.Suggestions(ctx, e.reqID, e.docKey)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Decide(ctx, officer, e.reqID, web.DecisionInput{SuggestionID: items[0].ID, DocID: e.docKey, Version: items[0].Version,
		DecisionInput: workflow.DecisionInput{Kind: workflow.DecisionDisclose, Basis: workflow.BasisKnown, Reason: "known to the requester"}}); err != nil {
		t.Fatal(err)
	}
	// A request of team beta, which the adviser will not serve.
	other := e.users["other_team"].user
	beta, err := e.db.CreateRequest(ctx, other.ID, record.Request{Subject: record.Subject{Name: "Sam Other"},
		Requester: record.Requester{Kind: record.RequesterSubject}, Received: time.Now(), Team: other.TeamID})
	if err != nil {
		t.Fatal(err)
	}
	betaReq := beta.ID

	legal := e.login("own_legal")
	reqPath := "/requests/" + itoa64(e.reqID)
	if res, _ := legal.do("GET", reqPath, nil, nil); res.StatusCode != http.StatusForbidden && res.StatusCode != http.StatusNotFound {
		t.Errorf("legal of another team opens alpha's request = %d, want refused", res.StatusCode)
	}
	if _, body := legal.do("GET", "/approvals", nil, nil); !strings.Contains(body, `id="empty-why"`) {
		t.Errorf("legal serving no team with requests: the empty queue does not say why")
	}

	admin := e.login(string(workflow.RoleAdmin))
	uid := itoa64(e.users["own_legal"].user.ID)
	if res, body := admin.post("/admin/users/"+uid+"/access", url.Values{"roles": {"legal"}, "team": {"Legal services"},
		"also_serves": {"ALPHA, Legal services"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("set the teams served = %d: %.300s", res.StatusCode, body)
	}
	acc := findAccount(t, e, e.users["own_legal"].email)
	alpha := officer.TeamID
	if !slices.Equal(acc.AlsoServes, []int64{alpha}) || !slices.Equal(acc.AlsoServesNames, []string{"alpha"}) {
		t.Errorf("also serves = %v %q; want alpha only (their own team is not repeated)", acc.AlsoServes, acc.AlsoServesNames)
	}
	if _, body := admin.do("GET", "/admin/users", nil, nil); !strings.Contains(body, `value="alpha"`) {
		t.Errorf("the admin screen does not show the team served")
	}

	// The adviser's session sees the change at once.
	if res, _ := legal.do("GET", reqPath, nil, nil); res.StatusCode != http.StatusOK {
		t.Errorf("legal serving alpha opens alpha's request = %d, want 200", res.StatusCode)
	}
	res, body := legal.do("GET", "/api/v1/approvals", nil, nil)
	if res.StatusCode != http.StatusOK || !strings.Contains(body, `"request_id":`+itoa64(e.reqID)) {
		t.Errorf("legal serving alpha: approvals queue = %d %.300s; want alpha's pending approval", res.StatusCode, body)
	}
	if res, _ := legal.do("GET", "/requests/"+itoa64(betaReq), nil, nil); res.StatusCode == http.StatusOK {
		t.Errorf("legal opens team beta's request, which they do not serve")
	}

	if res, _ := admin.post("/admin/users/"+uid+"/access", url.Values{"roles": {"legal"}, "team": {"Legal services"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("clear the teams served = %d", res.StatusCode)
	}
	if res, _ := legal.do("GET", reqPath, nil, nil); res.StatusCode == http.StatusOK {
		t.Errorf("legal opens alpha's request after alpha was taken from the teams they serve")
	}
}
