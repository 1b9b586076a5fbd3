package web

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/disclose-sar/disclose/internal/workflow"
)

// limitUploads bounds multipart bodies before anything reads them (the
// CSRF check reads the form): a declared length over the limit is refused
// at once, and a body that grows past it stops being read.
func (s *Server) limitUploads() gin.HandlerFunc {
	return func(c *gin.Context) {
		if !strings.HasPrefix(c.GetHeader("Content-Type"), "multipart/form-data") {
			c.Next()
			return
		}
		if c.Request.ContentLength > s.cfg.MaxUploadBytes {
			s.serveError(c, s.tooLarge())
			c.Abort()
			return
		}
		c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, s.cfg.MaxUploadBytes)
		c.Next()
	}
}

// recordOpen refuses new files and folders on a request whose work is
// over: withdrawn, refused, closed, or disclosed (a staged release moves
// back to review before more of the record is gathered).
func recordOpen(r Request) error {
	switch workflow.Status(r.Status) {
	case workflow.StatusWithdrawn, workflow.StatusRefused, workflow.StatusClosed, workflow.StatusDisclosed:
		msg := fmt.Sprintf("this request is %s: no more files can be added to its record", strings.ToLower(humanize(r.Status)))
		if r.Status == string(workflow.StatusDisclosed) {
			msg += " unless it moves back to In review first"
		}
		return invalid(msg)
	}
	return nil
}

func (s *Server) tooLarge() error {
	return &workflow.Error{Kind: ErrTooLarge, Message: fmt.Sprintf("the upload is too large: at most %d MB at once, %d MB a file",
		s.cfg.MaxUploadBytes>>20, s.cfg.MaxFileBytes>>20)}
}

// upload stores files sent for one location (multipart: "location" and
// one or more "files") and queues their ingestion. The store checks each
// file's type against its content and names it itself.
func (s *Server) upload(c *gin.Context) error {
	r := currentRequest(c)
	if err := recordOpen(r); err != nil {
		return err
	}
	form, err := c.MultipartForm()
	if err != nil {
		var mb *http.MaxBytesError
		if errors.As(err, &mb) {
			return s.tooLarge()
		}
		return invalid("send the files as a multipart form with a location name")
	}
	defer form.RemoveAll()
	location := ""
	if v := form.Value["location"]; len(v) > 0 {
		location = strings.TrimSpace(v[0])
	}
	if location == "" {
		return invalid("name the location the files come from (for example: scanned archive box 4)")
	}
	fhs := form.File["files"]
	if len(fhs) == 0 {
		return invalid("choose one or more files to upload")
	}
	files := make([]UploadFile, len(fhs))
	for i, fh := range fhs {
		if fh.Size > s.cfg.MaxFileBytes {
			return &workflow.Error{Kind: ErrTooLarge, Message: fmt.Sprintf("%s is larger than the %d MB a file may be",
				cleanClientName(fh.Filename), s.cfg.MaxFileBytes>>20)}
		}
		files[i] = UploadFile{Name: fh.Filename, Size: fh.Size, Open: func() (io.ReadCloser, error) { return fh.Open() }}
	}
	n, err := s.store.Upload(c.Request.Context(), user(c), r.ID, location, files)
	if err != nil {
		return err
	}
	if !isAPI(c) {
		s.flash(c, uploadMessage(n, len(files), location))
	}
	return s.done(c, reqURL(r.ID, ""), gin.H{"location": location, "files": n, "already_there": len(files) - n})
}

// uploadMessage says what an upload stored, truthfully: every new file is
// kept, but whether each can be read is known only once it is ingested,
// and a file identical to one already there is not stored twice.
func uploadMessage(stored, sent int, location string) string {
	msg := plural(stored, "new file", "new files") + " uploaded to " + location
	if same := sent - stored; same > 0 {
		msg += " (" + plural(same, "file was", "files were") + " already there)"
	}
	if stored == 0 {
		return msg + "."
	}
	return msg + "; ingestion has started. A file that cannot be read will be listed under “Files not read” with the reason."
}

// cleanClientName is a client's file name fit to repeat in a message: its
// last element, printable, at most 80 characters.
func cleanClientName(name string) string {
	name = name[strings.LastIndexAny(name, `/\`)+1:]
	name = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, name)
	if len([]rune(name)) > 80 {
		name = string([]rune(name)[:80]) + "…"
	}
	return name
}
