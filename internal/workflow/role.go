package workflow

import "slices"

// Role is a user's job in the service.
type Role string

// Roles.
const (
	RoleIGOfficer     Role = "ig_officer" // information governance: logs requests, runs the clock, reviews
	RoleLegal         Role = "legal"      // approves third-party disclosure and exemptions
	RoleManager       Role = "manager"    // oversees the team's requests
	RoleSupportWorker Role = "support_worker"
	RoleAdmin         Role = "admin" // users and teams; sees every team
)

// Roles lists every role.
var Roles = []Role{RoleIGOfficer, RoleLegal, RoleManager, RoleSupportWorker, RoleAdmin}

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return slices.Contains(Roles, r) }

// Action is something a user asks to do.
type Action string

// Actions.
const (
	ActionRequestList     Action = "request.list"
	ActionRequestView     Action = "request.view"
	ActionRequestCreate   Action = "request.create"
	ActionRequestEdit     Action = "request.edit" // details, assignee, status, clock events
	ActionDocumentView    Action = "document.view"
	ActionDocumentAdd     Action = "document.add" // attach a folder, upload, run ingestion/OCR
	ActionSearch          Action = "search"
	ActionDecide          Action = "decision.make" // accept, reject, change span, manual, withhold, disclose, undo
	ActionApprove         Action = "approval.decide"
	ActionConsult         Action = "consultation.edit"
	ActionBundleCreate    Action = "bundle.create"
	ActionBundleDownload  Action = "bundle.download"
	ActionReleasedBundles Action = "bundle.released" // read bundles already disclosed
	ActionUserAdmin       Action = "user.admin"
	ActionAuditView       Action = "audit.view"
)

// permissions is the role × action matrix as data. support_worker reads
// released bundles only: they help a care leaver through what was disclosed.
var permissions = map[Action][]Role{
	ActionRequestList:     {RoleIGOfficer, RoleLegal, RoleManager, RoleAdmin, RoleSupportWorker},
	ActionRequestView:     {RoleIGOfficer, RoleLegal, RoleManager, RoleAdmin},
	ActionRequestCreate:   {RoleIGOfficer, RoleManager},
	ActionRequestEdit:     {RoleIGOfficer, RoleManager},
	ActionDocumentView:    {RoleIGOfficer, RoleLegal, RoleManager},
	ActionDocumentAdd:     {RoleIGOfficer, RoleManager},
	ActionSearch:          {RoleIGOfficer, RoleLegal, RoleManager},
	ActionDecide:          {RoleIGOfficer, RoleManager},
	ActionApprove:         {RoleLegal},
	ActionConsult:         {RoleIGOfficer, RoleLegal, RoleManager},
	ActionBundleCreate:    {RoleIGOfficer, RoleManager},
	ActionBundleDownload:  {RoleIGOfficer, RoleManager, RoleLegal},
	ActionReleasedBundles: {RoleIGOfficer, RoleManager, RoleLegal, RoleSupportWorker},
	ActionUserAdmin:       {RoleAdmin},
	ActionAuditView:       {RoleAdmin, RoleManager},
}

// Actions lists every action, for tables of the matrix.
func Actions() []Action {
	out := make([]Action, 0, len(permissions))
	for a := range permissions {
		out = append(out, a)
	}
	slices.Sort(out)
	return out
}

// Allowed reports whether any of roles may do action.
func Allowed(roles []Role, action Action) bool {
	for _, r := range roles {
		if slices.Contains(permissions[action], r) {
			return true
		}
	}
	return false
}

// User is who is acting, as the domain sees them.
type User struct {
	ID     int64  `json:"id"`
	Email  string `json:"email"`
	Name   string `json:"name"`
	Roles  []Role `json:"roles"`
	TeamID int64  `json:"team_id,omitempty"` // own team, where the requests they log belong; 0 = no team
	// AlsoServes are the other teams whose requests the user sees and works:
	// legal advisers and support workers serve the teams that send them work.
	AlsoServes []int64 `json:"also_serves,omitempty"`
}

// Teams are every team the user serves, their own first.
func (u User) Teams() []int64 {
	var out []int64
	if u.TeamID != 0 {
		out = append(out, u.TeamID)
	}
	for _, t := range u.AlsoServes {
		if t != 0 && t != u.TeamID {
			out = append(out, t)
		}
	}
	return out
}

// Serves reports whether team is the user's own or one they also serve.
func (u User) Serves(team int64) bool {
	return team != 0 && (team == u.TeamID || slices.Contains(u.AlsoServes, team))
}

// Has reports whether u holds role r.
func (u User) Has(r Role) bool { return slices.Contains(u.Roles, r) }

// Can reports whether u may do action at all.
func (u User) Can(action Action) bool { return Allowed(u.Roles, action) }

// CanOnRequest reports whether u may do action on a request owned by team:
// access is per request, by the teams the user serves; admins see every team.
func (u User) CanOnRequest(action Action, team int64) bool {
	if !u.Can(action) {
		return false
	}
	return u.Has(RoleAdmin) || u.Serves(team)
}

// Authorize is CanOnRequest returning an ErrForbidden error.
func (u User) Authorize(action Action, team int64) error {
	if u.CanOnRequest(action, team) {
		return nil
	}
	return Errorf(ErrForbidden, "you may not do %s on this request", action)
}
