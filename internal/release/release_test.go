package release

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/disclose-sar/disclose/internal/bundle"
	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/review"
	"github.com/disclose-sar/disclose/internal/rules"
	"github.com/disclose-sar/disclose/internal/suggest"
)

// invented is a small invented record: a case note naming the requester, a
// neighbour with a phone number, and the neighbour again in another note.
func invented() *record.Record {
	text1 := "Visited Tamsin Rook at home. Her neighbour Orla Penhallow (07700 900123) was present and spoke about the flat."
	text2 := "Orla Penhallow phoned the duty team again about noise. Tamsin is settled."
	return &record.Record{
		Subject: record.Subject{Name: "Tamsin Rook", DOB: "2005-04-01"},
		Persons: []record.Person{{Name: "Orla Penhallow", Role: "neighbour", Relationship: "neighbour"}},
		Documents: []record.Document{
			{ID: "n1", Location: "case-system", Path: "notes.csv", Part: "1", Format: record.FormatCaseNote, Type: "case note", Pages: 1,
				Text: text1, Blocks: []record.Block{{Kind: record.BlockParagraph, Start: 0, End: len(text1)}}},
			{ID: "n2", Location: "case-system", Path: "notes.csv", Part: "2", Format: record.FormatCaseNote, Type: "case note", Pages: 1,
				Text: text2, Blocks: []record.Block{{Kind: record.BlockParagraph, Start: 0, End: len(text2)}}},
		},
	}
}

func source(t *testing.T, decide func(s suggest.Suggestion) *review.Decision) Source {
	t.Helper()
	set, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	rec := invented()
	res, err := suggest.Suggest(rec, set, suggest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Suggestions) == 0 {
		t.Fatal("no suggestions on the invented record: the fixture no longer exercises the check")
	}
	var decs []review.Decision
	for _, s := range res.Suggestions {
		if d := decide(s); d != nil {
			decs = append(decs, *d)
		}
	}
	pol := review.PolicyFrom(set)
	return Source{Record: rec, Suggested: res, Outcome: pol.Apply(res.Suggestions, decs), Decisions: decs, Rules: set}
}

func write(t *testing.T, src Source) (*bundle.Result, error) {
	t.Helper()
	var buf bytes.Buffer
	res, _, err := Write(context.Background(), &buf, src, Settings{Reference: "SAR-T1", Date: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC), NoEncrypt: true})
	return res, err
}

func TestBundleAsSuggestedPasses(t *testing.T) {
	src := source(t, func(suggest.Suggestion) *review.Decision { return nil })
	if _, err := write(t, src); err != nil {
		t.Fatalf("bundle with every suggestion applied: %v", err)
	}
}

// Every suggestion rejected, none with a reason: the redactions are gone,
// and the independent check must still find the neighbour in the bundle.
func TestRejectedWithoutReasonFailsLeakCheck(t *testing.T) {
	src := source(t, func(s suggest.Suggestion) *review.Decision {
		return &review.Decision{SuggestionID: s.ID, Kind: review.Reject, User: "ig"}
	})
	if len(src.Outcome.Redactions) != 0 {
		t.Fatalf("all rejected yet %d redactions", len(src.Outcome.Redactions))
	}
	_, err := write(t, src)
	var le *bundle.LeakError
	if !errors.As(err, &le) {
		t.Fatalf("bundle with every suggestion rejected without reason: err = %v, want a leak error", err)
	}
	if le.Watched() == 0 || !strings.Contains(err.Error(), "third-party name forms or identifiers") {
		t.Errorf("leak error %q: want it to count the third-party forms it found", err)
	}
	if strings.Contains(err.Error(), "Penhallow") {
		t.Errorf("leak error message holds the name it found: %q", err)
	}
}

// Suggestions missing altogether (the suggestion step never ran): the
// check runs its own suggestion pass and still finds the neighbour.
func TestMissingSuggestionsFailLeakCheck(t *testing.T) {
	src := source(t, func(suggest.Suggestion) *review.Decision { return nil })
	src.Outcome = review.Outcome{}
	_, err := write(t, src)
	var le *bundle.LeakError
	if !errors.As(err, &le) || le.Watched() == 0 {
		t.Fatalf("bundle with no redactions at all: err = %v, want watched leaks", err)
	}
}

// Rejections with a reason and approved disclosures are decisions that
// cover what they release: the bundle passes.
func TestDecidedReleasePasses(t *testing.T) {
	src := source(t, func(s suggest.Suggestion) *review.Decision {
		if s.PersonKey != "" {
			return &review.Decision{SuggestionID: s.ID, Kind: review.Disclose, User: "ig", Reason: "known to the requester", Approval: review.ApprovalApproved}
		}
		return &review.Decision{SuggestionID: s.ID, Kind: review.Reject, User: "ig", Reason: "not identifying"}
	})
	if _, err := write(t, src); err != nil {
		t.Fatalf("bundle whose releases are all decided: %v", err)
	}
}

func TestFileDescriptionNamesTheFile(t *testing.T) {
	got := FileDescription("shared-drive", "shared-drive/old/minutes 2011.doc")
	if !strings.Contains(got, `"minutes 2011.doc"`) || !strings.Contains(got, "DOC file") {
		t.Errorf("FileDescription = %q, want the file's name and kind", got)
	}
}

// A title (or author) comes from the document: a third party's surname in
// it is removed even where the body never names them by surname alone, and
// the leak check reads it rather than taking it for the bundle's wording.
func TestTitleLosesWatchedForms(t *testing.T) {
	src := source(t, func(suggest.Suggestion) *review.Decision { return nil })
	src.Record.Documents[1].Title = "Call about the Penhallow household"
	var buf bytes.Buffer
	if _, _, err := Write(context.Background(), &buf, src, Settings{Reference: "SAR-T2", NoEncrypt: true}); err != nil {
		t.Fatalf("bundle: %v", err)
	}
	f := filepath.Join(t.TempDir(), "b.pdf")
	if err := os.WriteFile(f, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", f, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	if strings.Contains(string(out), "Penhallow") {
		t.Errorf("the bundle's text holds a third party's surname from a document title")
	}
	if !strings.Contains(string(out), "household") {
		t.Errorf("the title's other words are gone too: want only the name removed")
	}
}

// With nobody deciding (the batch policy), a watched form the redactions
// missed is redacted wherever it appears instead of failing the bundle.
func TestAsSuggestedSpreadsWatched(t *testing.T) {
	src := source(t, func(suggest.Suggestion) *review.Decision { return nil })
	src.Outcome = review.Outcome{}
	src.AsSuggested = true
	var buf bytes.Buffer
	if _, _, err := Write(context.Background(), &buf, src, Settings{Reference: "SAR-T3", NoEncrypt: true}); err != nil {
		t.Fatalf("batch bundle with the safety net: %v", err)
	}
	f := filepath.Join(t.TempDir(), "b.pdf")
	if err := os.WriteFile(f, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", f, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	if strings.Contains(string(out), "Penhallow") || !strings.Contains(string(out), "Tamsin") {
		t.Errorf("batch bundle text: want the neighbour gone and the requester kept")
	}
}
