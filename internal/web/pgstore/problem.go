package pgstore

import (
	"context"

	"github.com/disclose-sar/disclose/internal/web"
)

// Problems implements web.ProblemStore.
func (s *Store) Problems(ctx context.Context, requestID int64) ([]web.Problem, error) {
	ps, err := s.DB.IngestProblems(ctx, requestID)
	if err != nil {
		return nil, err
	}
	out := make([]web.Problem, len(ps))
	for i, p := range ps {
		out[i] = web.Problem{ID: p.ID, Location: p.Location, Path: p.Path, Kind: p.Kind, Reason: p.Reason,
			Acknowledged: p.AckAt != nil, AckReason: p.AckReason, AckAt: p.AckAt}
		if p.AcknowledgedBy != 0 {
			out[i].AcknowledgedBy = s.userName(ctx, p.AcknowledgedBy)
		}
	}
	return out, nil
}

// AcknowledgeProblem implements web.ProblemStore.
func (s *Store) AcknowledgeProblem(ctx context.Context, u web.User, requestID, problemID int64, reason string) error {
	return s.DB.AcknowledgeProblem(ctx, u.ID, requestID, problemID, reason)
}
