package release

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/disclose-sar/disclose/internal/extract"
	"github.com/disclose-sar/disclose/internal/ingest"
	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/review"
	"github.com/disclose-sar/disclose/internal/rules"
	"github.com/disclose-sar/disclose/internal/suggest"
	"github.com/disclose-sar/disclose/internal/synth"
)

// ApplyKept, a document at a time from the kept suggestions, gives the
// same redactions and watched strings as Apply and Watch over every
// suggestion at once, and Kept gives back exactly the suggestions Suggest
// makes (issue 16).
func TestApplyKeptIsApply(t *testing.T) {
	if testing.Short() {
		t.Skip("reads a generated record")
	}
	set, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "record")
	if _, err := synth.Write(dir, 150, 3); err != nil {
		t.Fatal(err)
	}
	rec, _, err := ingest.Run(context.Background(), dir, ingest.Options{Extract: extract.Options{NoOCR: true}})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range []*record.Record{rec, invented()} {
		res, err := suggest.Suggest(r, set, suggest.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Suggestions) == 0 {
			t.Fatal("no suggestions: the test exercises nothing")
		}
		kept, err := suggest.SuggestKept(r, set, suggest.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if kept.Len() != len(res.Suggestions) {
			t.Fatalf("kept %d suggestions, Suggest made %d", kept.Len(), len(res.Suggestions))
		}
		var each []suggest.Suggestion
		for i := range r.Documents {
			each = append(each, kept.Document(i)...)
		}
		if !reflect.DeepEqual(each, res.Suggestions) {
			t.Fatal("the kept suggestions, a document at a time, differ from Suggest's")
		}
		if !reflect.DeepEqual(kept.Register(), res.Register) {
			t.Fatal("the kept register differs from Suggest's")
		}
		pol := review.PolicyFrom(set)
		if kept, err = suggest.SuggestKept(r, set, suggest.Options{}); err != nil { // Document took each document's
			t.Fatal(err)
		}
		out, w, sres := ApplyKept(r, kept, pol)
		if w == nil || sres.Suggestions != nil {
			t.Fatal("ApplyKept held every suggestion at once")
		}
		if want := pol.Apply(res.Suggestions, nil); !reflect.DeepEqual(out, want) {
			t.Fatalf("ApplyKept: %d redactions differ from Apply's %d", len(out.Redactions), len(want.Redactions))
		}
		keep := r.Subject.Names()
		if got, want := w.List(sres.Register, keep, set.People), Watch(res, nil, keep, set.People); !reflect.DeepEqual(got, want) {
			t.Fatalf("Watcher: %d watched strings differ from Watch's %d", len(got), len(want))
		}
		t.Logf("%d documents, %d suggestions, %d redactions", len(r.Documents), len(res.Suggestions), len(out.Redactions))
	}
}
