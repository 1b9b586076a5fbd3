package web

import (
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/suggest"
	"github.com/disclose-sar/disclose/internal/workflow"
)

func TestStatus(t *testing.T) {
	tests := []struct {
		err      error
		code     int
		contains string
	}{
		{workflow.ErrNotFound, http.StatusNotFound, "not found"},
		{workflow.Errorf(workflow.ErrConflict, "decided by someone else"), http.StatusConflict, "decided by someone else"},
		{workflow.Errorf(workflow.ErrInvalid, "give a date"), http.StatusUnprocessableEntity, "give a date"},
		{workflow.ErrForbidden, http.StatusForbidden, "not allowed"},
		{ErrCSRF, http.StatusForbidden, "reload the page"},
		{workflow.ErrUnauthenticated, http.StatusUnauthorized, "sign in"},
		{workflow.ErrLocked, http.StatusLocked, "locked"},
		{errors.New("pq: connection refused to 10.0.0.1"), http.StatusInternalServerError, "logged"},
	}
	for _, tt := range tests {
		code, msg := status(tt.err)
		if code != tt.code || !strings.Contains(msg, tt.contains) {
			t.Errorf("status(%v) = %d %q, want %d and a message with %q", tt.err, code, msg, tt.code, tt.contains)
		}
	}
}

func TestSafeNext(t *testing.T) {
	for in, want := range map[string]string{
		"":                     "/",
		"/requests/3":          "/requests/3",
		"//evil.example/x":     "/",
		"/\\evil.example":      "/",
		"https://evil.example": "/",
		"requests":             "/",
		"/%09/evil.example":    "/",
		"/\t/evil.example":     "/",
		"/%2f/evil.example":    "/",
		"/%5c/evil.example":    "/",
		"/a?b=c#d":             "/a?b=c#d",
		"https:/evil.example":  "/",
	} {
		if got := safeNext(in); got != want {
			t.Errorf("safeNext(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSegments(t *testing.T) {
	doc := record.Document{Text: "Ann met Bob.\nBob left."}
	items := []Item{
		{Suggestion: suggest.Suggestion{ID: "1", Start: 0, End: 3, Scope: suggest.ScopeSpan}},
		{Suggestion: suggest.Suggestion{ID: "2", Start: 1, End: 5, Scope: suggest.ScopeSpan}}, // overlaps: not highlighted twice
		{Suggestion: suggest.Suggestion{ID: "3", Start: 13, End: 16, Scope: suggest.ScopeSpan}},
		{Suggestion: suggest.Suggestion{ID: "4", Scope: suggest.ScopeDocument}},
	}
	for _, c := range []struct {
		current *Item
		want    []string
	}{
		{nil, []string{"[Ann]", " met Bob.", "|", "[Bob]", " left."}},
		{&items[0], []string{"[Ann]", " met Bob.", "|", "[Bob]", " left."}},
		// The screen is at the overlapped suggestion: it is highlighted,
		// and the one it overlaps gives way.
		{&items[1], []string{"A", "[nn m]", "et Bob.", "|", "[Bob]", " left."}},
		{&items[3], []string{"[Ann]", " met Bob.", "|", "[Bob]", " left."}},
	} {
		var got []string
		for _, s := range segments(doc, items, c.current) {
			switch {
			case s.Break:
				got = append(got, "|")
			case s.Item != nil:
				got = append(got, "["+s.Text+"]")
			default:
				got = append(got, s.Text)
			}
		}
		if diff := cmp.Diff(c.want, got); diff != "" {
			t.Errorf("segments at %+v (-want +got):\n%s", c.current, diff)
		}
	}
}

func TestGloss(t *testing.T) {
	got := gloss("The LAC review [PA] met; [Sibling A] was at the care order hearing with the PA.")
	var terms, redacted []string
	for _, g := range got {
		if g.Meaning != "" {
			terms = append(terms, g.Text)
		}
		if g.Redacted {
			redacted = append(redacted, g.Text)
		}
	}
	if diff := cmp.Diff([]string{"LAC", "care order", "PA"}, terms); diff != "" {
		t.Errorf("glossed terms (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"[PA]", "[Sibling A]"}, redacted); diff != "" {
		t.Errorf("redaction markers (-want +got):\n%s", diff)
	}
}

func TestHumanize(t *testing.T) {
	for in, want := range map[string]string{"ig_officer": "IG officer", "id_received": "ID received",
		"change-span": "Change span", "": ""} {
		if got := humanize(in); got != want {
			t.Errorf("humanize(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestIPLimiter(t *testing.T) {
	l := newIPLimiter(3, time.Minute)
	now := time.Now()
	for i := 1; i <= 4; i++ {
		if got, want := l.allow("192.0.2.1", now), i <= 3; got != want {
			t.Errorf("attempt %d: allow = %v, want %v", i, got, want)
		}
	}
	if !l.allow("192.0.2.2", now) {
		t.Errorf("another IP is throttled")
	}
	if !l.allow("192.0.2.1", now.Add(2*time.Minute)) {
		t.Errorf("the window did not reset")
	}
}

func TestSortByUrgency(t *testing.T) {
	day := func(n int) time.Time { return time.Date(2026, 1, n, 0, 0, 0, 0, time.UTC) }
	rs := []Request{
		{Request: record.Request{Reference: "no-clock"}},
		{Request: record.Request{Reference: "later"}, Clock: Clock{Due: day(20), DaysLeft: 10}},
		{Request: record.Request{Reference: "overdue"}, Clock: Clock{Due: day(2), DaysLeft: -3}},
		{Request: record.Request{Reference: "soon"}, Clock: Clock{Due: day(12), DaysLeft: 2}},
	}
	sortByUrgency(rs)
	var got []string
	for _, r := range rs {
		got = append(got, r.Reference)
	}
	if diff := cmp.Diff([]string{"overdue", "soon", "later", "no-clock"}, got); diff != "" {
		t.Errorf("sortByUrgency (-want +got):\n%s", diff)
	}
}

func TestTemplatesParse(t *testing.T) {
	pages, err := parsePages()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"login", "error", "dashboard", "request", "request_new", "locations", "documents",
		"review", "persons", "approvals", "consultations", "bundles", "reading", "reading_list", "search"} {
		if pages[name] == nil {
			t.Errorf("page %q not parsed", name)
		}
	}
}

func TestChecksFirst(t *testing.T) {
	items := []Item{{Suggestion: suggest.Suggestion{ID: "a", Action: suggest.ActionRedact}},
		{Suggestion: suggest.Suggestion{ID: "b", Action: suggest.ActionFlag}},
		{Suggestion: suggest.Suggestion{ID: "c", Action: suggest.ActionWithhold}},
		{Suggestion: suggest.Suggestion{ID: "d", Action: suggest.ActionFlag}}}
	checksFirst(items)
	var got string
	for _, it := range items {
		got += it.ID
	}
	if got != "bdac" {
		t.Errorf("order = %s, want bdac (flags first, then the document's order)", got)
	}
}
