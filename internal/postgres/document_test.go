package postgres_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/workflow"
)

// TestSaveDocumentsUnstorableText: text PostgreSQL refuses (a NUL byte,
// bytes that are not UTF-8) is an invalid-input error that does not quote
// the bytes; extract never hands such text over (extract.makeStorable).
func TestSaveDocumentsUnstorableText(t *testing.T) {
	f := newFixture(t)
	for _, text := range []string{"Ann\x00Lee", "Caf\xe9 Lee"} {
		_, err := f.db.SaveDocuments(context.Background(), f.req.ID, []record.Document{
			{ID: "bad", Location: "loc", Path: "bad.txt", Format: record.FormatText, Pages: 1, Text: text},
		})
		if !errors.Is(err, workflow.ErrInvalid) || strings.Contains(err.Error(), "0x") {
			t.Errorf("SaveDocuments(%q) error = %v, want ErrInvalid without the bytes", text, err)
		}
	}
}
