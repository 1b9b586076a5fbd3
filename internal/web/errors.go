package web

import (
	"errors"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/disclose-sar/disclose/internal/workflow"
)

// Web-only error kinds; the domain's (not found, conflict, invalid...) are
// workflow's, which the Store returns.
var (
	ErrThrottled = errors.New("too many attempts; wait a minute and try again")
	ErrCSRF      = errors.New("the form was out of date or not sent by this site; reload the page and try again")
	ErrTooLarge  = errors.New("the upload is too large")
	// ErrSearchSyntax is a search the index cannot parse (a quote left
	// open, "a:", "/"): the searcher's message says what to change.
	ErrSearchSyntax = errors.New("the search could not be read")
	// errDownload is a prepared download that failed before its first
	// byte (its link is used up).
	errDownload = errors.New("the bundle could not be sent; prepare the download again")
)

// searchHelp is what any unreadable search is told.
const searchHelp = `The search could not be read. Search for plain words; put words that belong together in "double quotes"; ` +
	`the characters : / \ " + - have special meanings, so put them inside quotes to search for them.`

// invalid returns a workflow.ErrInvalid with a message safe to show.
func invalid(msg string) error { return workflow.Errorf(workflow.ErrInvalid, "%s", msg) }

// kinds maps error kinds to HTTP status codes and a default safe message.
var kinds = []struct {
	kind error
	code int
	msg  string
}{
	{workflow.ErrNotFound, http.StatusNotFound, "not found"},
	{workflow.ErrConflict, http.StatusConflict, "someone else changed this first; the page now shows the latest state"},
	{workflow.ErrExists, http.StatusConflict, "that already exists"},
	{workflow.ErrInvalid, http.StatusUnprocessableEntity, "some of what was sent is not valid"},
	{workflow.ErrForbidden, http.StatusForbidden, "you are not allowed to do this"},
	{ErrCSRF, http.StatusForbidden, ErrCSRF.Error()},
	{workflow.ErrUnauthenticated, http.StatusUnauthorized, "sign in to continue"},
	{workflow.ErrLocked, http.StatusLocked, "this account is locked after too many failed sign-ins; ask an administrator"},
	{ErrThrottled, http.StatusTooManyRequests, ErrThrottled.Error()},
	{ErrTooLarge, http.StatusRequestEntityTooLarge, ErrTooLarge.Error()},
	{ErrSearchSyntax, http.StatusBadRequest, searchHelp},
	{errDownload, http.StatusInternalServerError, errDownload.Error()},
}

// status maps an error to its HTTP status and a message safe to show: a
// workflow.Error's own message, else the kind's default.
func status(err error) (int, string) {
	var we *workflow.Error
	for _, k := range kinds {
		if errors.Is(err, k.kind) {
			if errors.As(err, &we) && we.Message != "" {
				return k.code, we.Message
			}
			return k.code, k.msg
		}
	}
	return http.StatusInternalServerError, "something went wrong on our side; it has been logged"
}

// handler is a gin handler that returns an error.
type handler func(c *gin.Context) error

// wrap adapts a handler: its error is served by serveError.
func (s *Server) wrap(h handler) gin.HandlerFunc {
	return func(c *gin.Context) {
		if err := h(c); err != nil {
			s.serveError(c, err)
		}
	}
}

// serveError writes an error as JSON for the API and as a page otherwise.
// The error itself is logged only for server faults, and never carries
// document text (stores wrap with identifiers, not contents).
func (s *Server) serveError(c *gin.Context, err error) {
	code, msg := status(err)
	if code >= 500 && s.dbDown(c.Request.Context()) {
		code, msg = http.StatusServiceUnavailable, msgDBDown
	}
	if code >= 500 {
		s.log.ErrorContext(c.Request.Context(), "request failed", "method", c.Request.Method, "route", c.FullPath(), "err", err)
	}
	if c.Writer.Written() {
		return
	}
	if isAPI(c) {
		c.AbortWithStatusJSON(code, gin.H{"error": msg})
		return
	}
	if s.reshowForm(c, code, msg) {
		return
	}
	if code == http.StatusUnauthorized {
		c.Redirect(http.StatusSeeOther, "/login?next="+safeNext(c.Request.URL.RequestURI()))
		c.Abort()
		return
	}
	p := &ErrorPage{Page: s.page(c, http.StatusText(code)), Code: code, Message: msg}
	s.render(c, code, "error", p)
	c.Abort()
}

// keyFormError is the gin context key of a refused form's message.
const keyFormError = "form_error"

// reshowForm answers a refused form (invalid or conflicting) by showing
// the page the form is on again, with the message above it and status
// 422 or 409, instead of a bare error page that loses the officer's place.
func (s *Server) reshowForm(c *gin.Context, code int, msg string) bool {
	if c.Request.Method != http.MethodPost || (code != http.StatusUnprocessableEntity && code != http.StatusConflict) {
		return false
	}
	if _, again := c.Get(keyFormError); again {
		return false
	}
	h := s.formPages[c.FullPath()]
	if h == nil {
		return false
	}
	c.Set(keyFormError, sentence(msg))
	w := &statusWriter{ResponseWriter: c.Writer, code: code}
	c.Writer = w
	if err := h(c); err != nil {
		c.Writer = w.ResponseWriter
		return false
	}
	c.Abort()
	return true
}

// statusWriter writes a form page again with the refusal's status code.
type statusWriter struct {
	gin.ResponseWriter
	code int
}

func (w *statusWriter) WriteHeader(code int) {
	if code == http.StatusOK {
		code = w.code
	}
	w.ResponseWriter.WriteHeader(code)
}

// isAPI reports whether the request is for the JSON API.
func isAPI(c *gin.Context) bool {
	return strings.HasPrefix(c.Request.URL.Path, "/api/")
}

// logPanic is the recovery middleware: a panic is logged and answered with 500.
func (s *Server) recovery() gin.HandlerFunc {
	return func(c *gin.Context) {
		defer func() {
			if r := recover(); r != nil {
				if r == http.ErrAbortHandler {
					panic(r)
				}
				s.log.ErrorContext(c.Request.Context(), "panic", "route", c.FullPath(), "panic", r)
				if !c.Writer.Written() {
					c.AbortWithStatus(http.StatusInternalServerError)
				}
			}
		}()
		c.Next()
	}
}
