package pgstore

import (
	"context"
	"strings"

	"github.com/disclose-sar/disclose/internal/postgres"
	"github.com/disclose-sar/disclose/internal/web"
	"github.com/disclose-sar/disclose/internal/workflow"
)

// contextBytes is how much text either side of a span the approval queue
// shows: enough for legal to judge the disclosure.
const contextBytes = 400

// Approvals implements web.ApprovalStore: pending approvals on every
// request the user's team may see, each with its context passage; an
// area's is the words under it as stored when it was drawn.
func (s *Store) Approvals(ctx context.Context, u web.User) ([]web.Approval, error) {
	reqs, err := s.ListRequests(ctx, u, web.RequestFilter{})
	if err != nil {
		return nil, err
	}
	var out []web.Approval
	for _, r := range reqs {
		aps, err := s.DB.Approvals(ctx, r.ID, true)
		if err != nil {
			return nil, err
		}
		if len(aps) == 0 {
			continue
		}
		decs, err := s.DB.Decisions(ctx, r.ID)
		if err != nil {
			return nil, err
		}
		byID := map[int64]postgres.Decision{}
		for _, d := range decs {
			byID[d.ID] = d
		}
		var areas map[int64]postgres.Area // loaded at the first area's approval
		docs := map[string]string{}       // key → text, loaded once per document
		titles := map[string]string{}
		load := func(key string) (string, error) {
			if text, ok := docs[key]; ok {
				return text, nil
			}
			doc, err := s.DB.Document(ctx, r.ID, key)
			if err != nil {
				return "", err
			}
			docs[key], titles[key] = doc.Text, doc.Title
			if titles[key] == "" {
				titles[key] = doc.Path
			}
			return doc.Text, nil
		}
		for _, a := range aps {
			if a.AreaID != 0 {
				if areas == nil {
					stored, err := s.DB.Areas(ctx, r.ID, "")
					if err != nil {
						return nil, err
					}
					areas = make(map[int64]postgres.Area, len(stored))
					for _, ar := range stored {
						areas[ar.ID] = ar
					}
				}
				ar, ok := areas[a.AreaID]
				if !ok {
					continue // undone since the approvals were read: withdrawn
				}
				text, err := load(ar.DocID)
				if err != nil {
					return nil, err
				}
				out = append(out, areaApproval(a, ar, r, titles[ar.DocID], text))
				continue
			}
			d := byID[a.DecisionID]
			wa := web.Approval{ID: a.ID, RequestID: r.ID, Reference: r.Reference, DocID: d.DocKey, Kind: a.Kind,
				Decision: string(d.Kind), Code: d.Code, Reason: d.Reason, By: s.userName(ctx, d.By), At: d.At}
			if d.SuggestionID != 0 {
				if sg, err := s.DB.SuggestionByID(ctx, d.SuggestionID); err == nil {
					wa.SuggestionID, wa.PersonLabel = sg.ID, sg.PersonLabel
					if wa.Code == "" {
						wa.Code = sg.Code
					}
					if d.Start == d.End {
						d.Start, d.End = sg.Start, sg.End
					}
				}
			}
			text, err := load(d.DocKey)
			if err != nil {
				return nil, err
			}
			wa.DocTitle = titles[d.DocKey]
			wa.Context, wa.Start, wa.End = passage(text, d.Start, d.End)
			out = append(out, wa)
		}
	}
	return out, nil
}

// areaApproval is an area's approval as legal's queue shows it: the
// document, the page, the words under the area as stored when it was drawn
// (the whole context is the span), the code and the officer's reason.
func areaApproval(a postgres.Approval, ar postgres.Area, r web.Request, title, text string) web.Approval {
	wa := web.Approval{ID: a.ID, RequestID: r.ID, Reference: r.Reference, DocID: ar.DocID, DocTitle: title, Kind: a.Kind,
		Decision: web.DecisionArea, Code: ar.Code, Reason: ar.Reason, By: webArea(ar).By, At: ar.At, AreaID: ar.ID, Page: ar.Page}
	for _, w := range ar.Words {
		if 0 <= w[0] && w[0] < w[1] && w[1] <= len(text) {
			wa.Words = append(wa.Words, strings.Join(strings.Fields(text[w[0]:w[1]]), " "))
		}
	}
	wa.Context = strings.Join(wa.Words, " … ")
	wa.End = len(wa.Context)
	return wa
}

// passage cuts the text around [start, end) on rune boundaries and returns
// it with the span's offsets inside it.
func passage(text string, start, end int) (string, int, int) {
	if start < 0 || end > len(text) || start > end {
		return "", 0, 0
	}
	from, to := max(0, start-contextBytes), min(len(text), end+contextBytes)
	for from > 0 && !startsRune(text[from]) {
		from--
	}
	for to < len(text) && !startsRune(text[to]) {
		to++
	}
	p := text[from:to]
	// Start at a word, not mid-word.
	if from > 0 {
		if i := strings.IndexAny(p, " \n"); i >= 0 && i < start-from {
			p, from = p[i+1:], from+i+1
		}
	}
	return p, start - from, end - from
}

func startsRune(b byte) bool { return b&0xC0 != 0x80 }

// DecideApproval implements web.ApprovalStore.
func (s *Store) DecideApproval(ctx context.Context, u web.User, approvalID int64, approve bool, reason string) error {
	a, err := s.findApproval(ctx, u, approvalID)
	if err != nil {
		return err
	}
	_, err = s.DB.DecideApproval(ctx, u, approvalID, a.Version, approve, reason)
	return err
}

// findApproval finds a pending approval on the user's team's requests.
func (s *Store) findApproval(ctx context.Context, u web.User, id int64) (postgres.Approval, error) {
	reqs, err := s.ListRequests(ctx, u, web.RequestFilter{})
	if err != nil {
		return postgres.Approval{}, err
	}
	for _, r := range reqs {
		aps, err := s.DB.Approvals(ctx, r.ID, true)
		if err != nil {
			return postgres.Approval{}, err
		}
		for _, a := range aps {
			if a.ID == id {
				return a, nil
			}
		}
	}
	return postgres.Approval{}, workflow.Errorf(workflow.ErrNotFound, "that approval is not in your queue")
}
