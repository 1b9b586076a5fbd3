package web

import (
	"errors"
	"net/http"
	"net/url"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/disclose-sar/disclose/internal/workflow"
)

// Account is a user with what sign-in and the admin screen need.
type Account struct {
	User
	TeamName           string    `json:"team_name,omitempty"`
	AlsoServesNames    []string  `json:"also_serves_names,omitempty"` // the other teams served, by name
	MustChangePassword bool      `json:"must_change_password,omitempty"`
	Disabled           bool      `json:"disabled,omitempty"`
	LastLogin          time.Time `json:"last_login,omitzero"`
	// Stamp names the current password: a session keeps the one it signed
	// in with and ends when it differs (reset, change).
	Stamp string `json:"-"`
}

// account returns the signed-in account set by guard.
func account(c *gin.Context) Account {
	a, _ := c.Get("account")
	aa, _ := a.(Account)
	return aa
}

// PasswordPage is the change-password form; Forced when the user holds a
// one-time password and may do nothing else first.
type PasswordPage struct {
	*Page
	Forced bool
	Next   string
	Error  string
	MinLen int
}

// minPasswordLen is shown on the form; the store enforces it.
const minPasswordLen = 12

func (s *Server) passwordPage(c *gin.Context) error {
	p := &PasswordPage{Page: s.page(c, "Change your password"), Forced: account(c).MustChangePassword,
		Next: safeNext(c.Query("next")), MinLen: minPasswordLen}
	s.render(c, http.StatusOK, "password", p)
	return nil
}

// passwordInput is the change-password form or JSON body.
type passwordInput struct {
	Current string `form:"current" json:"current"`
	New     string `form:"new" json:"new"`
	Confirm string `form:"confirm" json:"confirm"`
	Next    string `form:"next" json:"-"`
}

// changePassword sets the user's own password. The session continues
// under the new password's stamp; every other session of the user ends.
func (s *Server) changePassword(c *gin.Context) error {
	ctx := c.Request.Context()
	var in passwordInput
	if err := c.ShouldBind(&in); err != nil {
		return invalid("send the current password, the new one and the new one again")
	}
	fail := func(msg string) error {
		if isAPI(c) {
			return invalid(msg)
		}
		p := &PasswordPage{Page: s.page(c, "Change your password"), Forced: account(c).MustChangePassword,
			Next: safeNext(in.Next), Error: msg, MinLen: minPasswordLen}
		s.render(c, http.StatusUnprocessableEntity, "password", p)
		return nil
	}
	switch {
	case in.Current == "" || in.New == "":
		return fail("Give your current password and a new one.")
	case in.New != in.Confirm && !(isAPI(c) && in.Confirm == ""):
		return fail("The new password and its confirmation differ.")
	}
	a, err := s.store.ChangePassword(ctx, user(c).ID, in.Current, in.New)
	if errors.Is(err, workflow.ErrInvalid) {
		return fail(sentence(workflow.Message(err)))
	}
	if err != nil {
		return err
	}
	if err := s.sessions.RenewToken(ctx); err != nil {
		return err
	}
	s.sessions.Put(ctx, keyStamp, a.Stamp)
	if isAPI(c) {
		c.Status(http.StatusNoContent)
		return nil
	}
	s.flash(c, "Your password has been changed.")
	next := safeNext(in.Next)
	if next == "/account/password" {
		next = "/"
	}
	c.Redirect(http.StatusSeeOther, next)
	return nil
}

// passwordURL is the change-password page returning to next.
func passwordURL(next string) string {
	return "/account/password?next=" + url.QueryEscape(safeNext(next))
}
