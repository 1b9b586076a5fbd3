// Package web is the HTTP side of Disclose: the gin router, its middleware
// (sessions, CSRF, permissions, audit, security headers), the server-rendered
// workbench pages and the JSON API under /api/v1. It speaks to the system of
// record only through the Store interface, which cmd/disclose wires.
package web

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/alexedwards/scs/v2"
	"github.com/gin-gonic/gin"
)

// Config is the web server's configuration, parsed once by cmd/disclose.
type Config struct {
	Addr string
	// SecureCookies sets the Secure flag on cookies. Turn it off only for
	// the http://localhost demo.
	SecureCookies bool
	// TrustedProxies are the proxies whose X-Forwarded-For is believed;
	// none by default, so the client IP is the peer address.
	TrustedProxies []string
	// TrustedOrigins are extra origins allowed to post (cross-origin
	// protection); the server's own origin is always allowed.
	TrustedOrigins []string
	// SessionLifetime is the absolute session lifetime; IdleTimeout logs
	// out an idle browser.
	SessionLifetime time.Duration
	IdleTimeout     time.Duration
	// LoginPerMinute is how many sign-in attempts one IP may make a minute.
	LoginPerMinute int
	// HSTS sends Strict-Transport-Security (a year, subdomains): on for
	// `serve` behind HTTPS, off for the plain-http demo.
	HSTS bool
	// TestAssets is served under /test/ when set: the browser tests' axe-core.
	TestAssets fs.FS
	// MaxUploadBytes bounds one upload (all its files and the form);
	// MaxFileBytes bounds each file in it. Defaults: 1 GiB and 256 MiB (the
	// largest file the extractors read).
	MaxUploadBytes int64
	MaxFileBytes   int64
}

func (c *Config) defaults() {
	if c.Addr == "" {
		c.Addr = ":8080"
	}
	if c.SessionLifetime == 0 {
		c.SessionLifetime = 12 * time.Hour
	}
	if c.IdleTimeout == 0 {
		c.IdleTimeout = time.Hour
	}
	if c.LoginPerMinute == 0 {
		c.LoginPerMinute = 10
	}
	if c.MaxUploadBytes <= 0 {
		c.MaxUploadBytes = 1 << 30
	}
	if c.MaxFileBytes <= 0 {
		c.MaxFileBytes = 256 << 20
	}
	c.MaxFileBytes = min(c.MaxFileBytes, c.MaxUploadBytes)
}

// Deps are the server's explicit dependencies.
type Deps struct {
	Store    Store
	Search   Searcher  // optional: search is hidden without it
	Sessions scs.Store // the PostgreSQL session store (pgxstore)
	Log      *slog.Logger
	// Pages renders document pages for the review screen (optional: the
	// screen shows the text only without it).
	Pages PageRenderer
}

// Server serves the workbench and the API.
type Server struct {
	cfg        Config
	store      Store
	search     Searcher
	sessions   *scs.SessionManager
	log        *slog.Logger
	pages      map[string]*template.Template
	engine     *gin.Engine
	handler    http.Handler
	limiter    *ipLimiter
	routes     []route
	formPages  map[string]handler // POST route → the page its form is on (reshowForm)
	downloads  downloads
	pageImages PageRenderer
}

// New builds a Server: templates are parsed here, once.
func New(cfg Config, d Deps) (*Server, error) {
	cfg.defaults()
	if d.Store == nil || d.Sessions == nil {
		return nil, errors.New("web: Store and Sessions are required")
	}
	if d.Log == nil {
		d.Log = slog.Default()
	}
	s := &Server{cfg: cfg, store: d.Store, search: d.Search, log: d.Log, pageImages: d.Pages,
		limiter: newIPLimiter(cfg.LoginPerMinute, time.Minute)}
	var err error
	if s.pages, err = parsePages(); err != nil {
		return nil, err
	}
	sm := scs.New()
	sm.Store = d.Sessions
	sm.Lifetime = cfg.SessionLifetime
	sm.IdleTimeout = cfg.IdleTimeout
	sm.Cookie.Name = "disclose_session"
	sm.Cookie.HttpOnly = true
	sm.Cookie.Secure = cfg.SecureCookies
	sm.Cookie.SameSite = http.SameSiteLaxMode
	sm.Cookie.Persist = false
	sm.ErrorFunc = s.sessionError
	s.sessions = sm

	gin.SetMode(gin.ReleaseMode)
	e := gin.New()
	e.HandleMethodNotAllowed = true
	if err := e.SetTrustedProxies(cfg.TrustedProxies); err != nil {
		return nil, fmt.Errorf("web: trusted proxies: %w", err)
	}
	// Files past this much of an upload go to temporary files, not memory.
	e.MaxMultipartMemory = 8 << 20
	e.Use(s.recovery(), s.requestLog(), securityHeaders(cfg.HSTS), s.limitUploads())
	s.engine = e
	s.addRoutes()

	cop := http.NewCrossOriginProtection()
	for _, o := range cfg.TrustedOrigins {
		if err := cop.AddTrustedOrigin(o); err != nil {
			return nil, fmt.Errorf("web: trusted origin %q: %w", o, err)
		}
	}
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(http.StatusForbidden)
		fmt.Fprintln(w, ErrCSRF.Error())
	}))
	// Cross-origin protection runs first, then the session is loaded; the
	// per-session CSRF token is checked inside (csrf.go).
	s.handler = cop.Handler(sm.LoadAndSave(e))
	return s, nil
}

// Handler returns the server's http.Handler.
func (s *Server) Handler() http.Handler { return s.handler }

// Run serves on cfg.Addr until ctx is cancelled, then shuts down gracefully.
// ready, if not nil, receives the bound address once listening.
func (s *Server) Run(ctx context.Context, ready func(addr string)) error {
	ln, err := net.Listen("tcp", s.cfg.Addr)
	if err != nil {
		return fmt.Errorf("web: listen %s: %w", s.cfg.Addr, err)
	}
	srv := &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       2 * time.Minute, // uploads
		WriteTimeout:      5 * time.Minute, // bundle downloads
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	if ready != nil {
		ready(ln.Addr().String())
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shut, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := srv.Shutdown(shut); err != nil {
		return fmt.Errorf("web: shutdown: %w", err)
	}
	return nil
}
