package pgstore

import (
	"context"
	"sort"
	"time"

	"github.com/disclose-sar/disclose/internal/postgres"
	"github.com/disclose-sar/disclose/internal/web"
)

// Locations implements web.RequestStore: ingestion jobs still running,
// then each location of the record with what was read from it and the
// files that were not (Problems counts those and documents needing OCR).
func (s *Store) Locations(ctx context.Context, requestID int64) ([]web.Location, error) {
	jobs, err := s.DB.JobsProgress(ctx, requestID)
	if err != nil {
		return nil, err
	}
	var out []web.Location
	for _, j := range jobs {
		if j.Message == "done" {
			continue
		}
		st := "running"
		if j.Total == 0 {
			st = "queued"
		}
		switch j.Kind {
		case "ingest", "ingest_batch", "ingest_finish":
			out = append(out, web.Location{ID: j.JobID, Name: "Record folder (" + j.Message + ")", Status: st, Files: j.Total, Done: j.Done})
		case "suggest":
			// Steps, not files: reading the record, suggesting, saved.
			out = append(out, web.Location{ID: j.JobID, Name: "Suggestions (" + j.Message + ")", Status: st, Files: j.Total, Done: j.Done, Step: true})
		}
	}
	docs, err := s.DB.Documents(ctx, requestID)
	if err != nil {
		return nil, err
	}
	byName := map[string]*web.Location{}
	var names []string
	for _, d := range docs {
		l := byName[d.Location]
		if l == nil {
			l = &web.Location{Name: d.Location, Status: "done"}
			byName[d.Location] = l
			names = append(names, d.Location)
		}
		l.Files++
		l.Done++
		l.Pages += d.Pages
		if d.NeedsOCR {
			l.Problems++
		}
	}
	// Files that were not read count as files of their location and as
	// its problems, so a location whose every file failed still shows.
	probs, err := s.DB.IngestProblems(ctx, requestID)
	if err != nil {
		return nil, err
	}
	for _, p := range probs {
		name := p.Location
		l := byName[name]
		if l == nil {
			l = &web.Location{Name: name, Status: "done"}
			byName[name] = l
			names = append(names, name)
		}
		l.Files++
		l.Done++
		l.Problems++
	}
	sort.Strings(names)
	for _, n := range names {
		out = append(out, *byName[n])
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
