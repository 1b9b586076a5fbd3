package pgstore_test

import (
	"context"
	"strings"
	"testing"

	"github.com/disclose-sar/disclose/internal/extract"
	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/web"
	"github.com/disclose-sar/disclose/internal/web/pgstore"
)

// TestSearchIndexIsANodeCache: two nodes on one database, each with its
// own data directory. A node with no index builds it from PostgreSQL;
// a document saved again through one node (OCR, a re-read) is found with
// its new words on the other, whose open index was stale.
func TestSearchIndexIsANodeCache(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, nil)
	a := &pgstore.Searcher{DB: e.db, DataDir: t.TempDir()}
	b := &pgstore.Searcher{DB: e.db, DataDir: t.TempDir()}
	hits := func(s *pgstore.Searcher, q string) int {
		t.Helper()
		res, err := s.Search(ctx, e.reqID, web.SearchQuery{Q: q})
		if err != nil {
			t.Fatalf("Search(%q): %v", q, err)
		}
		return res.Total
	}
	for name, s := range map[string]*pgstore.Searcher{"A": a, "B": b} {
		if n := hits(s, "Quill"); n != 1 {
			t.Errorf("node %s: Search(Quill) = %d hits, want 1 (index built from PostgreSQL)", name, n)
		}
	}
	d, err := e.db.Document(ctx, e.reqID, e.docKey)
	if err != nil {
		t.Fatal(err)
	}
	d.Text = strings.ReplaceAll(d.Text, "Drax", "Gamora")
	d.TextHash = extract.TextHash(d.Text)
	if _, err := e.db.SaveDocuments(ctx, e.reqID, []record.Document{d}); err != nil {
		t.Fatal(err)
	}
	for name, s := range map[string]*pgstore.Searcher{"A": a, "B": b} {
		if n := hits(s, "Gamora"); n != 1 {
			t.Errorf("node %s after the document changed: Search(Gamora) = %d hits, want 1", name, n)
		}
	}
	// Saved again unchanged (a retried job): the same index folder, which
	// the node has open, is opened again without waiting on its own lock.
	d, err = e.db.Document(ctx, e.reqID, e.docKey)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.db.SaveDocuments(ctx, e.reqID, []record.Document{d}); err != nil {
		t.Fatal(err)
	}
	if n := hits(a, "Gamora"); n != 1 {
		t.Errorf("after the document was saved again unchanged: Search(Gamora) = %d hits, want 1", n)
	}
}
