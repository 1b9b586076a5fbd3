package service

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"time"

	"github.com/disclose-sar/disclose/internal/bundle"
	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/release"
	"github.com/disclose-sar/disclose/internal/review"
	"github.com/disclose-sar/disclose/internal/rules"
	"github.com/disclose-sar/disclose/internal/suggest"
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

// bundleStep is the server's driver of the one bundle pipeline
// (release.Write; the batch command is the other): the stored record's
// documents (duplicates left out, only the release's chosen ones), what
// review says the stored decisions mean, the areas officers drew on pages
// that review says apply,
// a suggestion pass made now with the officers' role choices for the leak
// check to watch, the ingest problems (each named in the bundle), the
// request's reference and the council. The file is kept unencrypted — each
// download is encrypted with a fresh password as it is sent, by
// bundle.Encryption through the batch writer's encryption — and was
// leak-checked before it is returned. Pages are rendered from their source files with
// extract.PageImager (PDFs, scans) and extract.WordPages (word-processor
// documents), and the leak check reads page images with extract.PageOCR,
// as the batch path does.
func (s *Service) bundleStep(set *rules.Set) func(ctx context.Context, requestID int64, docKeys []string) (worker.BundleOutput, error) {
	return func(ctx context.Context, requestID int64, docKeys []string) (worker.BundleOutput, error) {
		req, err := s.DB.Request(ctx, requestID)
		if err != nil {
			return worker.BundleOutput{}, err
		}
		rec, err := s.DB.Record(ctx, requestID)
		if err != nil {
			return worker.BundleOutput{}, err
		}
		opts, err := s.DB.SuggestOptions(ctx, requestID)
		if err != nil {
			return worker.BundleOutput{}, err
		}
		// The watch pass sees the whole record, as the suggestion step did.
		fresh, err := suggest.Suggest(rec, set, opts)
		if err != nil {
			return worker.BundleOutput{}, err
		}
		sugs, decs, err := s.DB.Decided(ctx, requestID)
		if err != nil {
			return worker.BundleOutput{}, err
		}
		if len(docKeys) > 0 {
			rec.Documents = slices.DeleteFunc(rec.Documents, func(d record.Document) bool { return !slices.Contains(docKeys, d.ID) })
		}
		probs, err := s.DB.IngestProblems(ctx, requestID)
		if err != nil {
			return worker.BundleOutput{}, err
		}
		var problems []release.Problem
		for _, p := range probs {
			problems = append(problems, release.Problem{Location: p.Location, Path: p.Path, Reason: p.Reason})
		}
		roots, err := s.sourceRoots(ctx, requestID)
		if err != nil {
			return worker.BundleOutput{}, err
		}
		stored, err := s.DB.Areas(ctx, requestID, "")
		if err != nil {
			return worker.BundleOutput{}, err
		}
		areas := make([]review.Area, len(stored))
		for i, a := range stored {
			areas[i] = a.Review()
		}
		// Review says which areas apply: one legal refused falls away, one
		// waiting for legal applies meanwhile as a pending own redaction
		// does; BundleBlockers keeps a bundle from being made while any
		// waits or was refused.
		src := release.Source{Record: rec, Suggested: fresh, Outcome: s.DB.Policy.Apply(sugs, decs), Decisions: decs,
			Problems: problems, Rules: set, Areas: s.DB.Policy.ApplyAreas(areas).Areas}
		var buf bytes.Buffer
		res, _, err := release.Write(ctx, &buf, src, release.Settings{
			Reference: req.Reference, Council: s.cfg.Council, Date: time.Now(), NoEncrypt: true, EncryptedOnDownload: true,
			PageImage: s.x.PageImager(func(d *record.Document) ([]byte, error) { return s.readSource(ctx, d, roots) }),
			Paginate:  s.x.WordPages(func(d *record.Document) ([]byte, error) { return s.readSource(ctx, d, roots) }),
			PDFText:   s.x.PDFText,
			PageOCR:   s.x.PageOCR,
		})
		if err != nil {
			return worker.BundleOutput{}, err
		}
		sum := sha256.Sum256(buf.Bytes())
		return worker.BundleOutput{File: buf.Bytes(), SHA256: hex.EncodeToString(sum[:]), Schedule: res.Schedule,
			Certificate: Certificate{Certificate: res.Certificate, Warnings: res.Warnings}}, nil
	}
}
