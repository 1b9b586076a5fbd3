package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"

	"github.com/disclose-sar/disclose/internal/bundle"
	"github.com/disclose-sar/disclose/internal/ingest"
	"github.com/disclose-sar/disclose/internal/rules"
	"github.com/disclose-sar/disclose/internal/suggest"
)

const suggestUsage = `usage: disclose suggest --record DIR [--rules DIR] [--format json|csv|text] [--redact-staff] [--no-ocr]

Reads the record folder DIR, builds its person register and lists every
suggested redaction: document, location, page, offsets, text, person label
and role, rule, category, reason code, action, confidence and why.
--rules replaces the embedded rule packs with the *.yaml files of DIR; a
broken pack is reported with its file and line (exit 2).
JSON output is suggest.Result: {"register": [...], "suggestions": [...]}.
`

func runSuggest(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) int {
	var f recordFlags
	var rulesDir, format string
	var redactStaff bool
	fs := newFlagSet("suggest", suggestUsage, stderr)
	f.register(fs)
	fs.StringVar(&rulesDir, "rules", "", "directory of *.yaml rule packs (default: the embedded packs)")
	fs.StringVar(&format, "format", "text", "output format: json, csv or text")
	fs.BoolVar(&redactStaff, "redact-staff", false, "suggest council staff names too")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if f.record == "" || fs.NArg() > 0 || (format != "json" && format != "csv" && format != "text") {
		fs.Usage()
		return 2
	}
	set, err := loadRules(rulesDir)
	if err != nil {
		fmt.Fprintf(stderr, "disclose suggest: %v\n", err)
		return 2
	}
	rec, _, err := ingest.Run(ctx, f.record, f.ingestOptions())
	if err != nil {
		fmt.Fprintf(stderr, "disclose suggest: %v\n", err)
		return 1
	}
	res, err := suggest.Suggest(rec, set, suggest.Options{RedactStaff: redactStaff})
	if err != nil {
		fmt.Fprintf(stderr, "disclose suggest: %v\n", err)
		return 1
	}
	if err := writeSuggestions(stdout, format, res); err != nil {
		fmt.Fprintf(stderr, "disclose suggest: %v\n", err)
		return 1
	}
	return 0
}

func loadRules(dir string) (*rules.Set, error) {
	if dir == "" {
		return rules.Default()
	}
	return rules.LoadDir(dir)
}

var suggestColumns = []string{"id", "path", "part", "location", "page", "start", "end", "scope", "text",
	"person_label", "person_role", "rule_id", "category", "code", "action", "confidence", "why"}

func suggestRow(s *suggest.Suggestion) []string {
	return []string{s.ID, s.Path, s.Part, s.Location, strconv.Itoa(s.Page), strconv.Itoa(s.Start), strconv.Itoa(s.End),
		s.Scope, s.Text, s.PersonLabel, s.PersonRole, s.RuleID, s.Category, s.Code, s.Action,
		strconv.FormatFloat(s.Confidence, 'f', 2, 64), s.Why}
}

func writeSuggestions(w io.Writer, format string, res *suggest.Result) error {
	switch format {
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(res)
	case "csv":
		// Record text and file names go into cells: formula-safe, as the
		// redaction schedule.
		cw := bundle.NewCSVWriter(w)
		if err := cw.Write(suggestColumns); err != nil {
			return err
		}
		for i := range res.Suggestions {
			if err := cw.Write(suggestRow(&res.Suggestions[i])); err != nil {
				return err
			}
		}
		return cw.Flush()
	}
	for i := range res.Suggestions {
		s := &res.Suggestions[i]
		where := s.Path
		if s.Part != "" {
			where += "#" + s.Part
		}
		if s.Page > 0 {
			where += fmt.Sprintf(" p%d", s.Page)
		}
		text := s.Text
		if s.Scope == suggest.ScopeDocument {
			text = "(whole document)"
		} else if len(text) > 80 {
			text = text[:77] + "..."
		}
		person := ""
		if s.PersonLabel != "" {
			person = fmt.Sprintf(" [%s, %s]", s.PersonLabel, s.PersonRole)
		}
		if _, err := fmt.Fprintf(w, "%s %d-%d %s %s %s %s %.2f %q%s: %s\n", where, s.Start, s.End, s.Scope, s.Code,
			s.Action, s.RuleID, s.Confidence, text, person, s.Why); err != nil {
			return err
		}
	}
	_, err := fmt.Fprintf(w, "%d suggestions, %d people in the register\n", len(res.Suggestions), len(res.Register))
	return err
}
