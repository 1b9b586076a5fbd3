package web

import (
	"io/fs"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/disclose-sar/disclose/internal/workflow"

	assets "github.com/disclose-sar/disclose/web"
)

// route is one authenticated route. Both is true when the same handler
// serves the page at Path and the API at /api/v1 + Path (answering JSON
// there); API-only routes have Path under /api/v1 already.
type route struct {
	Method string
	Path   string
	Action workflow.Action // "" = any signed-in user
	Both   bool
	h      handler
}

// Routes lists every authenticated route (method, full path, action) for
// the role × route tests and the OpenAPI check.
func (s *Server) Routes() []RouteInfo {
	var out []RouteInfo
	for _, r := range s.routes {
		out = append(out, RouteInfo{r.Method, r.Path, r.Action})
		if r.Both {
			out = append(out, RouteInfo{r.Method, "/api/v1" + r.Path, r.Action})
		}
	}
	return out
}

// RouteInfo describes one registered route.
type RouteInfo struct {
	Method, Path string
	Action       workflow.Action
}

func (s *Server) addRoutes() {
	e := s.engine
	static, _ := fs.Sub(assets.Static, "static")

	// Public: assets, health, sign-in, the API's description.
	e.StaticFS("/static", http.FS(static))
	if s.cfg.TestAssets != nil {
		e.StaticFS("/test", http.FS(s.cfg.TestAssets))
	}
	e.GET("/favicon.ico", func(c *gin.Context) { c.Status(http.StatusNoContent) })
	e.GET("/healthz", s.healthz)
	e.GET("/login", s.wrap(s.loginPage))
	e.POST("/login", s.wrap(s.login))
	e.POST("/api/v1/login", s.wrap(s.login))
	e.GET("/api/v1/openapi.json", func(c *gin.Context) {
		c.Data(http.StatusOK, "application/json", assets.OpenAPI)
	})

	rs := []route{
		// Account.
		{"GET", "/", "", false, s.home},
		{"POST", "/logout", "", true, s.logout},
		{"POST", "/prefs/text-size", "", false, s.textSize},
		{"GET", "/api/v1/me", "", false, s.me},
		{"GET", "/account/password", "", false, s.passwordPage},
		{"POST", "/account/password", "", true, s.changePassword},

		// Users and teams (admin).
		{"GET", "/admin/users", workflow.ActionUserAdmin, true, s.adminUsers},
		{"POST", "/admin/users", workflow.ActionUserAdmin, true, s.addUser},
		{"POST", "/admin/users/:uid/reset", workflow.ActionUserAdmin, true, s.resetUser},
		{"POST", "/admin/users/:uid/disable", workflow.ActionUserAdmin, true, s.disableUser},
		{"POST", "/admin/users/:uid/access", workflow.ActionUserAdmin, true, s.setUserAccess},

		// Dashboard and logging requests.
		{"GET", "/requests", workflow.ActionRequestList, true, s.dashboard},
		{"GET", "/requests/new", workflow.ActionRequestCreate, false, s.newRequestPage},
		{"POST", "/requests", workflow.ActionRequestCreate, true, s.createRequest},

		// One request: clock, locations, search, consultations.
		{"GET", "/requests/:id", workflow.ActionRequestView, true, s.requestPage},
		{"POST", "/requests/:id/clock", workflow.ActionRequestEdit, true, s.addClockEvent},
		{"POST", "/requests/:id/status", workflow.ActionRequestEdit, true, s.setStatus},
		{"GET", "/requests/:id/locations", workflow.ActionRequestView, true, s.locations},
		{"POST", "/requests/:id/locations", workflow.ActionDocumentAdd, true, s.attachLocation},
		{"POST", "/requests/:id/uploads", workflow.ActionDocumentAdd, true, s.upload},
		{"GET", "/api/v1/requests/:id/problems", workflow.ActionRequestView, false, s.problems},
		{"POST", "/requests/:id/problems/:pid/acknowledge", workflow.ActionDocumentAdd, true, s.acknowledgeProblem},
		{"GET", "/requests/:id/search", workflow.ActionSearch, true, s.searchPage},
		{"GET", "/requests/:id/consultations", workflow.ActionRequestView, true, s.consultations},
		{"POST", "/requests/:id/consultations", workflow.ActionConsult, true, s.saveConsultation},

		// Review: documents, suggestions, decisions, the person register.
		{"GET", "/requests/:id/documents", workflow.ActionDocumentView, true, s.documents},
		{"GET", "/requests/:id/documents/:doc", workflow.ActionDocumentView, true, s.reviewPage},
		{"GET", "/requests/:id/documents/:doc/pages", workflow.ActionDocumentView, false, s.docPages},
		{"GET", "/requests/:id/documents/:doc/pages/:page", workflow.ActionDocumentView, false, s.pageImage},
		{"GET", "/requests/:id/suggestions", workflow.ActionDocumentView, true, s.suggestions},
		{"POST", "/requests/:id/decisions", workflow.ActionDecide, true, s.decide},
		{"POST", "/requests/:id/undo", workflow.ActionDecide, true, s.undo},
		{"POST", "/requests/:id/areas", workflow.ActionDecide, true, s.addArea},
		{"GET", "/requests/:id/persons", workflow.ActionDocumentView, true, s.persons},
		{"POST", "/requests/:id/persons/role", workflow.ActionDecide, true, s.setPersonRole},
		{"POST", "/requests/:id/persons/merge", workflow.ActionDecide, true, s.mergePersons},

		// Legal approval.
		{"GET", "/approvals", workflow.ActionApprove, true, s.approvals},
		{"POST", "/approvals/:aid", workflow.ActionApprove, true, s.decideApproval},

		// Bundles and downloads.
		{"GET", "/requests/:id/bundles", workflow.ActionBundleDownload, true, s.bundles},
		{"POST", "/requests/:id/bundles", workflow.ActionBundleCreate, true, s.generateBundle},
		{"POST", "/requests/:id/bundles/:bid/release", workflow.ActionBundleCreate, true, s.releaseBundle},
		{"POST", "/requests/:id/bundles/:bid/download", workflow.ActionBundleDownload, true, s.prepareDownload},
		{"GET", "/requests/:id/bundles/:bid/file/:token", workflow.ActionBundleDownload, true, s.downloadFile},
		{"GET", "/requests/:id/bundles/:bid/schedule.csv", workflow.ActionBundleDownload, true, s.schedule},

		// Reading view for support workers.
		{"GET", "/reading", workflow.ActionReleasedBundles, false, s.readingList},
		{"GET", "/requests/:id/read", workflow.ActionReleasedBundles, true, s.readingView},
	}
	s.routes = rs
	// The page each form is on: a refused form shows it again with the
	// message (reshowForm).
	s.formPages = map[string]handler{
		"/requests":                               s.newRequestPage,
		"/requests/:id/clock":                     s.requestPage,
		"/requests/:id/status":                    s.requestPage,
		"/requests/:id/locations":                 s.requestPage,
		"/requests/:id/uploads":                   s.requestPage,
		"/requests/:id/problems/:pid/acknowledge": s.locations,
		"/requests/:id/consultations":             s.consultations,
		"/approvals/:aid":                         s.approvals,
		"/requests/:id/bundles":                   s.bundles,
		"/requests/:id/bundles/:bid/release":      s.bundles,
		"/requests/:id/bundles/:bid/download":     s.bundles,
	}
	for _, r := range rs {
		e.Handle(r.Method, r.Path, s.guard(r.Action), s.wrap(r.h))
		if r.Both {
			e.Handle(r.Method, "/api/v1"+r.Path, s.guard(r.Action), s.wrap(r.h))
		}
	}
	e.NoRoute(func(c *gin.Context) { s.serveError(c, workflow.ErrNotFound) })
}
