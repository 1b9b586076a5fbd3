package service

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"

	"github.com/jackc/pgx/v5"

	"github.com/disclose-sar/disclose/internal/extract"
	"github.com/disclose-sar/disclose/internal/ingest"
	"github.com/disclose-sar/disclose/internal/postgres"
	"github.com/disclose-sar/disclose/internal/web"
	"github.com/disclose-sar/disclose/internal/worker"
	"github.com/disclose-sar/disclose/internal/workflow"
)

// Upload stores uploaded files as a location of the request and queues
// the ingestion of the request's upload folder, which holds one folder per
// location and a subject.json written from the request (ingest.Run reads a
// record folder). Every file is checked before any is kept: its extension
// must be one the extractors read and its first bytes must be that kind of
// file. Names come from the client only as a cleaned last element, never
// as a path, so nothing is written outside the request's upload folder.
// It returns how many new files were stored: a file identical to one the
// location already holds is kept once and not counted.
func (j *Jobs) Upload(ctx context.Context, u workflow.User, requestID int64, location string, files []web.UploadFile) (int, error) {
	if j.uploads == "" {
		return 0, workflow.Errorf(workflow.ErrInvalid, "uploads need a data directory (DISCLOSE_DATA)")
	}
	loc := cleanLocation(location)
	if loc == "" {
		return 0, workflow.Errorf(workflow.ErrInvalid, "name the location with letters or numbers")
	}
	if len(files) == 0 {
		return 0, workflow.Errorf(workflow.ErrInvalid, "choose one or more files to upload")
	}
	if err := j.checkLocationFree(ctx, requestID, loc); err != nil {
		return 0, err
	}
	req, err := j.db.Request(ctx, requestID)
	if err != nil {
		return 0, err
	}
	reqDir := filepath.Join(j.uploads, strconv.FormatInt(requestID, 10))
	locDir := filepath.Join(reqDir, loc)
	if err := os.MkdirAll(locDir, 0o700); err != nil {
		return 0, fmt.Errorf("upload: %w", err)
	}
	// Stage every file under a hidden name (ingestion skips hidden files),
	// then name them all once all passed.
	var staged []stagedFile
	defer func() {
		for _, s := range staged {
			os.Remove(s.tmp) // renamed ones are gone already
		}
	}()
	for _, f := range files {
		s, err := j.stage(locDir, f)
		if err != nil {
			return 0, err
		}
		staged = append(staged, s)
	}
	// Every new file is kept, readable or not: one that turns out damaged
	// (a .docx that is a zip but not a document) becomes a failed file of
	// the location, with its reason, when it is ingested.
	stored := 0
	j.mu.Lock()
	for _, s := range staged {
		isNew, err := place(locDir, s)
		if err != nil {
			j.mu.Unlock()
			return 0, fmt.Errorf("upload %s: %w", s.name, err)
		}
		if isNew {
			stored++
		}
	}
	j.mu.Unlock()
	if err := writeSubject(reqDir, req.Subject); err != nil {
		return 0, err
	}
	_, err = j.db.AddLocation(ctx, u.ID, postgres.Location{RequestID: requestID, Name: loc, Source: postgres.LocationUpload, Path: locDir},
		func(tx pgx.Tx) error {
			_, err := j.worker.Enqueue(ctx, tx, worker.IngestArgs{RequestID: requestID, Dir: reqDir})
			return err
		})
	if err != nil {
		return 0, err
	}
	return stored, nil
}

// checkLocationFree refuses an upload location whose name documents from
// a record folder already use: their paths would meet in the store.
func (j *Jobs) checkLocationFree(ctx context.Context, requestID int64, loc string) error {
	locs, err := j.db.RequestLocations(ctx, requestID)
	if err != nil {
		return err
	}
	for _, l := range locs {
		if l.Name == loc && l.Source == postgres.LocationUpload {
			return nil // more files for the same location
		}
	}
	docs, err := j.db.Documents(ctx, requestID)
	if err != nil {
		return err
	}
	for _, d := range docs {
		if d.Location == loc {
			return workflow.Errorf(workflow.ErrExists, "documents from a record folder already use the location name %q; choose another", loc)
		}
	}
	return nil
}

type stagedFile struct {
	name, tmp, sum string
}

// stage checks one file and copies it to a hidden file in dir.
func (j *Jobs) stage(dir string, f web.UploadFile) (stagedFile, error) {
	name := cleanFileName(f.Name)
	if name == "" {
		return stagedFile{}, workflow.Errorf(workflow.ErrInvalid, "a file has no usable name")
	}
	if f.Size > j.maxFile {
		return stagedFile{}, workflow.Errorf(workflow.ErrInvalid, "%s is larger than %d MB", name, j.maxFile>>20)
	}
	rc, err := f.Open()
	if err != nil {
		return stagedFile{}, fmt.Errorf("upload %s: %w", name, err)
	}
	defer rc.Close()
	head := make([]byte, 512)
	n, err := io.ReadFull(rc, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return stagedFile{}, fmt.Errorf("upload %s: %w", name, err)
	}
	head = head[:n]
	if err := checkType(name, head); err != nil {
		return stagedFile{}, err
	}
	tmp, err := os.CreateTemp(dir, ".upload-*")
	if err != nil {
		return stagedFile{}, fmt.Errorf("upload %s: %w", name, err)
	}
	h := sha256.New()
	w := io.MultiWriter(tmp, h)
	_, err = w.Write(head)
	var copied int64
	if err == nil {
		copied, err = io.Copy(w, io.LimitReader(rc, j.maxFile-int64(len(head))+1))
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	s := stagedFile{name: name, tmp: tmp.Name(), sum: hex.EncodeToString(h.Sum(nil))}
	if err == nil && int64(len(head))+copied > j.maxFile {
		err = workflow.Errorf(workflow.ErrInvalid, "%s is larger than %d MB", name, j.maxFile>>20)
	}
	if err != nil {
		os.Remove(s.tmp)
		if errors.Is(err, workflow.ErrInvalid) {
			return stagedFile{}, err
		}
		return stagedFile{}, fmt.Errorf("upload %s: %w", name, err)
	}
	return s, nil
}

// place gives a staged file its name: the same content already there is
// kept once (isNew false); another file of the same name gets
// "name (2).ext".
func place(dir string, s stagedFile) (isNew bool, err error) {
	ext := filepath.Ext(s.name)
	base := strings.TrimSuffix(s.name, ext)
	for i := 1; i < 1000; i++ {
		name := s.name
		if i > 1 {
			name = fmt.Sprintf("%s (%d)%s", base, i, ext)
		}
		p := filepath.Join(dir, name)
		data, err := os.ReadFile(p)
		if errors.Is(err, os.ErrNotExist) {
			return true, os.Rename(s.tmp, p)
		}
		if err != nil {
			return false, err
		}
		if extract.HashBytes(data) == s.sum {
			return false, os.Remove(s.tmp)
		}
	}
	return false, errors.New("too many files of the same name")
}

// writeSubject writes the request's subject as the upload folder's
// subject.json (replaced atomically: an ingestion may be reading it).
func writeSubject(dir string, subj any) error {
	b, err := json.Marshal(subj)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, ".subject-*")
	if err != nil {
		return fmt.Errorf("upload: %w", err)
	}
	_, err = tmp.Write(b)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), filepath.Join(dir, ingest.SubjectFile))
	}
	if err != nil {
		os.Remove(tmp.Name())
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
