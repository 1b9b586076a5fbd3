package web

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/disclose-sar/disclose/internal/workflow"
)

// Session keys.
const (
	keyUser  = "uid"
	keyCSRF  = "csrf"
	keyFlash = "flash"
	keyLarge = "large_text"
)

// csrfHeader carries the session's CSRF token on htmx and API requests;
// forms send it as the csrf_token field.
const csrfHeader = "X-CSRF-Token"

// csrfToken returns the session's CSRF token, making one on first use.
func (s *Server) csrfToken(c *gin.Context) string {
	ctx := c.Request.Context()
	if t := s.sessions.GetString(ctx, keyCSRF); t != "" {
		return t
	}
	b := make([]byte, 32)
	rand.Read(b)
	t := base64.RawURLEncoding.EncodeToString(b)
	s.sessions.Put(ctx, keyCSRF, t)
	return t
}

// checkCSRF checks the per-session token on a state-changing request. It
// backs up http.CrossOriginProtection (which checks Sec-Fetch-Site and
// Origin) for browsers and proxies that strip those headers.
func (s *Server) checkCSRF(c *gin.Context) error {
	switch c.Request.Method {
	case http.MethodGet, http.MethodHead, http.MethodOptions:
		return nil
	}
	want := []byte(s.sessions.GetString(c.Request.Context(), keyCSRF))
	if len(want) == 0 {
		return ErrCSRF
	}
	// Either the header (htmx, API) or the form field may carry it: a
	// boosted page keeps the header of the page it was loaded with.
	for _, got := range []string{c.GetHeader(csrfHeader), c.PostForm("csrf_token")} {
		if got != "" && subtle.ConstantTimeCompare(want, []byte(got)) == 1 {
			return nil
		}
	}
	return ErrCSRF
}

// guard authenticates the request, checks the CSRF token on state changes,
// checks the role may perform the route's action, and, for routes under
// /requests/:id, that the request belongs to the user's team.
//
// An empty action means any signed-in user.
func (s *Server) guard(action workflow.Action) gin.HandlerFunc {
	return func(c *gin.Context) {
		u, bearer, err := s.authenticate(c)
		if err == nil && !bearer {
			err = s.checkCSRF(c)
		}
		if err == nil && action != "" && !u.Can(action) {
			err = workflow.Errorf(workflow.ErrForbidden, "your role may not do this")
		}
		if err == nil && c.Param("id") != "" {
			err = s.checkTeam(c, u, action)
		}
		if err != nil {
			s.serveError(c, err)
			c.Abort()
			return
		}
		c.Set("user", u)
		c.Next()
	}
}

// authenticate finds the user by bearer token (API only) or session.
func (s *Server) authenticate(c *gin.Context) (User, bool, error) {
	ctx := c.Request.Context()
	if h := c.GetHeader("Authorization"); isAPI(c) && strings.HasPrefix(h, "Bearer ") {
		u, err := s.store.UserByToken(ctx, strings.TrimPrefix(h, "Bearer "))
		if errors.Is(err, workflow.ErrNotFound) {
			err = workflow.ErrUnauthenticated
		}
		return u, true, err
	}
	id := s.sessions.GetInt64(ctx, keyUser)
	if id == 0 {
		return User{}, false, workflow.ErrUnauthenticated
	}
	u, err := s.store.User(ctx, id)
	if errors.Is(err, workflow.ErrNotFound) {
		s.sessions.Destroy(ctx)
		err = workflow.ErrUnauthenticated
	}
	return u, false, err
}

// checkTeam loads the request named by :id and refuses other teams':
// access to a child's record is per request, by team.
func (s *Server) checkTeam(c *gin.Context, u User, action workflow.Action) error {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return workflow.ErrNotFound
	}
	r, err := s.store.Request(c.Request.Context(), id)
	if err != nil {
		return err
	}
	if action != "" {
		if err := u.Authorize(action, r.Team); err != nil {
			return err
		}
	}
	c.Set("request", r)
	return nil
}

// user returns the authenticated user set by guard.
func user(c *gin.Context) User {
	u, _ := c.Get("user")
	uu, _ := u.(User)
	return uu
}

// withProgress returns the current request with its review progress.
func (s *Server) withProgress(c *gin.Context) (Request, error) {
	r := currentRequest(c)
	p, err := s.store.Progress(c.Request.Context(), r.ID)
	r.Progress = p
	return r, err
}

// currentRequest returns the request guard loaded for :id.
func currentRequest(c *gin.Context) Request {
	r, _ := c.Get("request")
	rr, _ := r.(Request)
	return rr
}

// loginForm is the sign-in form or JSON body.
type loginForm struct {
	Email    string `form:"email" json:"email"`
	Password string `form:"password" json:"password"`
	Next     string `form:"next" json:"-"`
}

func (s *Server) loginPage(c *gin.Context) error {
	p := &LoginPage{Page: s.page(c, "Sign in"), Next: safeNext(c.Query("next"))}
	s.render(c, http.StatusOK, "login", p)
	return nil
}

// login signs a user in: per-IP rate limit, then the store's password
// check and per-account lock-out. The session token is renewed to stop
// session fixation.
func (s *Server) login(c *gin.Context) error {
	ctx := c.Request.Context()
	var f loginForm
	if err := c.ShouldBind(&f); err != nil {
		return invalid("send an email address and password")
	}
	if !isAPI(c) {
		if err := s.checkCSRF(c); err != nil {
			return err
		}
	}
	if !s.limiter.allow(c.ClientIP(), time.Now()) {
		return ErrThrottled
	}
	u, err := s.store.Authenticate(ctx, strings.TrimSpace(f.Email), f.Password)
	if err != nil {
		if errors.Is(err, workflow.ErrUnauthenticated) && !isAPI(c) {
			p := &LoginPage{Page: s.page(c, "Sign in"), Next: safeNext(f.Next), Email: f.Email, Error: "The email address or password is wrong."}
			s.render(c, http.StatusUnauthorized, "login", p)
			return nil
		}
		return err
	}
	if err := s.sessions.RenewToken(ctx); err != nil {
		return err
	}
	s.sessions.Put(ctx, keyUser, u.ID)
	s.sessions.Remove(ctx, keyCSRF)
	tok := s.csrfToken(c)
	if isAPI(c) {
		c.JSON(http.StatusOK, gin.H{"user": u, "csrf_token": tok})
		return nil
	}
	next := safeNext(f.Next)
	if next == "/" || next == "" {
		next = "/"
	}
	c.Redirect(http.StatusSeeOther, next)
	return nil
}

func (s *Server) logout(c *gin.Context) error {
	if err := s.audit(c, user(c), "logout", 0, ""); err != nil {
		return err
	}
	if err := s.sessions.Destroy(c.Request.Context()); err != nil {
		return err
	}
	if isAPI(c) {
		c.Status(http.StatusNoContent)
		return nil
	}
	c.Redirect(http.StatusSeeOther, "/login")
	return nil
}

func (s *Server) me(c *gin.Context) error {
	c.JSON(http.StatusOK, gin.H{"user": user(c), "csrf_token": s.csrfToken(c)})
	return nil
}

// home sends each role to its start page.
func (s *Server) home(c *gin.Context) error {
	to := "/requests"
	if u := user(c); !u.Can(workflow.ActionRequestView) && u.Can(workflow.ActionReleasedBundles) {
		to = "/reading"
	}
	c.Redirect(http.StatusSeeOther, to)
	return nil
}

// textSize toggles large text for this session; it works without script.
func (s *Server) textSize(c *gin.Context) error {
	ctx := c.Request.Context()
	s.sessions.Put(ctx, keyLarge, !s.sessions.GetBool(ctx, keyLarge))
	c.Redirect(http.StatusSeeOther, safeNext(c.PostForm("next")))
	return nil
}

// safeNext keeps a post-login or post-action redirect on this site.
func safeNext(next string) string {
	if next == "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return "/"
	}
	return next
}

// audit records an action. A view, search or download that cannot be
// audited is refused: every access to a child's record must be accounted for.
func (s *Server) audit(c *gin.Context, u User, action string, requestID int64, object string) error {
	return s.auditRead(c, action, AuditEntry{UserID: u.ID, RequestID: requestID, Object: object})
}

// auditRead records what a user read (e is completed with the action and
// the client's address). Detail holds ids and counts, never document text
// or personal data.
func (s *Server) auditRead(c *gin.Context, action string, e AuditEntry) error {
	e.Action, e.IP = action, c.ClientIP()
	if err := s.store.Audit(c.Request.Context(), e); err != nil {
		return fmt.Errorf("audit %s: %w", action, err)
	}
	return nil
}
