package web

import (
	"bytes"
	"html/template"
	"math/rand"
	"strings"
	"testing"

	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/suggest"
	"github.com/disclose-sar/disclose/internal/workflow"
)

// reviewTextTemplate is the review screen's document text as the template
// wrote it before docTextHTML: the reference the Go code must match.
const reviewTextTemplate = `<p>{{range .Segments}}{{if .Break}}</p><p>{{else if .Item}}<mark id="s-{{.Item.ID}}" data-o="{{.Offset}}" class="{{categorycls .Item.Category}}{{if .Item.Decision}} decided decided-{{.Item.Decision.Kind}}{{end}}{{if and $.Current (eq .Item.ID $.Current.ID)}} current{{end}}">{{.Text}}</mark><a class="tag" href="?s={{.Item.ID}}#current">{{if .Item.PersonLabel}}{{.Item.PersonLabel}}{{else}}{{.Item.Code}}{{end}}{{if .Item.Decision}} ✓{{end}}<span class="visually-hidden">: {{humanize .Item.Category}}{{if .Item.Decision}}, decided: {{humanize (print .Item.Decision.Kind)}}{{else}}, not decided{{end}}</span></a>{{else}}<span data-o="{{.Offset}}">{{.Text}}</span>{{end}}{{end}}</p>`

func TestDocTextHTMLMatchesTemplate(t *testing.T) {
	tmpl := template.Must(template.New("t").Funcs(funcs).Parse(`<div>` + reviewTextTemplate + `</div>`))
	// Invented text with every character the escapers treat specially,
	// multi-byte runes, invalid UTF-8 and a NUL.
	pieces := []string{"Ann O'Neil", "<b>&amp;</b>", `say "hi"`, "1+1=2", "naïve café", "\x00", "\xff\xfe", "a/b?c#d", "50% off",
		"line\nbreak", "\n", "", "Zoë ✓ Ünal", "tab\there", "=;:@[]"}
	kinds := []workflow.DecisionKind{"", workflow.DecisionAccept, workflow.DecisionReject, workflow.DecisionWithhold, "odd kind+<x>"}
	rng := rand.New(rand.NewSource(3))
	pick := func() string { return pieces[rng.Intn(len(pieces))] + pieces[rng.Intn(len(pieces))] }
	for round := range 200 {
		var text strings.Builder
		var items []Item
		for range 1 + rng.Intn(12) {
			text.WriteString(pick())
			start := text.Len()
			text.WriteString(pick())
			it := Item{Suggestion: suggest.Suggestion{ID: pick(), Start: start, End: text.Len(), Scope: suggest.ScopeSpan,
				Category: pick(), Code: pick(), PersonLabel: pick()}}
			if rng.Intn(3) == 0 {
				it.PersonLabel = ""
			}
			if rng.Intn(2) == 0 {
				it.ID = strings.Repeat("7", 1+rng.Intn(4))
			}
			if k := kinds[rng.Intn(len(kinds))]; k != "" {
				it.Decision = &Decision{Kind: k}
			}
			items = append(items, it)
		}
		text.WriteString(pick())
		doc := record.Document{Text: text.String()}
		segs := segments(doc, items, nil)
		var current *Item
		if len(items) > 0 && rng.Intn(4) > 0 {
			current = &items[rng.Intn(len(items))]
		}
		var want bytes.Buffer
		if err := tmpl.Execute(&want, struct {
			Segments []Segment2
			Current  *Item
		}{segs, current}); err != nil {
			t.Fatal(err)
		}
		got := "<div>" + string(docTextHTML(segs, current)) + "</div>"
		if got != want.String() {
			t.Fatalf("round %d: docTextHTML =\n%q\nwant (the template's)\n%q", round, got, want.String())
		}
	}
}
