// Package pgstore adapts the PostgreSQL store (internal/postgres) and the
// deadline engine to the web layer's Store interface. It is wiring: the web
// package defines what it needs, postgres what it keeps, and this package
// translates — ids, user names, clocks and review state.
package pgstore

import (
	"context"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/disclose-sar/disclose/internal/deadline"
	"github.com/disclose-sar/disclose/internal/postgres"
	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/web"
	"github.com/disclose-sar/disclose/internal/workflow"
)

// Jobs starts background work: ingestion of a location and bundle
// generation. The worker package provides it on the River queue.
type Jobs interface {
	// Ingest records a record folder as a location and queues its ingestion.
	Ingest(ctx context.Context, u workflow.User, requestID int64, location, path string) error
	// Upload stores uploaded files as a location and queues their ingestion.
	Upload(ctx context.Context, u workflow.User, requestID int64, location string, files []web.UploadFile) (int, error)
	Bundle(ctx context.Context, u workflow.User, requestID int64) (bundleID int64, err error)
}

// Store is the web.Store on PostgreSQL.
type Store struct {
	DB    *postgres.DB
	Jobs  Jobs
	Cal   *deadline.Calendar
	Today func() time.Time
	// Resuggest runs the suggestion step again on a request's stored
	// record (after the person register changes).
	Resuggest func(ctx context.Context, requestID int64) error

	mu            sync.Mutex
	names         map[int64]string // user id → display name, for "decided by"
	progressCache progressCache    // progress.go
}

// New returns a Store over db; jobs may be nil (no ingestion or bundles).
func New(db *postgres.DB, jobs Jobs) *Store {
	return &Store{DB: db, Jobs: jobs, Cal: deadline.DefaultCalendar(), Today: time.Now}
}

var _ web.Store = (*Store)(nil)

// UserByToken implements web.UserStore. API tokens are not issued yet:
// every token is unknown.
func (s *Store) UserByToken(ctx context.Context, token string) (web.User, error) {
	return web.User{}, workflow.Errorf(workflow.ErrNotFound, "unknown API token")
}

// Audit implements web.Store.
func (s *Store) Audit(ctx context.Context, e web.AuditEntry) error {
	detail := map[string]any{}
	for k, v := range e.Detail {
		detail[k] = v
	}
	if e.IP != "" {
		detail["ip"] = e.IP
	}
	return s.DB.Audit(ctx, postgres.AuditEntry{UserID: e.UserID, Action: e.Action, RequestID: e.RequestID, Object: e.Object, Detail: detail})
}

// userName returns a user's display name, cached.
func (s *Store) userName(ctx context.Context, id int64) string {
	if id == 0 {
		return ""
	}
	s.mu.Lock()
	n, ok := s.names[id]
	s.mu.Unlock()
	if ok {
		return n
	}
	u, err := s.DB.User(ctx, id)
	if err != nil {
		return "user " + strconv.FormatInt(id, 10)
	}
	s.mu.Lock()
	if s.names == nil {
		s.names = map[int64]string{}
	}
	s.names[id] = u.Name
	s.mu.Unlock()
	return u.Name
}

// clock computes a request's clock from its events with the deadline engine.
func (s *Store) clock(r record.Request, evs []record.ClockEvent) web.Clock {
	ev := deadline.Events{Received: r.Received}
	var open *deadline.Pause
	for _, e := range evs {
		switch e.Kind {
		case record.ClockReceived:
			ev.Received = e.Date
		case record.ClockIDAsked:
			ev.IDAsked = e.Date
		case record.ClockIDReceived:
			ev.IDReceived = e.Date
		case record.ClockFeeAsked:
			ev.FeeAsked = e.Date
		case record.ClockFeeReceived:
			ev.FeeReceived = e.Date
		case record.ClockClarificationAsked:
			ev.Pauses = append(ev.Pauses, deadline.Pause{Asked: e.Date})
			open = &ev.Pauses[len(ev.Pauses)-1]
		case record.ClockClarificationAnswered:
			if open != nil {
				open.Answered = e.Date
				open = nil
			}
		case record.ClockExtension:
			ev.Extended, ev.ExtensionNotified = true, e.NoticeDate
		case record.ClockClosed:
			ev.Closed = e.Date
		}
	}
	c := web.Clock{Events: evs}
	// The deadline engine spells regimes with hyphens (uk-gdpr).
	regime := strings.ReplaceAll(r.Regime, "_", "-")
	if regime == "" {
		regime = "uk-gdpr"
	}
	nation := deadline.Nation(strings.ReplaceAll(strings.ToLower(r.Nation), "_", "-"))
	switch nation {
	case "", "england", "wales":
		nation = deadline.EnglandAndWales // one bank-holiday calendar
	}
	st, err := s.Cal.Status(regime, nation, ev, s.Today())
	if err != nil {
		c.Explanation = []string{"The due date could not be worked out: " + err.Error()}
		return c
	}
	c.Due, c.DaysLeft, c.RAG = st.Due, st.DaysLeft, string(st.RAG)
	c.Paused, c.Extended = st.Paused, st.Extended
	c.Explanation = append(st.Explanation, st.Warnings...)
	return c
}

// request dresses a stored request for the web: clock, assignee and, when
// asked, review progress.
func (s *Store) request(ctx context.Context, r record.Request, progress bool) (web.Request, error) {
	evs, err := s.DB.ClockEvents(ctx, r.ID)
	if err != nil {
		return web.Request{}, err
	}
	wr := web.Request{Request: r, AssigneeName: s.userName(ctx, r.Assignee), Clock: s.clock(r, evs)}
	if progress {
		wr.Progress, err = s.Progress(ctx, r.ID)
	}
	return wr, err
}

// ListRequests implements web.RequestStore: the requests of the teams the
// user serves (every team's for admins), open ones unless f.All.
func (s *Store) ListRequests(ctx context.Context, u web.User, f web.RequestFilter) ([]web.Request, error) {
	pf := postgres.RequestFilter{Status: f.Status, Released: f.Released}
	if !u.Has(workflow.RoleAdmin) {
		if pf.Teams = u.Teams(); len(pf.Teams) == 0 {
			return nil, nil
		}
	}
	rs, err := s.DB.Requests(ctx, pf)
	if err != nil {
		return nil, err
	}
	out := make([]web.Request, 0, len(rs))
	for _, r := range rs {
		if !f.All && workflow.Status(r.Status).Final() {
			continue
		}
		if f.Assignee != 0 && r.Assignee != f.Assignee {
			continue
		}
		wr, err := s.request(ctx, r, true)
		if err != nil {
			return nil, err
		}
		out = append(out, wr)
	}
	return out, nil
}

// CreateRequest implements web.RequestStore. The request belongs to the
// user's team; a record folder, if given, is attached and ingested.
func (s *Store) CreateRequest(ctx context.Context, u web.User, in web.NewRequest) (int64, error) {
	r := in.Request
	r.Team = u.TeamID
	if r.Assignee == 0 {
		r.Assignee = u.ID
	}
	out, err := s.DB.CreateRequest(ctx, u.ID, r)
	if err != nil {
		return 0, err
	}
	if in.RecordPath != "" {
		if err := s.AttachLocation(ctx, u, out.ID, "", in.RecordPath); err != nil {
			return out.ID, err
		}
	}
	return out.ID, nil
}

// Request implements web.RequestStore.
func (s *Store) Request(ctx context.Context, id int64) (web.Request, error) {
	r, err := s.DB.Request(ctx, id)
	if err != nil {
		return web.Request{}, err
	}
	wr, err := s.request(ctx, r, false)
	if err != nil {
		return web.Request{}, err
	}
	hist, err := s.DB.StatusHistory(ctx, id)
	if err != nil {
		return web.Request{}, err
	}
	for _, h := range hist {
		wr.Transitions = append(wr.Transitions, web.Transition{From: h.From, Status: h.To, By: s.userName(ctx, h.By), At: h.At, Note: h.Note})
	}
	return wr, nil
}

// AttachLocation implements web.RequestStore.
func (s *Store) AttachLocation(ctx context.Context, u web.User, requestID int64, name, path string) error {
	if s.Jobs == nil {
		return workflow.Errorf(workflow.ErrInvalid, "ingestion is not running on this server")
	}
	return s.Jobs.Ingest(ctx, u, requestID, name, path)
}

// Upload implements web.RequestStore.
func (s *Store) Upload(ctx context.Context, u web.User, requestID int64, location string, files []web.UploadFile) (int, error) {
	if s.Jobs == nil {
		return 0, workflow.Errorf(workflow.ErrInvalid, "ingestion is not running on this server")
	}
	return s.Jobs.Upload(ctx, u, requestID, location, files)
}

func errNotInRequest(what string) error {
	return workflow.Errorf(workflow.ErrNotFound, "no such %s in this request", what)
}
