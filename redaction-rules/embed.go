// Package redactionrules holds the rule packs shipped with Disclose: YAML
// files read by internal/rules. They are embedded in the binary; a directory
// given with --rules replaces them.
package redactionrules

import "embed"

// FS holds every *.yaml rule pack and the *.txt data files their lists name.
//
//go:embed *.yaml *.txt
var FS embed.FS
