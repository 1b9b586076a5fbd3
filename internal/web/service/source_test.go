package service

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"github.com/disclose-sar/disclose/internal/blob"
	"github.com/disclose-sar/disclose/internal/record"
)

// TestReadSource: a source in the blob store is found by the document's
// hash, or — a converted document keeps none — by its uploaded path; a
// document whose hash names another content is not given that file.
func TestReadSource(t *testing.T) {
	ctx := context.Background()
	store := blob.Dir{Root: t.TempDir()}
	s := &Service{cfg: Config{Blobs: store}}
	scan, rtf := []byte("%PDF-1.7 scan"), []byte(`{\rtf1 letter}`)
	scanKey, _, err := store.Put(ctx, bytes.NewReader(scan))
	if err != nil {
		t.Fatal(err)
	}
	rtfKey, _, err := store.Put(ctx, bytes.NewReader(rtf))
	if err != nil {
		t.Fatal(err)
	}
	src := sources{uploads: map[string]string{"Box/scan.pdf": scanKey, "Box/letter.rtf": rtfKey}}
	for _, tt := range []struct {
		doc  record.Document
		want []byte
	}{
		{record.Document{Path: "Box/scan.pdf", Hash: scanKey}, scan},
		{record.Document{Path: "Box/letter.rtf"}, rtf},
		{record.Document{Path: "Box/scan.pdf", Hash: rtfKey}, rtf}, // the hash decides
		{record.Document{Path: "Box/gone.pdf"}, nil},
		{record.Document{Path: "Box/letter.rtf", Part: "attachment 1"}, nil},
	} {
		got, err := s.readSource(ctx, &tt.doc, src)
		if tt.want == nil {
			if !errors.Is(err, errNoSource) {
				t.Errorf("readSource(%s %q) = %v, want errNoSource", tt.doc.Path, tt.doc.Part, err)
			}
			continue
		}
		if err != nil || !bytes.Equal(got, tt.want) {
			t.Errorf("readSource(%s) = %q, %v; want %q", tt.doc.Path, got, err, tt.want)
		}
	}
}
