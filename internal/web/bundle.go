package web

import (
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/disclose-sar/disclose/internal/workflow"
)

// BundlesPage is the bundle page: generate, progress, certificate,
// password once, downloads and release history.
type BundlesPage struct {
	*Page
	Request  Request
	Bundles  []Bundle
	Password string // shown once, right after it was taken
	PwBundle int64
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

// generateBundle queues a bundle job and shows its password once: it is
// never stored, so it cannot be shown again.
func (s *Server) generateBundle(c *gin.Context) error {
	r := currentRequest(c)
	id, pw, err := s.store.GenerateBundle(c.Request.Context(), user(c), r.ID)
	if err != nil {
		return err
	}
	if isAPI(c) {
		c.JSON(201, gin.H{"id": id, "password": pw})
		return nil
	}
	bs, err := s.store.Bundles(c.Request.Context(), r.ID)
	if err != nil {
		return err
	}
	p := &BundlesPage{Page: s.page(c, "Bundle · "+r.Reference), Request: r, Bundles: bs, Password: pw, PwBundle: id}
	for _, b := range bs {
		if b.Status == "queued" || b.Status == "running" {
			p.Running = true
		}
	}
	s.render(c, 200, "bundles", p)
	return nil
}

// download serves a bundle's PDF or schedule; every download is audited.
func (s *Server) download(kind string) handler {
	return func(c *gin.Context) error {
		r := currentRequest(c)
		bid, err := strconv.ParseInt(c.Param("bid"), 10, 64)
		if err != nil {
			return workflow.ErrNotFound
		}
		f, err := s.store.BundleFile(c.Request.Context(), user(c), r.ID, bid, kind)
		if err != nil {
			return err
		}
		if err := s.audit(c, user(c), "bundle.download."+kind, r.ID, c.Param("bid")); err != nil {
			return err
		}
		c.Header("Content-Disposition", `attachment; filename="`+safeFilename(f.Name)+`"`)
		c.Data(200, f.ContentType, f.Data)
		return nil
	}
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
