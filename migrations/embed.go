// Package migrations holds Disclose's database schema as numbered SQL files
// (NNNN_name.sql), embedded in the binary. internal/postgres applies them in
// order, each in its own transaction, and records them in schema_version.
// Never edit a file once released: add the next number.
package migrations

import "embed"

// FS holds the *.sql files.
//
//go:embed *.sql
var FS embed.FS
