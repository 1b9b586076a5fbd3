package web

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/disclose-sar/disclose/internal/workflow"

	assets "github.com/disclose-sar/disclose/web"
)

// Page is what every page shows: embedded in each page's struct.
type Page struct {
	Title     string
	User      *User
	CSRF      string
	Flash     string
	LargeText bool
	Path      string // for the text-size toggle's return
	// FormError is a refused form's message: the form's page is shown
	// again with it (formPages).
	FormError string
}

// ErrorPage shows a safe error message.
type ErrorPage struct {
	*Page
	Code    int
	Message string
}

// LoginPage is the sign-in form.
type LoginPage struct {
	*Page
	Next  string
	Email string
	Error string
}

// page builds the base page for a request: user, CSRF token, flash.
func (s *Server) page(c *gin.Context, title string) *Page {
	ctx := c.Request.Context()
	p := &Page{Title: title, Path: c.Request.URL.RequestURI(), LargeText: s.sessions.GetBool(ctx, keyLarge)}
	if u, ok := c.Get("user"); ok {
		uu := u.(User)
		p.User = &uu
		p.CSRF = s.csrfToken(c)
	} else {
		// Signed out: the sign-in form's double-submit cookie, not a
		// session (no session row before sign-in).
		p.CSRF = s.loginToken(c)
	}
	if msg, ok := c.Get(keyFormError); ok {
		p.FormError, _ = msg.(string)
	}
	// Pop only when set: popping marks the session changed, and a changed
	// session is written back to PostgreSQL on every page.
	if s.sessions.Exists(ctx, keyFlash) {
		p.Flash = s.sessions.PopString(ctx, keyFlash)
	}
	return p
}

// flash sets a message shown once on the next page.
func (s *Server) flash(c *gin.Context, msg string) {
	s.sessions.Put(c.Request.Context(), keyFlash, msg)
}

// parsePages parses each page template with the layout, once.
func parsePages() (map[string]*template.Template, error) {
	names, err := fs.Glob(assets.Templates, "templates/*.html")
	if err != nil {
		return nil, err
	}
	pages := make(map[string]*template.Template)
	for _, n := range names {
		base := strings.TrimSuffix(strings.TrimPrefix(n, "templates/"), ".html")
		if base == "layout" || strings.HasPrefix(base, "partial_") {
			continue
		}
		t, err := template.New(base).Funcs(funcs).ParseFS(assets.Templates, "templates/layout.html", "templates/partial_*.html", n)
		if err != nil {
			return nil, fmt.Errorf("web: parse %s: %w", n, err)
		}
		pages[base] = t
	}
	return pages, nil
}

// render executes a page into a buffer, then writes it, so a template
// error never sends half a page.
func (s *Server) render(c *gin.Context, code int, name string, data any) {
	t := s.pages[name]
	var buf bytes.Buffer
	err := fmt.Errorf("no page %q", name)
	if t != nil {
		err = t.ExecuteTemplate(&buf, "layout", data)
	}
	if err != nil {
		s.log.ErrorContext(c.Request.Context(), "render", "page", name, "err", err)
		c.String(http.StatusInternalServerError, "page could not be shown")
		return
	}
	c.Data(code, "text/html; charset=utf-8", buf.Bytes())
}

// renderOrJSON answers the API with v and pages with the named page.
func (s *Server) renderOrJSON(c *gin.Context, name string, page, v any) error {
	if isAPI(c) {
		c.JSON(http.StatusOK, v)
		return nil
	}
	s.render(c, http.StatusOK, name, page)
	return nil
}

// done answers a successful state change: JSON for the API (v, or 204),
// a 303 redirect to the given page otherwise (post/redirect/get, so a
// reload never repeats a decision).
func (s *Server) done(c *gin.Context, to string, v any) error {
	if isAPI(c) {
		if v == nil {
			c.Status(http.StatusNoContent)
			return nil
		}
		c.JSON(http.StatusOK, v)
		return nil
	}
	c.Redirect(http.StatusSeeOther, to)
	return nil
}

var funcs = template.FuncMap{
	"date": func(t time.Time) string {
		if t.IsZero() {
			return "—"
		}
		return t.Format("2 Jan 2006")
	},
	"isodate": func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.Format("2006-01-02")
	},
	"datetime": func(t time.Time) string {
		if t.IsZero() {
			return "—"
		}
		return t.Format("2 Jan 2006 15:04")
	},
	"ragword":  ragWord,
	"daysleft": daysLeft,
	"humanize": humanize,
	"pct":      pct,
	"plural":   plural,
	"add":      func(a, b int) int { return a + b },
	"list":     func(v ...string) []string { return v },
	"join":     func(v []string, sep string) string { return strings.Join(v, sep) },
	"mul100":   func(f float64) float64 { return f * 100 },
	"sub":      func(a, b int) int { return a - b },
	"can":      func(u *User, action string) bool { return u != nil && u.Can(workflow.Action(action)) },
	"roles": func(u *User) string {
		var names []string
		for _, r := range u.Roles {
			names = append(names, humanize(string(r)))
		}
		return strings.Join(names, ", ")
	},
	"has":         func(list []string, v string) bool { return contains(list, v) },
	"categorycls": categoryClass,
	"busy": func(ls []Location) bool {
		for _, l := range ls {
			if l.Status == "queued" || l.Status == "running" {
				return true
			}
		}
		return false
	},
}

// ragWord is the word shown beside the RAG colour: colour is never the
// only signal (WCAG 1.4.1).
func ragWord(rag string) string {
	switch rag {
	case "red":
		return "Red: overdue or due within 5 days"
	case "amber":
		return "Amber: due within 10 days"
	case "green":
		return "Green: on track"
	}
	return "No clock"
}

func daysLeft(n int) string {
	switch {
	case n < -1:
		return fmt.Sprintf("%d days overdue", -n)
	case n == -1:
		return "1 day overdue"
	case n == 0:
		return "due today"
	case n == 1:
		return "1 day left"
	}
	return fmt.Sprintf("%d days left", n)
}

// humanize turns snake_case and kebab-case words into plain ones, with
// the initialisms people write in capitals.
func humanize(s string) string {
	words := strings.FieldsFunc(s, func(r rune) bool { return r == '_' || r == '-' || r == ' ' })
	for i, w := range words {
		switch strings.ToLower(w) {
		case "ig", "id", "uk", "gdpr", "sar", "dpa", "tp", "pa":
			words[i] = strings.ToUpper(w)
		}
	}
	out := strings.Join(words, " ")
	if out == "" {
		return out
	}
	return strings.ToUpper(out[:1]) + out[1:]
}

// plural writes n with a noun, singular for one.
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func pct(n, of int) int {
	if of <= 0 {
		return 100
	}
	return n * 100 / of
}

// categoryClass maps a suggestion category to a CSS class name.
func categoryClass(cat string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(cat) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		} else {
			b.WriteByte('-')
		}
	}
	return "cat-" + b.String()
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}
