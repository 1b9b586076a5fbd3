package web

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/disclose-sar/disclose/internal/workflow"
)

// Session keys.
const (
	keyUser  = "uid"
	keyStamp = "pw" // the password stamp the session signed in with (Account.Stamp)
	keyCSRF  = "csrf"
	keyFlash = "flash"
	keyLarge = "large_text"
)

// csrfHeader carries the session's CSRF token on htmx and API requests;
// forms send it as the csrf_token field.
const csrfHeader = "X-CSRF-Token"

// csrfToken returns the session's CSRF token, making one on first use.
// Only signed-in pages call it: a token stored in the session makes the
// session a row in PostgreSQL, and no row is written before sign-in.
func (s *Server) csrfToken(c *gin.Context) string {
	ctx := c.Request.Context()
	if t := s.sessions.GetString(ctx, keyCSRF); t != "" {
		return t
	}
	t := randomToken()
	s.sessions.Put(ctx, keyCSRF, t)
	return t
}

func randomToken() string {
	b := make([]byte, 32)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
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

// mustChangeOK are the routes a user holding a one-time password may use:
// everything else waits until they have chosen their own.
var mustChangeOK = map[string]bool{
	"/account/password": true, "/api/v1/account/password": true,
	"/logout": true, "/api/v1/logout": true, "/api/v1/me": true,
}

// guard authenticates the request, checks the CSRF token on state changes,
// sends a user with a one-time password to choose a new one, checks the
// role may perform the route's action, and, for routes under
// /requests/:id, that the request belongs to the user's team.
//
// An empty action means any signed-in user.
func (s *Server) guard(action workflow.Action) gin.HandlerFunc {
	return func(c *gin.Context) {
		a, bearer, err := s.authenticate(c)
		u := a.User
		if err == nil && !bearer {
			err = s.checkCSRF(c)
		}
		if err == nil && a.MustChangePassword && !mustChangeOK[c.FullPath()] {
			if !isAPI(c) {
				c.Redirect(http.StatusSeeOther, passwordURL(c.Request.URL.RequestURI()))
				c.Abort()
				return
			}
			err = workflow.Errorf(workflow.ErrForbidden, "choose a new password first (POST /api/v1/account/password)")
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
		c.Set("account", a)
		c.Next()
	}
}

// authenticate finds the user by bearer token (API only) or session. A
// session ends when its user is disabled or their password was reset or
// changed since it signed in (the password stamp differs): a reset ends
// every session of the user, on every node.
func (s *Server) authenticate(c *gin.Context) (Account, bool, error) {
	ctx := c.Request.Context()
	if h := c.GetHeader("Authorization"); isAPI(c) && strings.HasPrefix(h, "Bearer ") {
		u, err := s.store.UserByToken(ctx, strings.TrimPrefix(h, "Bearer "))
		if errors.Is(err, workflow.ErrNotFound) {
			err = workflow.ErrUnauthenticated
		}
		return Account{User: u}, true, err
	}
	id := s.sessions.GetInt64(ctx, keyUser)
	if id == 0 {
		return Account{}, false, workflow.ErrUnauthenticated
	}
	a, err := s.store.Account(ctx, id)
	if errors.Is(err, workflow.ErrNotFound) || err == nil && (a.Disabled || a.Stamp != s.sessions.GetString(ctx, keyStamp)) {
		_ = s.sessions.Destroy(ctx)
		return Account{}, false, workflow.ErrUnauthenticated
	}
	return a, false, err
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

// loginCookie holds the sign-in form's CSRF token (double submit: the
// form's hidden field must match it). It is not a session: an anonymous
// visit writes nothing to PostgreSQL.
const loginCookie = "disclose_login"

// loginToken returns the sign-in form's token, setting its cookie if the
// browser has none.
func (s *Server) loginToken(c *gin.Context) string {
	if ck, err := c.Request.Cookie(loginCookie); err == nil && len(ck.Value) >= 32 {
		return ck.Value
	}
	t := randomToken()
	http.SetCookie(c.Writer, &http.Cookie{Name: loginCookie, Value: t, Path: "/", HttpOnly: true,
		Secure: s.cfg.SecureCookies, SameSite: http.SameSiteStrictMode, MaxAge: 12 * 3600})
	return t
}

// checkLoginToken checks the double-submit token of the sign-in form.
func checkLoginToken(c *gin.Context) error {
	ck, err := c.Request.Cookie(loginCookie)
	got := c.PostForm("csrf_token")
	if err != nil || ck.Value == "" || got == "" || subtle.ConstantTimeCompare([]byte(ck.Value), []byte(got)) != 1 {
		return ErrCSRF
	}
	return nil
}

func (s *Server) loginPage(c *gin.Context) error {
	p := &LoginPage{Page: s.page(c, "Sign in"), Next: safeNext(c.Query("next"))}
	code := http.StatusOK
	if s.dbDown(c.Request.Context()) {
		p.Error, code = msgDBDown, http.StatusServiceUnavailable
	}
	s.render(c, code, "login", p)
	return nil
}

// login signs a user in: per-IP rate limit, then the store's password
// check and its throttle per (email, address). The session token is
// renewed to stop session fixation. A user holding a one-time password is
// sent to choose their own.
func (s *Server) login(c *gin.Context) error {
	ctx := c.Request.Context()
	var f loginForm
	if err := c.ShouldBind(&f); err != nil {
		return invalid("send an email address and password")
	}
	if !isAPI(c) {
		if err := checkLoginToken(c); err != nil {
			return err
		}
	}
	loginErr := func(code int, msg string) error {
		if isAPI(c) {
			c.AbortWithStatusJSON(code, gin.H{"error": msg})
			return nil
		}
		p := &LoginPage{Page: s.page(c, "Sign in"), Next: safeNext(f.Next), Email: f.Email, Error: msg}
		s.render(c, code, "login", p)
		return nil
	}
	if !s.limiter.allow(c.ClientIP(), time.Now()) {
		return loginErr(http.StatusTooManyRequests, "Too many sign-in attempts from your network: wait a minute and try again.")
	}
	a, err := s.store.Login(ctx, strings.TrimSpace(f.Email), f.Password, c.ClientIP())
	switch {
	case errors.Is(err, workflow.ErrUnauthenticated):
		return loginErr(http.StatusUnauthorized, "The email address or password is wrong.")
	case errors.Is(err, workflow.ErrLocked):
		return loginErr(http.StatusTooManyRequests, workflow.Message(err))
	case err != nil:
		if s.dbDown(ctx) {
			return loginErr(http.StatusServiceUnavailable, msgDBDown)
		}
		return err
	}
	if err := s.sessions.RenewToken(ctx); err != nil {
		return err
	}
	s.sessions.Put(ctx, keyUser, a.ID)
	s.sessions.Put(ctx, keyStamp, a.Stamp)
	s.sessions.Remove(ctx, keyCSRF)
	tok := s.csrfToken(c)
	if isAPI(c) {
		c.JSON(http.StatusOK, gin.H{"user": a.User, "csrf_token": tok, "must_change_password": a.MustChangePassword})
		return nil
	}
	next := safeNext(f.Next)
	if a.MustChangePassword {
		next = passwordURL(next)
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

// safeNext keeps a post-login or post-action redirect on this site: only
// a plain absolute path ("/requests/4?x=1") passes. Anything with a scheme
// or host, a path starting "//", a backslash or a control character
// (browsers drop tabs and newlines, so "/\t/evil.example" is
// "//evil.example"), raw or percent-encoded, is "/".
func safeNext(next string) string {
	if next == "" || len(next) > 2000 || !strings.HasPrefix(next, "/") || badNext(next) {
		return "/"
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" ||
		!strings.HasPrefix(u.Path, "/") || strings.HasPrefix(u.Path, "//") || badNext(u.Path) {
		return "/"
	}
	return next
}

// badNext reports a character a redirect target must not hold.
func badNext(s string) bool {
	for _, r := range s {
		if r < 0x20 || r == 0x7f || r == '\\' || (r >= 0x80 && unicode.IsControl(r)) || r == utf8.RuneError {
			return true
		}
	}
	return strings.HasPrefix(s, "//")
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
