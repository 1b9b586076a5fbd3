package web

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/disclose-sar/disclose/internal/workflow"
)

// AdminStore manages accounts and teams (the admin screen). Each change
// is audited in its own transaction.
type AdminStore interface {
	Accounts(ctx context.Context) ([]Account, error)
	Teams(ctx context.Context) ([]Team, error)
	// AddUser creates an account with a one-time password, returned to be
	// shown once.
	AddUser(ctx context.Context, by User, in NewAccount) (Account, string, error)
	// ResetUser gives a user a new one-time password (returned to be shown
	// once) and so ends every session they have.
	ResetUser(ctx context.Context, by User, id int64) (string, error)
	// SetUserDisabled disables (ending every session) or enables a user.
	SetUserDisabled(ctx context.Context, by User, id int64, disabled bool) error
	// SetUserAccess sets a user's roles, own team and the other teams they
	// also serve; team names match whatever their case and a new name makes
	// a team.
	SetUserAccess(ctx context.Context, by User, id int64, roles []workflow.Role, team string, also []string) error
}

// NewAccount is the add-user form.
type NewAccount struct {
	Email string          `json:"email"`
	Name  string          `json:"name"`
	Roles []workflow.Role `json:"roles"`
	Team  string          `json:"team"`
	// AlsoServes names other teams whose requests the user works (legal,
	// leaving-care support); the form takes them comma-separated.
	AlsoServes []string `json:"also_serves"`
}

// teamsOf reads names (teams, or roles for rolesOf) from form values, each
// a comma-separated list.
func teamsOf(vals []string) []string {
	var out []string
	for _, v := range vals {
		for _, t := range strings.Split(v, ",") {
			if t = strings.TrimSpace(t); t != "" {
				out = append(out, t)
			}
		}
	}
	return out
}

// Team is a team and how many users it has.
type Team struct {
	ID    int64  `json:"id"`
	Name  string `json:"name"`
	Users int    `json:"users"`
}

// AdminPage lists users and teams with the forms that change them. Shown
// holds a one-time password just made, with whose it is: shown once.
type AdminPage struct {
	*Page
	Accounts  []Account
	Teams     []Team
	Roles     []workflow.Role
	Shown     string
	ShownFor  string
	Error     string
	Form      NewAccount // the add form as sent, when it was refused
	FormRoles map[string]bool
}

func (s *Server) adminUsers(c *gin.Context) error {
	return s.renderAdmin(c, http.StatusOK, &AdminPage{})
}

// renderAdmin fills the admin page's lists and renders it.
func (s *Server) renderAdmin(c *gin.Context, code int, p *AdminPage) error {
	ctx := c.Request.Context()
	as, err := s.store.Accounts(ctx)
	if err != nil {
		return err
	}
	ts, err := s.store.Teams(ctx)
	if err != nil {
		return err
	}
	if isAPI(c) {
		c.JSON(http.StatusOK, gin.H{"users": as, "teams": ts})
		return nil
	}
	p.Page, p.Accounts, p.Teams, p.Roles = s.page(c, "Users and teams"), as, ts, workflow.Roles
	if p.FormRoles == nil {
		p.FormRoles = map[string]bool{}
	}
	s.render(c, code, "admin_users", p)
	return nil
}

// adminFail re-renders the admin page with a refused change's message
// (the API answers the error).
func (s *Server) adminFail(c *gin.Context, err error, p *AdminPage) error {
	if isAPI(c) || !errors.Is(err, workflow.ErrInvalid) && !errors.Is(err, workflow.ErrExists) && !errors.Is(err, workflow.ErrNotFound) {
		return err
	}
	code, msg := status(err)
	p.Error = sentence(msg)
	return s.renderAdmin(c, code, p)
}

// rolesOf reads the roles a form or body chose.
func rolesOf(vals []string) []workflow.Role {
	var out []workflow.Role
	for _, r := range teamsOf(vals) {
		out = append(out, workflow.Role(r))
	}
	return out
}

// addUser creates an account and shows its one-time password once.
func (s *Server) addUser(c *gin.Context) error {
	var in NewAccount
	if isAPI(c) {
		if err := c.ShouldBindJSON(&in); err != nil {
			return invalid("the body is not a user")
		}
	} else {
		in = NewAccount{Email: strings.TrimSpace(c.PostForm("email")), Name: strings.TrimSpace(c.PostForm("name")),
			Roles: rolesOf(c.PostFormArray("roles")), Team: strings.TrimSpace(c.PostForm("team")),
			AlsoServes: teamsOf(c.PostFormArray("also_serves"))}
	}
	a, pw, err := s.store.AddUser(c.Request.Context(), user(c), in)
	if err != nil {
		p := &AdminPage{Form: in, FormRoles: map[string]bool{}}
		for _, r := range in.Roles {
			p.FormRoles[string(r)] = true
		}
		return s.adminFail(c, err, p)
	}
	if isAPI(c) {
		c.JSON(http.StatusOK, gin.H{"user": a, "one_time_password": pw})
		return nil
	}
	return s.renderAdmin(c, http.StatusOK, &AdminPage{Shown: pw, ShownFor: a.Email})
}

// userParam reads :uid.
func userParam(c *gin.Context) (int64, error) {
	id, err := strconv.ParseInt(c.Param("uid"), 10, 64)
	if err != nil || id <= 0 {
		return 0, workflow.ErrNotFound
	}
	return id, nil
}

// resetUser gives a user a one-time password, shown once, and ends their sessions.
func (s *Server) resetUser(c *gin.Context) error {
	id, err := userParam(c)
	if err != nil {
		return err
	}
	pw, err := s.store.ResetUser(c.Request.Context(), user(c), id)
	if err != nil {
		return s.adminFail(c, err, &AdminPage{})
	}
	if isAPI(c) {
		c.JSON(http.StatusOK, gin.H{"one_time_password": pw})
		return nil
	}
	who := "user " + strconv.FormatInt(id, 10)
	if a, err := s.store.Account(c.Request.Context(), id); err == nil {
		who = a.Email
	}
	return s.renderAdmin(c, http.StatusOK, &AdminPage{Shown: pw, ShownFor: who})
}

// disableUser disables (disabled=true) or enables a user.
func (s *Server) disableUser(c *gin.Context) error {
	id, err := userParam(c)
	if err != nil {
		return err
	}
	disabled := c.PostForm("disabled") != "false"
	if err := s.store.SetUserDisabled(c.Request.Context(), user(c), id, disabled); err != nil {
		return s.adminFail(c, err, &AdminPage{})
	}
	if disabled {
		s.flash(c, "User disabled: their sessions have ended.")
	} else {
		s.flash(c, "User enabled.")
	}
	return s.done(c, "/admin/users", nil)
}

// setUserAccess sets a user's roles, team and the teams they also serve.
func (s *Server) setUserAccess(c *gin.Context) error {
	id, err := userParam(c)
	if err != nil {
		return err
	}
	var in NewAccount
	if isAPI(c) {
		if err := c.ShouldBindJSON(&in); err != nil {
			return invalid("the body is not roles and teams")
		}
	} else {
		in.Roles, in.Team = rolesOf(c.PostFormArray("roles")), strings.TrimSpace(c.PostForm("team"))
		in.AlsoServes = teamsOf(c.PostFormArray("also_serves"))
	}
	if err := s.store.SetUserAccess(c.Request.Context(), user(c), id, in.Roles, in.Team, in.AlsoServes); err != nil {
		return s.adminFail(c, err, &AdminPage{})
	}
	s.flash(c, "Roles and teams saved.")
	return s.done(c, "/admin/users", nil)
}

// sentence makes a store message a sentence for a page.
func sentence(msg string) string {
	if msg == "" {
		return msg
	}
	msg = strings.ToUpper(msg[:1]) + msg[1:]
	if !strings.HasSuffix(msg, ".") {
		msg += "."
	}
	return msg
}
