package workflow

import (
	"errors"
	"testing"
)

func TestCheckTransition(t *testing.T) {
	tests := []struct {
		from, to Status
		ok       bool
	}{
		{StatusLogged, StatusAwaitingID, true},
		{StatusAwaitingID, StatusInProgress, true},
		{StatusInProgress, StatusInReview, true},
		{StatusInReview, StatusAwaitingApproval, true},
		{StatusAwaitingApproval, StatusReady, true},
		{StatusReady, StatusDisclosed, true},
		{StatusDisclosed, StatusInReview, true}, // staged release
		{StatusDisclosed, StatusClosed, true},
		{StatusLogged, StatusDisclosed, false},
		{StatusClosed, StatusLogged, false},
		{StatusWithdrawn, StatusInProgress, false},
		{StatusLogged, "nonsense", false},
	}
	for _, tt := range tests {
		err := CheckTransition(tt.from, tt.to)
		if (err == nil) != tt.ok {
			t.Errorf("CheckTransition(%q, %q) = %v, want ok=%v", tt.from, tt.to, err, tt.ok)
		}
		if err != nil && !errors.Is(err, ErrInvalid) {
			t.Errorf("CheckTransition(%q, %q) error kind = %v, want ErrInvalid", tt.from, tt.to, err)
		}
	}
	for _, s := range Statuses {
		for _, n := range s.Next() {
			if !n.Valid() {
				t.Errorf("%s → %s: unknown status", s, n)
			}
		}
	}
}

func TestPermissions(t *testing.T) {
	sw := User{ID: 1, Roles: []Role{RoleSupportWorker}, TeamID: 7}
	legal := User{ID: 2, Roles: []Role{RoleLegal}, TeamID: 7}
	ig := User{ID: 3, Roles: []Role{RoleIGOfficer}, TeamID: 7}
	admin := User{ID: 4, Roles: []Role{RoleAdmin}}
	tests := []struct {
		u      User
		action Action
		team   int64
		want   bool
	}{
		{sw, ActionDocumentView, 7, false},
		{sw, ActionReleasedBundles, 7, true},
		{sw, ActionReleasedBundles, 8, false},
		{legal, ActionApprove, 7, true},
		{ig, ActionApprove, 7, false},
		{ig, ActionDecide, 7, true},
		{ig, ActionDecide, 8, false}, // another team's request
		{admin, ActionUserAdmin, 0, true},
		{admin, ActionDecide, 7, false},
	}
	for _, tt := range tests {
		if got := tt.u.CanOnRequest(tt.action, tt.team); got != tt.want {
			t.Errorf("%v.CanOnRequest(%s, %d) = %v, want %v", tt.u.Roles, tt.action, tt.team, got, tt.want)
		}
	}
}

func TestDecisionInput(t *testing.T) {
	tests := []struct {
		in DecisionInput
		ok bool
	}{
		{DecisionInput{Kind: DecisionAccept}, true},
		{DecisionInput{Kind: "maybe"}, false},
		{DecisionInput{Kind: DecisionReject}, false}, // no reason
		{DecisionInput{Kind: DecisionDisclose, Reason: "mother agreed", Basis: BasisConsent}, true},
		{DecisionInput{Kind: DecisionDisclose, Reason: "x"}, false},
		{DecisionInput{Kind: DecisionChangeSpan, Start: 4, End: 4}, false},
		{DecisionInput{Kind: DecisionChangeSpan, Start: 4, End: 9}, true},
	}
	for _, tt := range tests {
		if err := tt.in.Validate(); (err == nil) != tt.ok {
			t.Errorf("Validate(%+v) = %v, want ok=%v", tt.in, err, tt.ok)
		}
	}
}
