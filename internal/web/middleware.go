package web

import (
	"strings"
	"sync"
	"time"

	"github.com/gin-gonic/gin"
)

// requestLog logs one line per request: method, route pattern, status and
// duration. Never the query string, the body or the user's name: query
// strings carry search terms, which can be personal data.
func (s *Server) requestLog() gin.HandlerFunc {
	return func(c *gin.Context) {
		start := time.Now()
		c.Next()
		route := c.FullPath()
		if route == "" {
			route = "(unmatched)"
		}
		s.log.InfoContext(c.Request.Context(), "http",
			"method", c.Request.Method, "route", route,
			"status", c.Writer.Status(), "ms", time.Since(start).Milliseconds())
	}
}

// csp allows scripts, styles and images from this origin only: no inline
// script, no framing.
const csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// securityHeaders sets the headers every response carries; with hsts,
// browsers are told to use HTTPS only for a year. Record pages
// and API answers are never cached: they hold a child's social care record.
func securityHeaders(hsts bool) gin.HandlerFunc {
	return func(c *gin.Context) {
		h := c.Writer.Header()
		if hsts {
			h.Set("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
		}
		h.Set("Content-Security-Policy", csp)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
		if strings.HasPrefix(c.Request.URL.Path, "/static/") {
			h.Set("Cache-Control", "public, max-age=3600")
		} else {
			h.Set("Cache-Control", "no-store")
		}
		c.Next()
	}
}

// ipLimiter counts attempts per client IP in fixed windows, in memory: a
// first line against password guessing; the store's per-account lock-out
// is the second.
type ipLimiter struct {
	mu     sync.Mutex
	max    int
	window time.Duration
	seen   map[string]*window
}

type window struct {
	start time.Time
	n     int
}

func newIPLimiter(max int, per time.Duration) *ipLimiter {
	return &ipLimiter{max: max, window: per, seen: make(map[string]*window)}
}

// allow records an attempt from ip and reports whether it is within the limit.
func (l *ipLimiter) allow(ip string, now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.seen) > 10000 { // forget old windows rather than grow without bound
		for k, w := range l.seen {
			if now.Sub(w.start) > l.window {
				delete(l.seen, k)
			}
		}
	}
	w := l.seen[ip]
	if w == nil || now.Sub(w.start) > l.window {
		w = &window{start: now}
		l.seen[ip] = w
	}
	w.n++
	return w.n <= l.max
}
