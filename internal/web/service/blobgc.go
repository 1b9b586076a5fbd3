package service

import (
	"context"
	"fmt"
	"time"

	"github.com/disclose-sar/disclose/internal/blob"
)

// blobGrace is how long a blob nothing names yet is kept: an upload
// stores its files before naming them, a bundle job its file before its
// row says so.
const blobGrace = 24 * time.Hour

// CollectBlobs removes the blobs stored more than blobGrace ago that no
// uploaded file and no bundle refers to: a request deleted at the end of
// its retention period takes its originals and bundles with it, and a
// file refused mid-upload does not stay. It returns how many it removed.
func (s *Service) CollectBlobs(ctx context.Context, now time.Time) (int, error) {
	c, ok := s.cfg.Blobs.(blob.Collector)
	if !ok {
		return 0, nil
	}
	before := now.Add(-blobGrace)
	keys, err := c.Older(ctx, before)
	if err != nil || len(keys) == 0 {
		return 0, err
	}
	unused, err := s.DB.UnusedBlobs(ctx, keys)
	if err != nil {
		return 0, err
	}
	for _, k := range unused {
		if err := c.Delete(ctx, k, before); err != nil {
			return 0, fmt.Errorf("collect blobs: %w", err)
		}
	}
	return len(unused), nil
}

// collectBlobsEvery runs CollectBlobs until ctx ends.
func (s *Service) collectBlobsEvery(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if n, err := s.CollectBlobs(ctx, time.Now()); err != nil {
			s.cfg.Log.Warn("collect blobs", "err", err)
		} else if n > 0 {
			s.cfg.Log.Info("collect blobs", "removed", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
