package service

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"

	"github.com/disclose-sar/disclose/internal/bundle"
	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/review"
	"github.com/disclose-sar/disclose/internal/rules"
	"github.com/disclose-sar/disclose/internal/worker"
)

// Certificate is what a bundle row keeps as its leak-check certificate:
// the bundle package's certificate and the warnings of the build (a
// scanned page set as text because its source file was gone, a page left
// out because nothing could be read from it). Warnings name documents and
// pages, never text.
type Certificate struct {
	bundle.Certificate
	Warnings []string `json:"Warnings,omitempty"`
}

// bundleStep renders a bundle for the worker: the record's documents
// (duplicates left out) with the decided redactions, unencrypted — each
// download is encrypted with a fresh password by the web layer — and
// leak-checked by the bundle package before it is returned. Scanned pages
// are rendered from their source files with the redactions burned into
// the pixels, and the leak check reads the finished file's text as well as
// its raw objects, exactly as the batch path (cmd/disclose/bundle.go).
func (s *Service) bundleStep(set *rules.Set) func(ctx context.Context, requestID int64, rec *record.Record, reds []record.Redaction) (worker.BundleOutput, error) {
	reasons := map[string]bundle.Reason{}
	for code, c := range set.Codes {
		reasons[code] = bundle.Reason{Code: c.Code, Title: c.Title, Law: c.Law, Plain: c.Plain}
	}
	return func(ctx context.Context, requestID int64, rec *record.Record, reds []record.Redaction) (worker.BundleOutput, error) {
		roots, err := s.sourceRoots(ctx, requestID)
		if err != nil {
			return worker.BundleOutput{}, err
		}
		var docs []record.Document
		byID := map[string]*record.Document{}
		for i := range rec.Documents {
			d := &rec.Documents[i]
			byID[d.ID] = d
			if d.DuplicateOf == "" {
				docs = append(docs, *d)
			}
		}
		// Changed and manual spans carry no text yet: the leak check needs it.
		if err := review.FillText(reds, byID); err != nil {
			return worker.BundleOutput{}, err
		}
		var buf bytes.Buffer
		res, err := bundle.Write(ctx, &buf, bundle.Input{Docs: docs, Redactions: reds, Reasons: reasons, Keep: rec.Subject.Names()},
			bundle.Options{SubjectName: rec.Subject.Name, NoEncrypt: true,
				PageImage: pageImager(s.x, roots), PDFText: s.x.PDFText})
		if err != nil {
			return worker.BundleOutput{}, err
		}
		sum := sha256.Sum256(buf.Bytes())
		return worker.BundleOutput{File: buf.Bytes(), SHA256: hex.EncodeToString(sum[:]), Schedule: res.Schedule,
			Certificate: Certificate{Certificate: res.Certificate, Warnings: res.Warnings}}, nil
	}
}
