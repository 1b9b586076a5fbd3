package main

import (
	"bytes"
	"encoding/csv"
	"testing"

	"github.com/disclose-sar/disclose/internal/suggest"
)

// TestWriteSuggestionsCSVFormulaSafe: record text that a spreadsheet would
// run as a formula comes out quoted, as in the redaction schedule.
func TestWriteSuggestionsCSVFormulaSafe(t *testing.T) {
	res := &suggest.Result{Suggestions: []suggest.Suggestion{{ID: "s1", Path: "notes/a.txt", Page: 1, Start: 4, End: 40,
		Scope: suggest.ScopeSpan, Text: `=HYPERLINK("http://evil.test","open")`, PersonLabel: "@Visitor A",
		RuleID: "tp.name", Code: "TP", Action: suggest.ActionRedact, Confidence: 0.5, Why: "-invented"}}}
	var buf bytes.Buffer
	if err := writeSuggestions(&buf, "csv", res); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil || len(recs) != 2 {
		t.Fatalf("CSV = %d records, %v", len(recs), err)
	}
	got := map[string]string{}
	for i, col := range recs[0] {
		got[col] = recs[1][i]
	}
	for col, want := range map[string]string{"text": `'=HYPERLINK("http://evil.test","open")`, "person_label": "'@Visitor A",
		"why": "'-invented", "path": "notes/a.txt", "start": "4"} {
		if got[col] != want {
			t.Errorf("column %s = %q, want %q", col, got[col], want)
		}
	}
}
