package web

import (
	"fmt"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/disclose-sar/disclose/internal/record"
)

// RequestPage is one request: requester, subject, clock, locations.
type RequestPage struct {
	*Page
	Request    Request
	Locations  []Location
	Problems   []Problem // files of the record not read, per location
	ClockKinds []string
	Today      string
	// NextStatuses are the statuses the request may move to now.
	NextStatuses []string
	MaxFileMB    int64 // the upload form's per-file limit
}

// LocationsPage is the locations table alone (polled while ingesting).
type LocationsPage struct {
	*Page
	Request   Request
	Locations []Location
	Problems  []Problem
}

// ConsultationsPage lists partner-agency consultations.
type ConsultationsPage struct {
	*Page
	Request       Request
	Consultations []Consultation
	Today         string
}

// reqURL is the page of a request, or one of its sub-pages.
func reqURL(id int64, sub string) string {
	if sub == "" {
		return fmt.Sprintf("/requests/%d", id)
	}
	return fmt.Sprintf("/requests/%d/%s", id, sub)
}

func (s *Server) requestPage(c *gin.Context) error {
	r, err := s.withProgress(c)
	if err != nil {
		return err
	}
	locs, err := s.store.Locations(c.Request.Context(), r.ID)
	if err != nil {
		return err
	}
	probs, err := s.store.Problems(c.Request.Context(), r.ID)
	if err != nil {
		return err
	}
	if err := s.audit(c, user(c), "request.view", r.ID, ""); err != nil {
		return err
	}
	p := &RequestPage{Page: s.page(c, r.Reference), Request: r, Locations: locs, Problems: probs,
		ClockKinds: []string{record.ClockIDAsked, record.ClockIDReceived, record.ClockFeeAsked, record.ClockFeeReceived,
			record.ClockClarificationAsked, record.ClockClarificationAnswered, record.ClockExtension},
		Today: today(), NextStatuses: nextStatuses(r), MaxFileMB: s.cfg.MaxFileBytes >> 20}
	return s.renderOrJSON(c, "request", p, gin.H{"request": r, "locations": locs, "problems": nonNil(probs), "next": p.NextStatuses})
}

// addClockEvent records ID received, clarification asked or answered, an
// extension: the deadline engine recomputes the due date from them.
func (s *Server) addClockEvent(c *gin.Context) error {
	r := currentRequest(c)
	var e record.ClockEvent
	if isAPI(c) {
		if err := c.ShouldBindJSON(&e); err != nil {
			return invalid("the body is not a clock event")
		}
	} else {
		d, err := parseDate(c.PostForm("date"))
		if err != nil {
			return err
		}
		e = record.ClockEvent{Kind: c.PostForm("kind"), Date: d, Reason: strings.TrimSpace(c.PostForm("reason")),
			Note: strings.TrimSpace(c.PostForm("note"))}
		if nd := c.PostForm("notice_date"); nd != "" {
			if e.NoticeDate, err = parseDate(nd); err != nil {
				return err
			}
		}
	}
	if !contains(record.ClockEvents, e.Kind) {
		return invalid("choose what happened to the clock")
	}
	if err := s.store.AddClockEvent(c.Request.Context(), user(c), r.ID, e); err != nil {
		return err
	}
	s.flash(c, "Clock updated: "+humanize(e.Kind)+".")
	return s.done(c, reqURL(r.ID, ""), nil)
}

// locations answers the locations table: htmx polls it while ingesting.
func (s *Server) locations(c *gin.Context) error {
	r := currentRequest(c)
	locs, err := s.store.Locations(c.Request.Context(), r.ID)
	if err != nil {
		return err
	}
	probs, err := s.store.Problems(c.Request.Context(), r.ID)
	if err != nil {
		return err
	}
	p := &LocationsPage{Page: s.page(c, "Locations · "+r.Reference), Request: r, Locations: locs, Problems: probs}
	return s.renderOrJSON(c, "locations", p, gin.H{"locations": locs, "problems": nonNil(probs)})
}

// attachLocation attaches a record folder on the server (allow-listed by
// the store's configuration) and queues its ingestion.
func (s *Server) attachLocation(c *gin.Context) error {
	r := currentRequest(c)
	if err := recordOpen(r); err != nil {
		return err
	}
	var in struct {
		Name string `json:"name" form:"name"`
		Path string `json:"path" form:"path"`
	}
	if err := c.ShouldBind(&in); err != nil || strings.TrimSpace(in.Path) == "" {
		return invalid("give the folder to attach")
	}
	if err := s.store.AttachLocation(c.Request.Context(), user(c), r.ID, strings.TrimSpace(in.Name), strings.TrimSpace(in.Path)); err != nil {
		return err
	}
	s.flash(c, "Location attached; ingestion has started.")
	return s.done(c, reqURL(r.ID, ""), nil)
}

func (s *Server) consultations(c *gin.Context) error {
	r := currentRequest(c)
	cs, err := s.store.Consultations(c.Request.Context(), r.ID)
	if err != nil {
		return err
	}
	p := &ConsultationsPage{Page: s.page(c, "Consultations · "+r.Reference), Request: r, Consultations: cs, Today: today()}
	return s.renderOrJSON(c, "consultations", p, gin.H{"consultations": cs})
}

// saveConsultation adds a consultation (no id) or records a chase date,
// response and outcome on one.
func (s *Server) saveConsultation(c *gin.Context) error {
	r := currentRequest(c)
	var in Consultation
	if isAPI(c) {
		if err := c.ShouldBindJSON(&in); err != nil {
			return invalid("the body is not a consultation")
		}
	} else {
		if err := c.ShouldBind(&in); err != nil {
			return invalid("the consultation form is not valid")
		}
		var err error
		if v := c.PostForm("asked"); v != "" {
			if in.Asked, err = parseDate(v); err != nil {
				return err
			}
		}
		if v := c.PostForm("chase_on"); v != "" {
			if in.ChaseOn, err = parseDate(v); err != nil {
				return err
			}
		}
	}
	if in.ID == 0 && strings.TrimSpace(in.Agency) == "" {
		return invalid("name the agency consulted")
	}
	if err := s.store.SaveConsultation(c.Request.Context(), user(c), r.ID, in); err != nil {
		return err
	}
	s.flash(c, "Consultation saved.")
	return s.done(c, reqURL(r.ID, "consultations"), nil)
}
