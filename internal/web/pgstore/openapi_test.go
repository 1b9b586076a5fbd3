package pgstore_test

import (
	"encoding/json"
	"net/http"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestOpenAPIListsEveryRoute: /api/v1/openapi.json describes exactly the
// API routes the server registers, method by method.
func TestOpenAPIListsEveryRoute(t *testing.T) {
	e := newEnv(t, nil)
	res, body := e.anon().do("GET", "/api/v1/openapi.json", nil, nil)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET /api/v1/openapi.json = %d", res.StatusCode)
	}
	var doc struct {
		OpenAPI string                                `json:"openapi"`
		Paths   map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal([]byte(body), &doc); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.1") {
		t.Errorf("openapi = %q, want 3.1.x", doc.OpenAPI)
	}
	var documented []string
	for p, ops := range doc.Paths {
		for m := range ops {
			documented = append(documented, strings.ToUpper(m)+" "+p)
		}
	}
	param := regexp.MustCompile(`:(\w+)`)
	registered := []string{"GET /api/v1/openapi.json", "POST /api/v1/login"}
	for _, r := range e.srv.Routes() {
		if strings.HasPrefix(r.Path, "/api/v1/") {
			registered = append(registered, r.Method+" "+param.ReplaceAllString(r.Path, "{$1}"))
		}
	}
	sort.Strings(documented)
	sort.Strings(registered)
	if diff := cmp.Diff(registered, documented); diff != "" {
		t.Errorf("OpenAPI paths differ from registered API routes (-registered +documented):\n%s", diff)
	}
}
