package pgstore

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/disclose-sar/disclose/internal/bundle"
	"github.com/disclose-sar/disclose/internal/postgres"
	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/web"
	"github.com/disclose-sar/disclose/internal/workflow"
)

// bundleStatus maps the store's bundle states to the page's.
var bundleStatus = map[string]string{"queued": "queued", "building": "running", "ready": "done", "released": "done", "failed": "failed"}

// Bundles implements web.BundleStore.
func (s *Store) Bundles(ctx context.Context, requestID int64) ([]web.Bundle, error) {
	bs, err := s.DB.Bundles(ctx, requestID)
	if err != nil {
		return nil, err
	}
	out := make([]web.Bundle, len(bs))
	for i, b := range bs {
		wb := web.Bundle{ID: b.ID, Status: bundleStatus[b.State], Error: b.Error, Released: b.State == "released",
			CreatedBy: s.userName(ctx, b.CreatedBy), CreatedAt: b.CreatedAt}
		if b.Certificate != nil {
			c, _ := json.MarshalIndent(b.Certificate, "", "  ")
			wb.Certificate = string(c)
			wb.Pages, wb.Warnings = certificateNotes(b.Certificate)
			wb.Check = leakCheck(b.Certificate)
		}
		if sched, ok := b.Schedule.([]any); ok {
			wb.Redactions = len(sched)
		}
		out[i] = wb
	}
	return out, nil
}

// GenerateBundle implements web.BundleStore through the bundle job.
func (s *Store) GenerateBundle(ctx context.Context, u web.User, requestID int64) (int64, error) {
	if s.Jobs == nil {
		return 0, workflow.Errorf(workflow.ErrInvalid, "bundle generation is not running on this server")
	}
	return s.Jobs.Bundle(ctx, u, requestID)
}

// ReleaseBundle implements web.BundleStore.
func (s *Store) ReleaseBundle(ctx context.Context, u web.User, requestID, bundleID int64) error {
	b, err := s.DB.Bundle(ctx, bundleID)
	if err != nil {
		return err
	}
	if b.RequestID != requestID {
		return errNotInRequest("bundle")
	}
	return s.DB.ReleaseBundle(ctx, u.ID, bundleID)
}

// BundleFile implements web.BundleStore: the PDF through DownloadBundle
// (which records the download) to be read as it is sent, the schedule as
// CSV.
func (s *Store) BundleFile(ctx context.Context, u web.User, requestID, bundleID int64, kind string) (web.File, error) {
	b, err := s.DB.Bundle(ctx, bundleID)
	if err != nil {
		return web.File{}, err
	}
	if b.RequestID != requestID {
		return web.File{}, workflow.Errorf(workflow.ErrNotFound, "no such bundle in this request")
	}
	r, err := s.DB.Request(ctx, requestID)
	if err != nil {
		return web.File{}, err
	}
	base := fmt.Sprintf("%s-release-%d", r.Reference, b.Release)
	if kind == "schedule" {
		data, err := scheduleCSV(b)
		if err != nil {
			return web.File{}, err
		}
		return web.File{Name: base + "-schedule.csv", ContentType: "text/csv; charset=utf-8", Data: data}, nil
	}
	f, err := s.DB.DownloadBundle(ctx, u.ID, bundleID)
	if err != nil {
		return web.File{}, err
	}
	return web.File{Name: base + ".pdf", ContentType: "application/pdf", Open: f.Open}, nil
}

// scheduleCSV writes a stored schedule through the bundle package's one
// writer (the batch command's too): the rows and certificate the bundle
// job stored as JSON, decoded back into their types. A bundle stored
// before certificates had a date takes the time it became ready.
func scheduleCSV(b postgres.Bundle) ([]byte, error) {
	if b.Certificate == nil {
		return nil, workflow.Errorf(workflow.ErrNotFound, "this bundle has no schedule yet")
	}
	var rows []bundle.ScheduleRow
	var cert bundle.Certificate
	if err := decodeStored(b.Schedule, &rows); err != nil {
		return nil, fmt.Errorf("bundle %d schedule: %w", b.ID, err)
	}
	if err := decodeStored(b.Certificate, &cert); err != nil {
		return nil, fmt.Errorf("bundle %d certificate: %w", b.ID, err)
	}
	if cert.Date.IsZero() && b.ReadyAt != nil {
		cert.Date = *b.ReadyAt
	}
	var buf bytes.Buffer
	if err := bundle.WriteScheduleCSV(&buf, rows, cert); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// decodeStored turns a JSON column read as any back into its type.
func decodeStored(v, into any) error {
	raw, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return json.Unmarshal(raw, into)
}

// Released implements web.ReviewStore: the documents of released bundles
// with every redaction applied to their text. The reading view never sees
// redacted text: spans are replaced before the text leaves this package.
func (s *Store) Released(ctx context.Context, requestID int64) ([]web.ReleasedDoc, error) {
	bs, err := s.DB.Bundles(ctx, requestID)
	if err != nil {
		return nil, err
	}
	released := false
	keys := map[string]bool{}
	for _, b := range bs {
		if b.State == "released" {
			released = true
			for _, k := range b.DocKeys {
				keys[k] = true
			}
		}
	}
	if !released {
		return nil, nil
	}
	outcome, err := s.DB.Redactions(ctx, requestID)
	if err != nil {
		return nil, err
	}
	byDoc := map[string][]record.Redaction{}
	for _, r := range outcome.Redactions {
		byDoc[r.DocID] = append(byDoc[r.DocID], r)
	}
	docs, err := s.DB.Documents(ctx, requestID)
	if err != nil {
		return nil, err
	}
	var out []web.ReleasedDoc
	for _, d := range docs {
		if d.DuplicateOf != "" || len(keys) > 0 && !keys[d.Key] {
			continue
		}
		full, err := s.DB.Document(ctx, requestID, d.Key)
		if err != nil {
			return nil, err
		}
		text, withheld := redact(full.Text, byDoc[d.Key])
		title := redactTitle(titleOf(d), full.Text, byDoc[d.Key])
		if withheld {
			text, title = "[This document is withheld.]", "Withheld "+d.Type
		}
		out = append(out, web.ReleasedDoc{Title: title, Type: d.Type, Date: d.Date, Text: text})
	}
	return out, nil
}

func titleOf(d postgres.DocumentSummary) string {
	if d.Title != "" {
		return d.Title
	}
	return d.Path
}

// redactTitle removes from a document's title every string redacted from
// its text: titles come from the text (an email's subject, a heading) and
// must not give back what the body hides.
func redactTitle(title, text string, rs []record.Redaction) string {
	for _, r := range rs {
		if r.End <= r.Start || r.End > len(text) {
			continue
		}
		label := r.Code
		if r.Label != "" {
			label = r.Label
		}
		title = strings.ReplaceAll(title, text[r.Start:r.End], "["+label+"]")
	}
	return title
}

// redact replaces every redacted span with a labelled box and reports
// whether the whole document is withheld.
func redact(text string, rs []record.Redaction) (string, bool) {
	var b strings.Builder
	pos := 0
	for _, r := range rs { // document order, from Redactions
		if r.Withhold && r.Start == 0 && r.End == 0 {
			return "", true
		}
		if r.Start < pos || r.End > len(text) || r.End <= r.Start {
			continue
		}
		b.WriteString(text[pos:r.Start])
		label := r.Code
		if r.Label != "" {
			label = r.Label
		}
		if r.Withhold {
			b.WriteString("[section withheld: " + r.Code + "]")
		} else {
			b.WriteString("[" + label + "]")
		}
		pos = r.End
	}
	b.WriteString(text[pos:])
	return b.String(), false
}

// certificateNotes reads the pages searched and the build's warnings from
// a stored certificate (service.Certificate as JSON).
func certificateNotes(cert any) (pages int, warnings []string) {
	m, ok := cert.(map[string]any)
	if !ok {
		return 0, nil
	}
	if n, ok := m["Pages"].(float64); ok {
		pages = int(n)
	}
	ws, _ := m["Warnings"].([]any)
	for _, w := range ws {
		if s, ok := w.(string); ok {
			warnings = append(warnings, s)
		}
	}
	return pages, warnings
}

// leakCheck reads a stored certificate (service.Certificate as JSON: the
// bundle's certificate and the build's warnings) for the bundle page.
func leakCheck(cert any) *web.LeakCheck {
	var c struct {
		bundle.Certificate
		Warnings []string
	}
	if err := decodeStored(cert, &c); err != nil {
		return nil
	}
	return &web.LeakCheck{Strings: c.Strings, Skipped: c.Skipped, SkipWhy: c.SkippedWhy, Pages: c.Pages, Objects: c.Objects,
		Hits: c.Hits, SHA256: c.SHA256, Encrypted: c.Encrypted, Date: c.Date, Warnings: c.Warnings}
}
