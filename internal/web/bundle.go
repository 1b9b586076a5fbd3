package web

import (
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/disclose-sar/disclose/internal/bundle"
	"github.com/disclose-sar/disclose/internal/workflow"
)

// BundlesPage is the bundle page: generate, progress, certificate,
// password once, downloads and release history.
type BundlesPage struct {
	*Page
	Request  Request
	Bundles  []Bundle
	Password string // shown once, with Link to the file it opens
	PwBundle int64
	Link     string
	Running  bool // a bundle is queued or running: the page polls
}

func (s *Server) bundles(c *gin.Context) error {
	r := currentRequest(c)
	bs, err := s.store.Bundles(c.Request.Context(), r.ID)
	if err != nil {
		return err
	}
	p := &BundlesPage{Page: s.page(c, "Bundle · "+r.Reference), Request: r, Bundles: bs}
	for _, b := range bs {
		if b.Status == "queued" || b.Status == "running" {
			p.Running = true
		}
	}
	return s.renderOrJSON(c, "bundles", p, gin.H{"bundles": bs})
}

// generateBundle queues a bundle job with the request's current decisions.
func (s *Server) generateBundle(c *gin.Context) error {
	r := currentRequest(c)
	id, err := s.store.GenerateBundle(c.Request.Context(), user(c), r.ID)
	if err != nil {
		return err
	}
	s.flash(c, "Bundle queued: it is being built.")
	return s.done(c, reqURL(r.ID, "bundles"), gin.H{"id": id})
}

// releaseBundle marks a ready bundle as sent to the requester.
func (s *Server) releaseBundle(c *gin.Context) error {
	r := currentRequest(c)
	bid, err := strconv.ParseInt(c.Param("bid"), 10, 64)
	if err != nil {
		return workflow.ErrNotFound
	}
	if err := s.store.ReleaseBundle(c.Request.Context(), user(c), r.ID, bid); err != nil {
		return err
	}
	s.flash(c, "Bundle marked as sent to the requester.")
	return s.done(c, reqURL(r.ID, "bundles"), nil)
}

// prepareDownload makes a fresh password for one download of the bundle
// and shows it once, with a single-use link to the file it opens. The
// password is never stored: only this page ever shows it; what the link
// keeps is the encryption made for it (bundle.NewEncryption).
func (s *Server) prepareDownload(c *gin.Context) error {
	ctx := c.Request.Context()
	r := currentRequest(c)
	bid, err := strconv.ParseInt(c.Param("bid"), 10, 64)
	if err != nil {
		return workflow.ErrNotFound
	}
	f, err := s.store.BundleFile(ctx, user(c), r.ID, bid, "bundle")
	if err != nil {
		return err
	}
	pw, err := bundle.NewPassword()
	if err != nil {
		return err
	}
	enc, err := bundle.NewEncryption(pw)
	if err != nil {
		return fmt.Errorf("encrypt bundle %d: %w", bid, err)
	}
	tok := s.downloads.put(user(c).ID, r.ID, bid, f, enc)
	link := fmt.Sprintf("/requests/%d/bundles/%d/file/%s", r.ID, bid, tok)
	if isAPI(c) {
		c.JSON(200, gin.H{"password": pw, "url": "/api/v1" + link})
		return nil
	}
	bs, err := s.store.Bundles(ctx, r.ID)
	if err != nil {
		return err
	}
	p := &BundlesPage{Page: s.page(c, "Bundle · "+r.Reference), Request: r, Bundles: bs, Password: pw, PwBundle: bid, Link: link}
	s.render(c, 200, "bundles", p)
	return nil
}

// downloadFile sends a download prepared for this user, once: the stored
// bundle read from the store and encrypted as it is written to the
// response (bundle.Encryption.Encrypt), never whole in memory. What fails
// before the first byte is an error page; what fails after it cuts the
// response off, so the file never arrives looking whole.
func (s *Server) downloadFile(c *gin.Context) error {
	r := currentRequest(c)
	bid, _ := strconv.ParseInt(c.Param("bid"), 10, 64)
	p, ok := s.downloads.take(c.Param("token"), user(c).ID, r.ID, bid)
	if !ok {
		return workflow.Errorf(workflow.ErrNotFound, "this download link has been used or has expired; prepare the download again")
	}
	ctx := c.Request.Context()
	rc, err := p.file.Open(ctx)
	if err != nil {
		return fmt.Errorf("%w: open bundle %d: %w", errDownload, bid, err)
	}
	defer rc.Close()
	h := c.Writer.Header()
	h.Set("Content-Type", p.file.ContentType)
	h.Set("Content-Disposition", `attachment; filename="`+safeFilename(p.file.Name)+`"`)
	err = p.enc.Encrypt(c.Writer, rc)
	if err == nil {
		return nil
	}
	err = fmt.Errorf("%w: encrypt bundle %d: %w", errDownload, bid, err)
	if !c.Writer.Written() {
		h.Del("Content-Type") // the error page sets its own
		h.Del("Content-Disposition")
		return err
	}
	if ctx.Err() != nil {
		s.log.InfoContext(ctx, "download not finished: the client went away", "bundle", bid)
	} else {
		s.log.ErrorContext(ctx, "download cut off", "route", c.FullPath(), "bundle", bid, "err", err)
	}
	panic(http.ErrAbortHandler)
}

// schedule serves a bundle's redaction schedule (for legal services and
// the file; it names what was removed, never the removed text).
func (s *Server) schedule(c *gin.Context) error {
	r := currentRequest(c)
	bid, err := strconv.ParseInt(c.Param("bid"), 10, 64)
	if err != nil {
		return workflow.ErrNotFound
	}
	f, err := s.store.BundleFile(c.Request.Context(), user(c), r.ID, bid, "schedule")
	if err != nil {
		return err
	}
	if err := s.audit(c, user(c), "bundle.schedule.download", r.ID, c.Param("bid")); err != nil {
		return err
	}
	c.Header("Content-Disposition", `attachment; filename="`+safeFilename(f.Name)+`"`)
	c.Data(200, f.ContentType, f.Data)
	return nil
}

// safeFilename keeps a download name to plain characters.
func safeFilename(n string) string {
	b := []byte(n)
	for i, ch := range b {
		if !(ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch >= '0' && ch <= '9' || ch == '.' || ch == '-' || ch == '_') {
			b[i] = '_'
		}
	}
	if len(b) == 0 {
		return "download"
	}
	return string(b)
}

// LeakCheck is a bundle's leak-check certificate as the bundle page shows
// it: what was searched for, where, what was found, and the file's digest.
type LeakCheck struct {
	Strings   int            `json:"strings"` // distinct redacted strings searched for
	Skipped   int            `json:"skipped"` // not searched: too short, or the requester's own names
	SkipWhy   map[string]int `json:"skipped_why,omitempty"`
	Pages     int            `json:"pages"`   // pages of text searched
	Objects   int            `json:"objects"` // PDF objects searched
	Hits      int            `json:"hits"`
	SHA256    string         `json:"sha256"`
	Encrypted bool           `json:"encrypted"`
	Date      time.Time      `json:"date,omitzero"`
	Warnings  []string       `json:"warnings,omitempty"`
}
