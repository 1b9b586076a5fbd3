package main

import (
	"context"

	"github.com/disclose-sar/disclose/internal/postgres"
	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/worker"
)

// bundleStep renders a bundle for the worker. Until the bundle package's
// writer lands it refuses, and bundle jobs fail with a clear error.
func bundleStep(db *postgres.DB) func(ctx context.Context, rec *record.Record, reds []record.Redaction) (worker.BundleOutput, error) {
	return func(ctx context.Context, rec *record.Record, reds []record.Redaction) (worker.BundleOutput, error) {
		return worker.BundleOutput{}, errNoBundler
	}
}
