package web

import (
	"fmt"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

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

// prepareDownload encrypts the bundle with a fresh password and shows the
// password once, with a single-use link to the encrypted file. The
// password is never stored: only this page ever shows it.
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
	pw := newPassword()
	enc, err := s.encrypt(f.Data, pw)
	if err != nil {
		return fmt.Errorf("encrypt bundle %d: %w", bid, err)
	}
	f.Data = enc
	tok := s.downloads.put(user(c).ID, r.ID, bid, f)
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

// downloadFile serves an encrypted bundle prepared for this user, once.
func (s *Server) downloadFile(c *gin.Context) error {
	r := currentRequest(c)
	bid, _ := strconv.ParseInt(c.Param("bid"), 10, 64)
	f, ok := s.downloads.take(c.Param("token"), user(c).ID, r.ID, bid)
	if !ok {
		return workflow.Errorf(workflow.ErrNotFound, "this download link has been used or has expired; prepare the download again")
	}
	c.Header("Content-Disposition", `attachment; filename="`+safeFilename(f.Name)+`"`)
	c.Data(200, f.ContentType, f.Data)
	return nil
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
