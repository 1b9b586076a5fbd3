package service

import (
	"context"
	"errors"

	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/worker"
)

var errNoBundler = errors.New("this build cannot render bundles yet")

// bundleStep renders a bundle for the worker.
func bundleStep() func(ctx context.Context, rec *record.Record, reds []record.Redaction) (worker.BundleOutput, error) {
	return func(ctx context.Context, rec *record.Record, reds []record.Redaction) (worker.BundleOutput, error) {
		return worker.BundleOutput{}, errNoBundler
	}
}
