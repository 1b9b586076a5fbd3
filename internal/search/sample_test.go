package search

import (
	"context"
	"testing"

	"github.com/disclose-sar/disclose/internal/extract"
	"github.com/disclose-sar/disclose/internal/ingest"
	"github.com/disclose-sar/disclose/internal/samples"
)

// TestSampleSubjectEverywhere searches the sample record for its subject's
// name (read from subject.json, never written here) and expects a hit in
// every location that has readable documents.
func TestSampleSubjectEverywhere(t *testing.T) {
	sampleRecord := samples.Record(t)
	ctx := context.Background()
	rec, _, err := ingest.Run(ctx, sampleRecord, ingest.Options{Extract: extract.Options{NoOCR: true}})
	if err != nil {
		t.Fatal(err)
	}
	x, _, err := Open(ctx, rec, Options{DataDir: t.TempDir(), People: KnownPeople(rec.Subject, rec.Persons)})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	withDocs := map[string]bool{}
	for _, d := range rec.Documents {
		if d.Text != "" {
			withDocs[d.Location] = true
		}
	}
	if len(withDocs) == 0 {
		t.Fatal("no documents read from the sample record")
	}
	res, err := x.Search(rec.Subject.Name, 1000)
	if err != nil {
		t.Fatal(err)
	}
	hit := map[string]bool{}
	for _, h := range res.Hits {
		hit[h.Location] = true
	}
	for loc := range withDocs {
		if !hit[loc] {
			t.Errorf("Search(subject's name): no hit in location %q", loc)
		}
	}
	// Every mention of the subject's surname is found with offsets that
	// point at it in the document's text.
	ms, err := x.FindMentions(Variants(rec.Subject.Name))
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) == 0 {
		t.Fatal("FindMentions(subject) found nothing")
	}
	for _, m := range ms {
		d := rec.Doc(m.DocID)
		if d == nil || m.End > len(d.Text) || variantPattern(m.Variant).FindString(d.Text[m.Start:m.End]) == "" {
			t.Errorf("mention %+v does not point at %q", m, m.Variant)
		}
	}
}
