package web

import (
	"net/http"
	"sort"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/workflow"
)

// DashboardPage lists the team's open requests, most urgent first.
type DashboardPage struct {
	*Page
	Requests []Request
	Filter   RequestFilter
	RAG      string
	Statuses []workflow.Status
}

// NewRequestPage is the form to log a request.
type NewRequestPage struct {
	*Page
	Today    string
	Kinds    []string
	Channels []string
	Nations  []string
}

// dashboard lists requests sorted by due date, overdue first, filtered by
// status, assignee and RAG.
func (s *Server) dashboard(c *gin.Context) error {
	var f RequestFilter
	if err := c.ShouldBindQuery(&f); err != nil {
		return invalid("the filter is not valid")
	}
	rag := c.Query("rag")
	if !user(c).Can(workflow.ActionRequestView) {
		// A support worker reads released records only: their list shows no
		// request (nor its subject's date of birth or NHS number) before
		// something of it was released.
		f.Released, f.All = true, true
	}
	list, err := s.store.ListRequests(c.Request.Context(), user(c), f)
	if err != nil {
		return err
	}
	out := list[:0]
	for _, r := range list {
		if rag == "" || r.Clock.RAG == rag {
			out = append(out, r)
		}
	}
	sortByUrgency(out)
	p := &DashboardPage{Page: s.page(c, "Requests"), Requests: out, Filter: f, RAG: rag, Statuses: workflow.Statuses}
	return s.renderOrJSON(c, "dashboard", p, gin.H{"requests": out})
}

// sortByUrgency puts overdue requests first, then by due date; requests
// without a due date (clock not started) last.
func sortByUrgency(rs []Request) {
	sort.SliceStable(rs, func(i, j int) bool {
		a, b := rs[i].Clock, rs[j].Clock
		if a.Due.IsZero() != b.Due.IsZero() {
			return !a.Due.IsZero()
		}
		if od1, od2 := a.DaysLeft < 0, b.DaysLeft < 0; od1 != od2 {
			return od1
		}
		return a.Due.Before(b.Due)
	})
}

func (s *Server) newRequestPage(c *gin.Context) error {
	p := &NewRequestPage{Page: s.page(c, "Log a request"), Today: time.Now().Format("2006-01-02"),
		Kinds:    []string{record.RequesterSubject, record.RequesterParent, record.RequesterSolicitor, record.RequesterAdvocate},
		Channels: []string{"email", "letter", "web form", "phone", "in person"},
		Nations:  []string{"england-and-wales", "scotland", "northern-ireland"}}
	s.render(c, http.StatusOK, "request_new", p)
	return nil
}

// createRequest logs a request and, when a record folder is given,
// attaches it and queues its ingestion.
func (s *Server) createRequest(c *gin.Context) error {
	var in NewRequest
	if isAPI(c) {
		if err := c.ShouldBindJSON(&in); err != nil {
			return invalid("the request body is not valid JSON for a request")
		}
	} else {
		received, err := parseDate(c.PostForm("received"))
		if err != nil {
			return err
		}
		in.Subject = record.Subject{Name: strings.TrimSpace(c.PostForm("subject_name")), DOB: c.PostForm("subject_dob"),
			Aliases: splitList(c.PostForm("subject_aliases"))}
		in.Requester = record.Requester{Kind: c.PostForm("requester_kind"), Name: strings.TrimSpace(c.PostForm("requester_name")),
			Contact: c.PostForm("requester_contact"), Authority: c.PostForm("requester_authority")}
		in.Channel, in.Regime, in.Nation = c.PostForm("channel"), "uk-gdpr", c.PostForm("nation")
		in.Received = received
		in.RecordPath = strings.TrimSpace(c.PostForm("record_path"))
	}
	if in.Subject.Name == "" {
		return invalid("give the data subject's name")
	}
	if in.Requester.Kind == "" {
		in.Requester.Kind = record.RequesterSubject
	}
	if in.Requester.Name == "" && in.Requester.Kind == record.RequesterSubject {
		in.Requester.Name = in.Subject.Name
	}
	id, err := s.store.CreateRequest(c.Request.Context(), user(c), in)
	if err != nil {
		return err
	}
	s.flash(c, "Request logged.")
	return s.done(c, reqURL(id, ""), gin.H{"id": id})
}

// parseDate reads a YYYY-MM-DD form date as midnight UTC.
func parseDate(v string) (time.Time, error) {
	if v == "" {
		return time.Time{}, invalid("give a date")
	}
	t, err := time.Parse("2006-01-02", v)
	if err != nil {
		return time.Time{}, invalid("dates are written YYYY-MM-DD")
	}
	return t, nil
}

// splitList splits a comma- or newline-separated field.
func splitList(v string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == '\n' }) {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

func today() string { return time.Now().Format("2006-01-02") }
