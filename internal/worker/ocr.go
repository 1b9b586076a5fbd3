package worker

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"

	"github.com/disclose-sar/disclose/internal/postgres"
	"github.com/disclose-sar/disclose/internal/record"
	"github.com/riverqueue/river"
)

// OCRArgs asks for one stored document to be read again with OCR (for
// example once tesseract is installed on a node, for a document marked
// "needs OCR").
type OCRArgs struct {
	RequestID int64  `json:"request_id"`
	DocKey    string `json:"doc_key"`
	Dir       string `json:"dir"` // the record folder the document's path is relative to
}

// Kind names the job.
func (OCRArgs) Kind() string { return "ocr" }

type ocrWorker struct {
	river.WorkerDefaults[OCRArgs]
	db   *postgres.DB
	deps Deps
}

func (w *ocrWorker) Work(ctx context.Context, job *river.Job[OCRArgs]) error {
	if w.deps.OCR == nil {
		return river.JobCancel(errors.New("this node cannot OCR"))
	}
	a := job.Args
	doc, err := w.db.Document(ctx, a.RequestID, a.DocKey)
	if err != nil {
		return err
	}
	_ = w.db.SetJobProgress(ctx, postgres.JobProgress{JobID: job.ID, RequestID: a.RequestID, Kind: a.Kind(), Total: 1, Message: "reading " + doc.Path})
	out, err := w.deps.OCR(ctx, doc, filepath.Join(a.Dir, filepath.FromSlash(doc.Path)))
	if err != nil {
		return fmt.Errorf("ocr %s: %w", doc.Path, err)
	}
	// Keep the identity so the upsert hits the same row.
	out.ID, out.Location, out.Path, out.Part = doc.ID, doc.Location, doc.Path, doc.Part
	if _, err := w.db.SaveDocuments(ctx, a.RequestID, []record.Document{out}); err != nil {
		return err
	}
	return w.db.SetJobProgress(ctx, postgres.JobProgress{JobID: job.ID, RequestID: a.RequestID, Kind: a.Kind(), Done: 1, Total: 1, Message: "done"})
}
