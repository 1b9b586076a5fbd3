// Package redactionrules holds the rule packs shipped with Disclose: YAML
// files read by internal/rules. They are embedded in the binary; a directory
// given with --rules replaces them.
package redactionrules

import "embed"

// FS holds every *.yaml rule pack.
//
//go:embed *.yaml
var FS embed.FS
