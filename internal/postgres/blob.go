package postgres

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/disclose-sar/disclose/internal/blob"
)

// blobChunk is the size of one blob_chunks row: large enough that a file
// is few rows, small enough that a reader holds little.
const blobChunk = 1 << 20

// Blobs is the blob.Store in PostgreSQL (migration 0013): every node of a
// cluster reads what any node wrote.
type Blobs struct {
	db *DB
}

// Blobs returns the database's blob store.
func (db *DB) Blobs() *Blobs { return &Blobs{db: db} }

var (
	_ blob.Store     = (*Blobs)(nil)
	_ blob.Collector = (*Blobs)(nil)
)

// Put writes r in chunks inside one transaction while hashing it, then
// names the blob by its hash. The same content stored already, by this
// node or another at the same moment, rolls the copy back.
func (b *Blobs) Put(ctx context.Context, r io.Reader) (string, int64, error) {
	h := blob.NewHasher()
	var key string
	err := b.db.inTx(ctx, func(tx pgx.Tx) error {
		var id int64
		if err := tx.QueryRow(ctx, `INSERT INTO blobs DEFAULT VALUES RETURNING id`).Scan(&id); err != nil {
			return err
		}
		buf := make([]byte, blobChunk)
		for seq := 0; ; seq++ {
			n, rerr := io.ReadFull(r, buf)
			if n > 0 || seq == 0 {
				h.Write(buf[:n])
				if _, err := tx.Exec(ctx, `INSERT INTO blob_chunks (blob_id, seq, data) VALUES ($1, $2, $3)`, id, seq, buf[:n]); err != nil {
					return err
				}
			}
			if rerr == io.EOF || rerr == io.ErrUnexpectedEOF {
				break
			}
			if rerr != nil {
				return rerr
			}
		}
		key = h.Key()
		_, err := tx.Exec(ctx, `UPDATE blobs SET sha256 = $2, size = $3 WHERE id = $1`, id, key, h.Size())
		return err
	})
	var pe *pgconn.PgError
	if errors.As(err, &pe) && pe.Code == "23505" { // unique_violation: the content is there already
		// Stored anew: the collector leaves it to the upload naming it.
		if _, err := b.db.Pool.Exec(ctx, `UPDATE blobs SET created_at = now() WHERE sha256 = $1`, key); err != nil {
			return "", 0, fmt.Errorf("blob put: %w", err)
		}
		return key, h.Size(), nil
	}
	if err != nil {
		return "", 0, fmt.Errorf("blob put: %w", err)
	}
	return key, h.Size(), nil
}

// Open returns a reader that fetches one chunk at a time.
func (b *Blobs) Open(ctx context.Context, key string) (io.ReadCloser, error) {
	var id, size int64
	err := b.db.Pool.QueryRow(ctx, `SELECT id, size FROM blobs WHERE sha256 = $1`, key).Scan(&id, &size)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("blob %s: %w", key, blob.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("blob %s: %w", key, err)
	}
	return &blobReader{ctx: ctx, db: b.db, id: id, key: key}, nil
}

type blobReader struct {
	ctx  context.Context
	db   *DB
	id   int64
	key  string
	seq  int
	buf  []byte
	done bool
}

func (r *blobReader) Read(p []byte) (int, error) {
	for len(r.buf) == 0 {
		if r.done {
			return 0, io.EOF
		}
		err := r.db.Pool.QueryRow(r.ctx, `SELECT data FROM blob_chunks WHERE blob_id = $1 AND seq = $2`, r.id, r.seq).Scan(&r.buf)
		if errors.Is(err, pgx.ErrNoRows) {
			r.done = true
			continue
		}
		if err != nil {
			return 0, fmt.Errorf("blob %s: chunk %d: %w", r.key, r.seq, err)
		}
		r.seq++
	}
	n := copy(p, r.buf)
	r.buf = r.buf[n:]
	return n, nil
}

func (r *blobReader) Close() error { return nil }

// Older lists the blobs stored before t.
func (b *Blobs) Older(ctx context.Context, t time.Time) ([]string, error) {
	rows, err := b.db.Pool.Query(ctx, `SELECT sha256 FROM blobs WHERE sha256 IS NOT NULL AND created_at < $1`, t)
	if err != nil {
		return nil, mapErr(err, "blobs")
	}
	return pgx.CollectRows(rows, pgx.RowTo[string])
}

// Delete removes a blob and its chunks if it was last stored before t.
func (b *Blobs) Delete(ctx context.Context, key string, t time.Time) error {
	_, err := b.db.Pool.Exec(ctx, `DELETE FROM blobs WHERE sha256 = $1 AND created_at < $2`, key, t)
	return mapErr(err, "blob")
}

// UnusedBlobs returns which of keys no uploaded file and no bundle refers
// to (bundles kept in their row refer to none).
func (db *DB) UnusedBlobs(ctx context.Context, keys []string) ([]string, error) {
	rows, err := db.Pool.Query(ctx, `SELECT k FROM unnest($1::text[]) AS k
		WHERE NOT EXISTS (SELECT 1 FROM upload_files u WHERE u.sha256 = k)
		AND NOT EXISTS (SELECT 1 FROM bundles b WHERE b.sha256 = k AND b.file IS NULL)`, keys)
	if err != nil {
		return nil, mapErr(err, "blobs in use")
	}
	return pgx.CollectRows(rows, pgx.RowTo[string])
}

// UploadFile is one file uploaded to a request's location: its name in
// the location and its blob.
type UploadFile struct {
	Location, Name string
	SHA256         string
	Size           int64
}

// AddUploadFile names an uploaded blob in a location: the same content
// under the name or an earlier "name (n).ext" is kept once (isNew false);
// another file of the same name becomes "name (2).ext", and so on. Nodes
// uploading at once into the same location meet on the primary key.
func (db *DB) AddUploadFile(ctx context.Context, by, requestID int64, f UploadFile, names func(i int) string) (isNew bool, err error) {
	for i := 1; i < 1000; i++ {
		name := names(i)
		var sum string
		err := db.Pool.QueryRow(ctx, `INSERT INTO upload_files (request_id, location, name, sha256, size, created_by)
			VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING sha256`,
			requestID, f.Location, name, f.SHA256, f.Size, nullID(by)).Scan(&sum)
		if err == nil {
			return true, nil
		}
		if !errors.Is(err, pgx.ErrNoRows) {
			return false, mapErr(err, "upload file")
		}
		err = db.Pool.QueryRow(ctx, `SELECT sha256 FROM upload_files WHERE request_id = $1 AND location = $2 AND name = $3`,
			requestID, f.Location, name).Scan(&sum)
		if err != nil && !errors.Is(err, pgx.ErrNoRows) {
			return false, mapErr(err, "upload file")
		}
		if sum == f.SHA256 {
			return false, nil
		}
	}
	return false, errors.New("too many files of the same name")
}

// UploadFiles lists a request's uploaded files by location and name.
func (db *DB) UploadFiles(ctx context.Context, requestID int64) ([]UploadFile, error) {
	rows, err := db.Pool.Query(ctx, `SELECT location, name, sha256, size FROM upload_files WHERE request_id = $1
		ORDER BY location, name`, requestID)
	if err != nil {
		return nil, mapErr(err, "upload files")
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (UploadFile, error) {
		var f UploadFile
		err := r.Scan(&f.Location, &f.Name, &f.SHA256, &f.Size)
		return f, err
	})
}
