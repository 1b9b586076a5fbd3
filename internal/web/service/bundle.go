package service

import (
	"context"
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

// bundleStep is the server's driver of the one bundle pipeline (the batch
// command is the other): the stored record's documents (duplicates left
// out, only the release's chosen ones), what review says the stored
// decisions mean, the areas officers drew on pages that review says apply,
// a suggestion pass made now with the officers' role choices for the leak
// check to watch, the ingest problems (each named in the bundle), the
// request's reference and the council. It writes the file out as the
// batch command does (release.Prepare, bundle.WriteFile: made page by page
// in a temporary file beside out, leak-checked where it lies, and renamed
// to out only once the check has passed), unencrypted — each download is
// encrypted with a fresh password as it is sent, by bundle.Encryption
// through the batch writer's encryption. Pages are rendered from their
// source files with extract.PageImager (PDFs, scans) and extract.WordPages
// (word-processor documents), and the leak check reads the finished
// file's text and page images (extract.PDFTextAt, PageOCRAt) from the
// file, as the batch path does, never the whole file in memory.
func (s *Service) bundleStep(set *rules.Set) func(ctx context.Context, requestID int64, docKeys []string, out string) (worker.BundleOutput, error) {
	return func(ctx context.Context, requestID int64, docKeys []string, out string) (worker.BundleOutput, error) {
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
		bopts := release.Options(src, release.Settings{
			Reference: req.Reference, Council: s.cfg.Council, Date: time.Now(), NoEncrypt: true, EncryptedOnDownload: true,
			PageImage: s.x.PageImager(func(d *record.Document) ([]byte, error) { return s.readSource(ctx, d, roots) }),
			Paginate:  s.x.WordPages(func(d *record.Document) ([]byte, error) { return s.readSource(ctx, d, roots) }),
			PDFText:   s.x.PDFText, PageOCR: s.x.PageOCR, PDFTextAt: s.x.PDFTextAt, PageOCRAt: s.x.PageOCRAt,
		})
		in, err := release.Prepare(src)
		if err != nil {
			return worker.BundleOutput{}, err
		}
		res, err := bundle.WriteFile(ctx, out, in, bopts)
		if err != nil {
			return worker.BundleOutput{}, err
		}
		return worker.BundleOutput{Schedule: res.Schedule, Certificate: Certificate{Certificate: res.Certificate, Warnings: res.Warnings}}, nil
	}
}
