package web

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
)

// msgDBDown is what a page says when PostgreSQL does not answer.
const msgDBDown = "The database is not available at the moment, so nobody can sign in or work. Try again in a few minutes; if it lasts, tell your system administrator."

// dbDown reports whether the system of record fails to answer within two seconds.
func (s *Server) dbDown(ctx context.Context) bool {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	return s.store.Ping(ctx) != nil
}

// healthz answers 200 "ok" when PostgreSQL answers, else 503: a load
// balancer takes a node whose database is gone out of service.
func (s *Server) healthz(c *gin.Context) {
	if s.dbDown(c.Request.Context()) {
		c.String(http.StatusServiceUnavailable, "database unavailable")
		return
	}
	c.String(http.StatusOK, "ok")
}

// sessionError answers a request whose session could not be loaded or
// saved: with PostgreSQL down that is every signed-in request, and the
// page says so instead of "session error".
func (s *Server) sessionError(w http.ResponseWriter, r *http.Request, err error) {
	s.log.ErrorContext(r.Context(), "session store", "err", err)
	code, msg := http.StatusInternalServerError, "Your session could not be read or saved; try again."
	if s.dbDown(r.Context()) {
		code, msg = http.StatusServiceUnavailable, msgDBDown
	}
	w.Header().Set("Cache-Control", "no-store")
	if len(r.URL.Path) >= 5 && r.URL.Path[:5] == "/api/" {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(code)
		json.NewEncoder(w).Encode(map[string]string{"error": msg})
		return
	}
	var buf bytes.Buffer
	p := &ErrorPage{Page: &Page{Title: "Not available", Path: r.URL.Path}, Code: code, Message: msg}
	if t := s.pages["error"]; t == nil || t.ExecuteTemplate(&buf, "layout", p) != nil {
		http.Error(w, msg, code)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(code)
	w.Write(buf.Bytes())
}
