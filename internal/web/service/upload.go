package service

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode"

	"github.com/jackc/pgx/v5"

	"github.com/disclose-sar/disclose/internal/blob"
	"github.com/disclose-sar/disclose/internal/extract"
	"github.com/disclose-sar/disclose/internal/ingest"
	"github.com/disclose-sar/disclose/internal/postgres"
	"github.com/disclose-sar/disclose/internal/web"
	"github.com/disclose-sar/disclose/internal/worker"
	"github.com/disclose-sar/disclose/internal/workflow"
)

// Upload stores uploaded files as a location of the request and queues
// the ingestion of the request's uploads. Every file is checked before any
// is named in the location: its extension must be one the extractors read
// and its first bytes must be that kind of file. Files go to the blob
// store (shared by every node when it is PostgreSQL), named in
// upload_files by a cleaned last element of the client's name, never a
// path; the ingest job, on whichever node takes it, lays them out as a
// record folder (uploadsFolder). It returns how many new files were
// stored: a file identical to one the location already holds under its
// name is kept once and not counted.
func (j *Jobs) Upload(ctx context.Context, u workflow.User, requestID int64, location string, files []web.UploadFile) (int, error) {
	if j.blobs == nil {
		return 0, workflow.Errorf(workflow.ErrInvalid, "uploads need a data directory (DISCLOSE_DATA) or a shared blob store (DISCLOSE_BLOBS)")
	}
	loc := cleanLocation(location)
	if loc == "" {
		return 0, workflow.Errorf(workflow.ErrInvalid, "name the location with letters or numbers")
	}
	if len(files) == 0 {
		return 0, workflow.Errorf(workflow.ErrInvalid, "choose one or more files to upload")
	}
	path, err := j.checkLocationFree(ctx, requestID, loc)
	if err != nil {
		return 0, err
	}
	if _, err := j.db.Request(ctx, requestID); err != nil {
		return 0, err
	}
	// Every file is stored before any is named: one refused leaves the
	// location as it was (its blobs stay unnamed).
	var staged []postgres.UploadFile
	for _, f := range files {
		s, err := j.stage(ctx, loc, f)
		if err != nil {
			return 0, err
		}
		staged = append(staged, s)
	}
	// Every new file is kept, readable or not: one that turns out damaged
	// (a .docx that is a zip but not a document) becomes a failed file of
	// the location, with its reason, when it is ingested.
	stored := 0
	for _, s := range staged {
		isNew, err := j.db.AddUploadFile(ctx, u.ID, requestID, s, numbered(s.Name))
		if err != nil {
			return 0, fmt.Errorf("upload %s: %w", s.Name, err)
		}
		if isNew {
			stored++
		}
	}
	_, err = j.db.AddLocation(ctx, u.ID, postgres.Location{RequestID: requestID, Name: loc, Source: postgres.LocationUpload, Path: path},
		func(tx pgx.Tx) error {
			_, err := j.worker.Enqueue(ctx, tx, worker.IngestArgs{RequestID: requestID, Uploads: true})
			return err
		})
	if err != nil {
		return 0, err
	}
	return stored, nil
}

// uploadPath is an upload location's Path: its files are in the blob
// store, not a folder of any one node.
func uploadPath(loc string) string { return "blobs:" + loc } // sourceRoots knows the prefix

// checkLocationFree refuses an upload location whose name documents from
// a record folder already use: their paths would meet in the store. It
// returns the location's Path: its own for more files to a location (one
// made before the blob store keeps its folder's), else a new one.
func (j *Jobs) checkLocationFree(ctx context.Context, requestID int64, loc string) (string, error) {
	locs, err := j.db.RequestLocations(ctx, requestID)
	if err != nil {
		return "", err
	}
	for _, l := range locs {
		if l.Name == loc && l.Source == postgres.LocationUpload {
			return l.Path, nil // more files for the same location
		}
	}
	docs, err := j.db.Documents(ctx, requestID)
	if err != nil {
		return "", err
	}
	for _, d := range docs {
		if d.Location == loc {
			return "", workflow.Errorf(workflow.ErrExists, "documents from a record folder already use the location name %q; choose another", loc)
		}
	}
	return uploadPath(loc), nil
}

// stage checks one file and streams it into the blob store.
func (j *Jobs) stage(ctx context.Context, loc string, f web.UploadFile) (postgres.UploadFile, error) {
	name := cleanFileName(f.Name)
	if name == "" {
		return postgres.UploadFile{}, workflow.Errorf(workflow.ErrInvalid, "a file has no usable name")
	}
	tooLarge := workflow.Errorf(workflow.ErrInvalid, "%s is larger than %d MB", name, j.maxFile>>20)
	if f.Size > j.maxFile {
		return postgres.UploadFile{}, tooLarge
	}
	rc, err := f.Open()
	if err != nil {
		return postgres.UploadFile{}, fmt.Errorf("upload %s: %w", name, err)
	}
	defer rc.Close()
	head := make([]byte, 512)
	n, err := io.ReadFull(rc, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return postgres.UploadFile{}, fmt.Errorf("upload %s: %w", name, err)
	}
	head = head[:n]
	if err := checkType(name, head); err != nil {
		return postgres.UploadFile{}, err
	}
	key, size, err := j.blobs.Put(ctx, blob.Limit(io.MultiReader(bytes.NewReader(head), rc), j.maxFile))
	if errors.Is(err, blob.ErrTooLarge) {
		return postgres.UploadFile{}, tooLarge
	}
	if err != nil {
		return postgres.UploadFile{}, fmt.Errorf("upload %s: %w", name, err)
	}
	return postgres.UploadFile{Location: loc, Name: name, SHA256: key, Size: size}, nil
}

// numbered names the i-th candidate for a file: "name.ext", then
// "name (2).ext", and so on.
func numbered(name string) func(i int) string {
	ext := filepath.Ext(name)
	base := strings.TrimSuffix(name, ext)
	return func(i int) string {
		if i == 1 {
			return name
		}
		return fmt.Sprintf("%s (%d)%s", base, i, ext)
	}
}

// uploadsFolder lays a request's uploaded files out in a new folder on
// this node — subject.json from the request, then location/name for every
// file (or only those of only, a batch), streamed from the blob store —
// for ingest.Run to read as a record folder. The document paths it gives
// (location/name) are the same on every node.
func (s *Service) uploadsFolder(ctx context.Context, requestID int64, only []string) (string, func(), error) {
	req, err := s.DB.Request(ctx, requestID)
	if err != nil {
		return "", nil, err
	}
	files, err := s.DB.UploadFiles(ctx, requestID)
	if err != nil {
		return "", nil, err
	}
	dir, err := os.MkdirTemp(s.cfg.TempDir, "disclose-uploads-")
	if err != nil {
		return "", nil, fmt.Errorf("uploads: %w", err)
	}
	cleanup := func() { os.RemoveAll(dir) }
	if err := writeSubject(dir, req.Subject); err != nil {
		cleanup()
		return "", nil, err
	}
	for _, f := range files {
		rel := filepath.Join(f.Location, f.Name)
		if !filepath.IsLocal(rel) || strings.Contains(f.Location, string(filepath.Separator)) {
			continue // not a name Upload makes
		}
		if only != nil && !slices.Contains(only, f.Location+"/"+f.Name) {
			continue
		}
		if err := blob.CopyToFile(ctx, s.cfg.Blobs, f.SHA256, filepath.Join(dir, rel)); err != nil {
			cleanup()
			return "", nil, fmt.Errorf("uploads: %s: %w", rel, err)
		}
	}
	return dir, cleanup, nil
}

// writeSubject writes the request's subject as the folder's subject.json.
func writeSubject(dir string, subj any) error {
	b, err := json.Marshal(subj)
	if err == nil {
		err = os.WriteFile(filepath.Join(dir, ingest.SubjectFile), b, 0o600)
	}
	if err != nil {
		return fmt.Errorf("upload: subject: %w", err)
	}
	return nil
}

// checkType: the extension must be one the extractors read, and the first
// bytes (http.DetectContentType, or the TIFF magic it does not know) must
// be that kind of file — a .docx is a zip, a .pdf starts %PDF-, an image
// is that image, text is text.
func checkType(name string, head []byte) error {
	ext := strings.ToLower(filepath.Ext(name))
	if !extract.Supported(name) {
		if ext == "" {
			return workflow.Errorf(workflow.ErrInvalid, "%s has no extension: Disclose reads PDF, Word, OpenDocument, RTF, Excel, PowerPoint, email (including Outlook), zip, image, text and CSV files", name)
		}
		return workflow.Errorf(workflow.ErrInvalid, "%s: Disclose does not read %s files", name, ext)
	}
	if len(head) == 0 {
		return workflow.Errorf(workflow.ErrInvalid, "%s is empty", name)
	}
	ct := http.DetectContentType(head)
	var ok bool
	switch ext {
	case ".pdf":
		ok = ct == "application/pdf"
	case ".docx", ".xlsx", ".odt", ".ods", ".pptx", ".odp", ".zip":
		ok = ct == "application/zip"
	case ".doc", ".xls", ".ppt", ".msg": // OLE compound file
		ok = len(head) >= 8 && string(head[:8]) == "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
	case ".rtf":
		ok = strings.HasPrefix(string(head), "{\\rtf")
	case ".pst", ".ost": // Outlook data file
		ok = strings.HasPrefix(string(head), "!BDN")
	case ".png":
		ok = ct == "image/png"
	case ".jpg", ".jpeg":
		ok = ct == "image/jpeg"
	case ".tif", ".tiff":
		ok = len(head) >= 4 && (string(head[:4]) == "II*\x00" || string(head[:4]) == "MM\x00*")
	default: // .eml, .mbox, .txt, .md, .csv
		ok = strings.HasPrefix(ct, "text/")
	}
	if !ok {
		return workflow.Errorf(workflow.ErrInvalid, "%s is not a %s file (its content looks like %s)", name, ext, strings.SplitN(ct, ";", 2)[0])
	}
	return nil
}

// cleanFileName keeps the last element of a client's file name, with
// letters, digits, spaces and a little punctuation; no leading dot (hidden
// files are not ingested; no ".."), at most 120 bytes with its extension.
func cleanFileName(name string) string {
	name = name[strings.LastIndexAny(name, `/\`)+1:]
	name = keep(name, func(r rune) bool { return strings.ContainsRune(" -_.,()&'+", r) })
	ext := filepath.Ext(name)
	if len(ext) > 10 || ext == "." {
		ext = ""
	}
	base := strings.Trim(truncate(strings.TrimSuffix(name, ext), 120-len(ext)), ". ")
	if base == "" {
		if ext == "" {
			return ""
		}
		base = "file"
	}
	return base + ext
}

// cleanLocation makes a location name a folder name: letters, digits,
// spaces, hyphens and underscores, at most 60 bytes.
func cleanLocation(name string) string {
	name = keep(name, func(r rune) bool { return r == ' ' || r == '-' || r == '_' })
	return strings.Trim(truncate(strings.Trim(name, " -_"), 60), " ")
}

// keep maps runes: letters and digits stay, extra(r) ones stay, other
// spaces become one space, control characters go, anything else becomes
// an underscore.
func keep(s string, extra func(rune) bool) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || extra(r):
			b.WriteRune(r)
		case unicode.IsSpace(r):
			b.WriteByte(' ')
		case unicode.IsControl(r) || r == unicode.ReplacementChar:
			// dropped
		default:
			b.WriteByte('_')
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// truncate cuts s to at most n bytes without splitting a character.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

func utf8RuneStart(b byte) bool { return b&0xC0 != 0x80 }
