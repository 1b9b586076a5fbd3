// Package web holds the workbench's templates, static assets and OpenAPI
// document, embedded in the binary: nothing is fetched at run time.
package web

import (
	"embed"
	_ "embed"
)

// Templates holds templates/*.html.
//
//go:embed templates
var Templates embed.FS

// Static holds static/ (htmx, app.js, app.css), served under /static/.
//
//go:embed static
var Static embed.FS

// OpenAPI is the JSON API's OpenAPI 3.1 description, served at /api/v1/openapi.json.
//
//go:embed openapi.json
var OpenAPI []byte
