package pgstore

import (
	"context"
	"time"

	"github.com/disclose-sar/disclose/internal/postgres"
	"github.com/disclose-sar/disclose/internal/web"
)

// Locations implements web.RequestStore from the ingestion jobs' progress.
func (s *Store) Locations(ctx context.Context, requestID int64) ([]web.Location, error) {
	jobs, err := s.DB.JobsProgress(ctx, requestID)
	if err != nil {
		return nil, err
	}
	var out []web.Location
	for _, j := range jobs {
		if j.Kind != "ingest" {
			continue
		}
		l := web.Location{ID: j.JobID, Name: j.Message, Files: j.Total, Done: j.Done, Status: "running"}
		switch {
		case j.Total > 0 && j.Done >= j.Total:
			l.Status = "done"
		case j.Total == 0 && j.Done == 0:
			l.Status = "queued"
		}
		if l.Name == "" {
			l.Name = "record"
		}
		out = append(out, l)
	}
	return out, nil
}

// Consultations implements web.RequestStore.
func (s *Store) Consultations(ctx context.Context, requestID int64) ([]web.Consultation, error) {
	cs, err := s.DB.Consultations(ctx, requestID)
	if err != nil {
		return nil, err
	}
	out := make([]web.Consultation, len(cs))
	for i, c := range cs {
		wc := web.Consultation{ID: c.ID, Agency: c.Agency, Sent: c.Sent, Response: c.Response, Outcome: c.Outcome}
		if c.AskedOn != nil {
			wc.Asked = *c.AskedOn
		}
		if n := len(c.ChaseDates); n > 0 {
			wc.ChaseOn = c.ChaseDates[n-1]
		}
		out[i] = wc
	}
	return out, nil
}

// SaveConsultation implements web.RequestStore: a new consultation, or a
// response, outcome or chase date on one (at its current version).
func (s *Store) SaveConsultation(ctx context.Context, u web.User, requestID int64, c web.Consultation) error {
	pc := postgres.Consultation{RequestID: requestID, Agency: c.Agency, Sent: c.Sent, State: "asked"}
	if c.ID != 0 {
		cs, err := s.DB.Consultations(ctx, requestID)
		if err != nil {
			return err
		}
		found := false
		for _, x := range cs {
			if x.ID == c.ID {
				pc, found = x, true
			}
		}
		if !found {
			return errNotInRequest("consultation")
		}
		pc.Response, pc.Outcome = c.Response, c.Outcome
		if c.Response != "" && pc.ResponseOn == nil {
			now := time.Now()
			pc.ResponseOn = &now
			pc.State = "answered"
		}
	}
	if !c.Asked.IsZero() {
		pc.AskedOn = &c.Asked
	}
	if !c.ChaseOn.IsZero() {
		pc.ChaseDates = append(pc.ChaseDates, c.ChaseOn)
	}
	_, err := s.DB.SaveConsultation(ctx, u.ID, pc)
	return err
}
