package pgstore

// Areas officers draw on page images: stored, listed and undone through
// postgres, audited there.

import (
	"context"

	"github.com/disclose-sar/disclose/internal/postgres"
	"github.com/disclose-sar/disclose/internal/web"
)

// Areas implements web.AreaStore.
func (s *Store) Areas(ctx context.Context, requestID int64, docID string) ([]web.Area, error) {
	stored, err := s.DB.Areas(ctx, requestID, docID)
	if err != nil {
		return nil, err
	}
	out := make([]web.Area, len(stored))
	for i, a := range stored {
		out[i] = webArea(a)
	}
	return out, nil
}

// AddArea implements web.AreaStore.
func (s *Store) AddArea(ctx context.Context, u web.User, requestID int64, in web.AreaInput) (web.Area, error) {
	a, err := s.DB.AddArea(ctx, u.ID, requestID, postgres.AreaInput{DocKey: in.DocID, Page: in.Page, Box: in.Box,
		PageWidth: in.PageWidth, PageHeight: in.PageHeight, Words: in.Words, Code: in.Code, Reason: in.Reason})
	if err != nil {
		return web.Area{}, err
	}
	a.ByName = u.Name
	return webArea(a), nil
}

// UndoArea implements web.AreaStore.
func (s *Store) UndoArea(ctx context.Context, u web.User, requestID, areaID int64) error {
	return s.DB.UndoArea(ctx, u.ID, requestID, areaID)
}

func webArea(a postgres.Area) web.Area {
	by := a.ByName
	if by == "" {
		by = a.Decider
	}
	return web.Area{ID: a.ID, DocID: a.DocID, Page: a.Page, Box: a.Box, Words: a.Words, Code: a.Code, Reason: a.Reason, By: by, At: a.At,
		Approval: a.Approval}
}
