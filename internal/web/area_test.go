package web

import (
	"strings"
	"testing"
	"time"

	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/workflow"
)

// An area is an entry among the suggestions: placed at the first word
// under it (a picture-only area at the start), its text the words under
// it, undone like an own redaction, and never a span the text view
// highlights.
func TestAreaItems(t *testing.T) {
	doc := record.Document{Text: "Met Tamsin Orrell\nat the centre."}
	at := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	items := areaItems([]Area{
		{ID: 7, DocID: "d1", Page: 2, Words: [][2]int{{4, 17}, {21, 24}, {90, 99}}, Code: "TP", Reason: "photo", By: "Ivy Gale", At: at},
		{ID: 8, DocID: "d1", Page: 1, Code: "SH", By: "Ivy Gale", At: at, Approval: workflow.ApprovalPending},
	}, doc)
	if len(items) != 2 {
		t.Fatalf("areaItems = %d items, want 2", len(items))
	}
	a, b := items[0], items[1]
	if a.ID != AreaPrefix+"7" || a.Start != 4 || a.End != 4 || a.Text != "Tamsin Orrell … the" || a.Code != "TP" ||
		a.Own == nil || a.Own.AppliesTo != AppliesArea || a.Decision == nil || a.Decision.Reason != "photo" || a.Area == nil || a.Area.Page != 2 {
		t.Errorf("area over words = %+v", a)
	}
	if a.Decision.Approval != "" || strings.Contains(a.Why, "legal") {
		t.Errorf("TP area: approval %q, why %q; want none", a.Decision.Approval, a.Why)
	}
	if b.Start != 0 || b.End != 0 || b.Text != "(no words under it: its pixels only)" || b.Code != "SH" ||
		b.Decision.Approval != workflow.ApprovalPending || !strings.Contains(b.Why, "waits for legal services' approval") {
		t.Errorf("area over a picture = %+v", b)
	}
	if segs := segments(doc, items, nil); len(segs) != 3 || segs[0].Item != nil || segs[2].Item != nil {
		t.Errorf("segments with areas = %+v: want the text alone, nothing highlighted", segs)
	}
}

func TestPageInfo(t *testing.T) {
	d := &record.Document{PageInfo: []record.PageInfo{{Number: 1, Width: 595, Height: 842}, {Number: 2}}}
	if pi, ok := pageInfo(d, 1); !ok || pi.Width != 595 {
		t.Errorf("pageInfo(1) = %+v, %v", pi, ok)
	}
	if _, ok := pageInfo(d, 2); ok {
		t.Error("pageInfo(2) found a page with no size")
	}
	if _, ok := pageInfo(d, 3); ok {
		t.Error("pageInfo(3) found a page that is not there")
	}
}
