package postgres

import (
	"context"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/workflow"
)

// upsertDocumentSQL keys on (request, path, part): an ingestion job killed
// and retried rewrites the same rows instead of adding copies.
const upsertDocumentSQL = `INSERT INTO documents (request_id, doc_key, location, path, part, parent, format, type, title, author,
	doc_date, pages, hash, text_hash, duplicate_of, restricted, ocr_pages, needs_ocr, text, blocks, words, page_info, email, glyphs, meta)
	VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25)
	ON CONFLICT (request_id, path, part) DO UPDATE SET doc_key = excluded.doc_key, location = excluded.location,
	parent = excluded.parent, format = excluded.format, type = excluded.type, title = excluded.title, author = excluded.author,
	doc_date = excluded.doc_date, pages = excluded.pages, hash = excluded.hash, text_hash = excluded.text_hash,
	duplicate_of = excluded.duplicate_of, restricted = excluded.restricted, ocr_pages = excluded.ocr_pages,
	needs_ocr = excluded.needs_ocr, text = excluded.text, blocks = excluded.blocks, words = excluded.words,
	page_info = excluded.page_info, email = excluded.email, glyphs = excluded.glyphs, meta = excluded.meta, updated_at = now()`

// SaveDocuments upserts documents of a request in one transaction (a batch
// of an ingestion job) and returns how many it wrote.
func (db *DB) SaveDocuments(ctx context.Context, requestID int64, docs []record.Document) (int, error) {
	err := db.inTx(ctx, func(tx pgx.Tx) error {
		b := &pgx.Batch{}
		for i := range docs {
			d := &docs[i]
			var date any
			if !d.Date.IsZero() {
				date = d.Date
			}
			blocks, words, pages, meta := d.Blocks, d.Words, d.PageInfo, d.Meta
			if blocks == nil {
				blocks = []record.Block{}
			}
			if words == nil {
				words = []record.Word{}
			}
			if pages == nil {
				pages = []record.PageInfo{}
			}
			if meta == nil {
				meta = map[string]string{}
			}
			glyphs, err := packGlyphs(d.Glyphs)
			if err != nil {
				return err
			}
			b.Queue(upsertDocumentSQL, requestID, d.ID, d.Location, d.Path, d.Part, d.Parent, string(d.Format), d.Type, d.Title,
				d.Author, date, d.Pages, d.Hash, d.TextHash, d.DuplicateOf, d.Restricted, d.OCRPages, d.NeedsOCR, d.Text,
				blocks, words, pages, d.Email, glyphs, meta)
		}
		return mapErr(tx.SendBatch(ctx, b).Close(), "document")
	})
	if err != nil {
		return 0, err
	}
	return len(docs), nil
}

// DocumentSummary is a document without its text, for lists.
type DocumentSummary struct {
	ID          int64     `json:"id"`
	Key         string    `json:"key"` // record.Document.ID
	Location    string    `json:"location"`
	Path        string    `json:"path"`
	Part        string    `json:"part,omitempty"`
	Format      string    `json:"format"`
	Type        string    `json:"type,omitempty"`
	Title       string    `json:"title,omitempty"`
	Date        time.Time `json:"date,omitzero"`
	Pages       int       `json:"pages"`
	DuplicateOf string    `json:"duplicate_of,omitempty"`
	NeedsOCR    bool      `json:"needs_ocr,omitempty"`
}

// Documents lists a request's documents by location and path.
func (db *DB) Documents(ctx context.Context, requestID int64) ([]DocumentSummary, error) {
	rows, err := db.Pool.Query(ctx, `SELECT id, doc_key, location, path, part, format, type, title,
		coalesce(doc_date, '0001-01-01'::timestamptz), pages, duplicate_of, needs_ocr
		FROM documents WHERE request_id = $1 ORDER BY location, path, part`, requestID)
	if err != nil {
		return nil, mapErr(err, "documents")
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (DocumentSummary, error) {
		var d DocumentSummary
		err := r.Scan(&d.ID, &d.Key, &d.Location, &d.Path, &d.Part, &d.Format, &d.Type, &d.Title, &d.Date, &d.Pages, &d.DuplicateOf, &d.NeedsOCR)
		if d.Date.Year() == 1 {
			d.Date = time.Time{}
		}
		return d, err
	})
}

// CountDocuments returns how many documents a request has.
func (db *DB) CountDocuments(ctx context.Context, requestID int64) (int, error) {
	var n int
	err := db.Pool.QueryRow(ctx, `SELECT count(*) FROM documents WHERE request_id = $1`, requestID).Scan(&n)
	return n, mapErr(err, "documents")
}

// DocumentsStamp changes whenever a request's documents do — one added,
// removed, or saved again (OCR, a re-read) — so a node's cached search
// index of the request is known stale even when another node made the change.
func (db *DB) DocumentsStamp(ctx context.Context, requestID int64) (string, error) {
	var n int
	var last *time.Time
	err := db.Pool.QueryRow(ctx, `SELECT count(*), max(updated_at) FROM documents WHERE request_id = $1`, requestID).Scan(&n, &last)
	if err != nil {
		return "", mapErr(err, "documents")
	}
	stamp := strconv.Itoa(n)
	if last != nil {
		stamp += "@" + strconv.FormatInt(last.UnixMicro(), 10)
	}
	return stamp, nil
}

// Document returns one document whole, text, blocks and boxes included, by
// its record key. Callers that show it audit the view (AuditDocumentView).
func (db *DB) Document(ctx context.Context, requestID int64, key string) (record.Document, error) {
	var (
		d      record.Document
		date   *time.Time
		format string
		glyphs []byte
	)
	err := db.Pool.QueryRow(ctx, `SELECT doc_key, location, path, part, parent, format, type, title, author, doc_date, pages,
		hash, text_hash, duplicate_of, restricted, ocr_pages, needs_ocr, text, blocks, words, page_info, email, glyphs, meta
		FROM documents WHERE request_id = $1 AND doc_key = $2`, requestID, key).Scan(&d.ID, &d.Location, &d.Path, &d.Part,
		&d.Parent, &format, &d.Type, &d.Title, &d.Author, &date, &d.Pages, &d.Hash, &d.TextHash, &d.DuplicateOf, &d.Restricted,
		&d.OCRPages, &d.NeedsOCR, &d.Text, &d.Blocks, &d.Words, &d.PageInfo, &d.Email, &glyphs, &d.Meta)
	if err != nil {
		return d, mapErr(err, "document")
	}
	d.Format = record.Format(format)
	if date != nil {
		d.Date = *date
	}
	if d.Glyphs, err = unpackGlyphs(glyphs); err != nil {
		return d, workflow.Errorf(workflow.ErrInvalid, "document %s: stored character boxes are damaged", key)
	}
	return d, nil
}

// Record loads a request's whole record (subject, persons, documents) for
// the bundle and suggestion steps, in the order ingest.Run reads a folder:
// persons as persons.json lists them, documents by path (bytewise) and
// within a file in the order they were found. The person register's keys
// and labels follow that order, so the server's register is the one
// `disclose suggest` prints for the same folder.
func (db *DB) Record(ctx context.Context, requestID int64) (*record.Record, error) {
	req, err := db.Request(ctx, requestID)
	if err != nil {
		return nil, err
	}
	rec := &record.Record{Subject: req.Subject}
	if rec.Persons, err = db.Persons(ctx, requestID); err != nil {
		return nil, err
	}
	rows, err := db.Pool.Query(ctx, `SELECT doc_key FROM documents WHERE request_id = $1 ORDER BY path COLLATE "C", id`, requestID)
	if err != nil {
		return nil, mapErr(err, "documents")
	}
	keys, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, mapErr(err, "documents")
	}
	for _, key := range keys {
		d, err := db.Document(ctx, requestID, key)
		if err != nil {
			return nil, err
		}
		rec.Documents = append(rec.Documents, d)
	}
	return rec, nil
}

// SavePersons replaces nothing and adds or updates the register of people.
func (db *DB) SavePersons(ctx context.Context, requestID int64, persons []record.Person) error {
	return db.inTx(ctx, func(tx pgx.Tx) error {
		b := &pgx.Batch{}
		for _, p := range persons {
			b.Queue(`INSERT INTO persons (request_id, name, role, relationship, data) VALUES ($1, $2, $3, $4, $5)
				ON CONFLICT (request_id, name) DO UPDATE SET role = excluded.role, relationship = excluded.relationship, data = excluded.data`,
				requestID, p.Name, p.Role, p.Relationship, p)
		}
		return mapErr(tx.SendBatch(ctx, b).Close(), "person")
	})
}

// Persons returns the people a request's persons.json files list, in
// their order (the register's keys and labels follow it).
func (db *DB) Persons(ctx context.Context, requestID int64) ([]record.Person, error) {
	rows, err := db.Pool.Query(ctx, `SELECT data FROM persons WHERE request_id = $1 ORDER BY id`, requestID)
	if err != nil {
		return nil, mapErr(err, "persons")
	}
	return pgx.CollectRows(rows, pgx.RowTo[record.Person])
}

// SetDuplicates marks documents of a request as copies (doc key → the key
// of the copy kept; "" = not a copy), without rewriting them: the step
// after a record read in batches de-duplicates across the batches.
func (db *DB) SetDuplicates(ctx context.Context, requestID int64, dupOf map[string]string) error {
	return db.inTx(ctx, func(tx pgx.Tx) error {
		b := &pgx.Batch{}
		for key, of := range dupOf {
			b.Queue(`UPDATE documents SET duplicate_of = $3, updated_at = now() WHERE request_id = $1 AND doc_key = $2`, requestID, key, of)
		}
		return mapErr(tx.SendBatch(ctx, b).Close(), "documents")
	})
}
