package postgres_test

import (
	"context"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/disclose-sar/disclose/internal/postgres"
	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/workflow"
)

// An area drawn on a page is stored with its page coordinates and the
// words under it, listed for its document and for the request, audited,
// and undone once (a second undo is a conflict); what is not an area on a
// page of a document of the request is refused.
func TestAreas(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	in := postgres.AreaInput{DocKey: "d1", Page: 1, Box: record.Box{X0: 72, Y0: 100.5, X1: 300, Y1: 180}, PageWidth: 595, PageHeight: 842,
		Words: [][2]int{{17, 26}}, Code: "TP", Reason: "  a photo of the family  "}
	a, err := f.db.AddArea(ctx, f.ig.ID, f.req.ID, in)
	if err != nil {
		t.Fatal(err)
	}
	if a.ID == 0 || a.At.IsZero() || a.Reason != "a photo of the family" {
		t.Errorf("AddArea = %+v: want an id, a time and the reason trimmed", a)
	}
	picture := in
	picture.Page, picture.Words, picture.Reason = 2, nil, ""
	if _, err := f.db.AddArea(ctx, f.ig.ID, f.req.ID, picture); err != nil {
		t.Fatal(err)
	}

	got, err := f.db.Areas(ctx, f.req.ID, "d1")
	if err != nil {
		t.Fatal(err)
	}
	want := []record.Area{
		{ID: a.ID, DocID: "d1", Page: 1, Box: in.Box, Words: [][2]int{{17, 26}}, Code: "TP", Reason: "a photo of the family", Decider: "ig@example.org"},
		{DocID: "d1", Page: 2, Box: in.Box, Code: "TP", Decider: "ig@example.org"},
	}
	var areas []record.Area
	for _, g := range got {
		if g.PageWidth != 595 || g.PageHeight != 842 || g.By != f.ig.ID || g.ByName != "Ivy Gale" {
			t.Errorf("area %d: page %vx%v by %d %q, want 595x842 by %d Ivy Gale", g.ID, g.PageWidth, g.PageHeight, g.By, g.ByName, f.ig.ID)
		}
		areas = append(areas, g.Area)
	}
	if len(areas) == 2 {
		want[1].ID = areas[1].ID
	}
	if diff := cmp.Diff(want, areas); diff != "" {
		t.Errorf("Areas(d1) (-want +got):\n%s", diff)
	}
	if all, err := f.db.Areas(ctx, f.req.ID, ""); err != nil || len(all) != 2 {
		t.Errorf("Areas(all) = %d areas, %v; want 2", len(all), err)
	}
	if other, err := f.db.Areas(ctx, f.req.ID, "d2"); err != nil || len(other) != 0 {
		t.Errorf("Areas(d2) = %d areas, %v; want none", len(other), err)
	}

	for name, tc := range map[string]struct {
		edit func(*postgres.AreaInput)
		kind error
	}{
		"off the page":        {func(in *postgres.AreaInput) { in.Box.X1 = 600 }, workflow.ErrInvalid},
		"no size":             {func(in *postgres.AreaInput) { in.Box.Y1 = in.Box.Y0 }, workflow.ErrInvalid},
		"no page":             {func(in *postgres.AreaInput) { in.Page = 0 }, workflow.ErrInvalid},
		"unknown code":        {func(in *postgres.AreaInput) { in.Code = "XYZ" }, workflow.ErrInvalid},
		"words past the text": {func(in *postgres.AreaInput) { in.Words = [][2]int{{20, 9999}} }, workflow.ErrInvalid},
		"backward words":      {func(in *postgres.AreaInput) { in.Words = [][2]int{{20, 10}} }, workflow.ErrInvalid},
		"unknown document":    {func(in *postgres.AreaInput) { in.DocKey = "nope" }, workflow.ErrNotFound},
	} {
		bad := in
		tc.edit(&bad)
		if _, err := f.db.AddArea(ctx, f.ig.ID, f.req.ID, bad); !errors.Is(err, tc.kind) {
			t.Errorf("AddArea(%s) = %v, want %v", name, err, tc.kind)
		}
	}

	if err := f.db.UndoArea(ctx, f.ig.ID, f.req.ID, a.ID); err != nil {
		t.Fatal(err)
	}
	if err := f.db.UndoArea(ctx, f.ig.ID, f.req.ID, a.ID); !errors.Is(err, workflow.ErrConflict) {
		t.Errorf("second UndoArea = %v, want a conflict", err)
	}
	if err := f.db.UndoArea(ctx, f.ig.ID, f.req.ID+1, areas[1].ID); !errors.Is(err, workflow.ErrNotFound) {
		t.Errorf("UndoArea of another request's area = %v, want not found", err)
	}
	if left, _ := f.db.Areas(ctx, f.req.ID, "d1"); len(left) != 1 || left[0].ID != areas[1].ID {
		t.Errorf("after undo, areas = %+v, want only the second", left)
	}

	log, err := f.db.AuditLog(ctx, f.req.ID, 100)
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	for _, e := range log {
		counts[e.Action]++
	}
	if counts[postgres.AuditAreaAdd] != 2 || counts[postgres.AuditAreaUndo] != 1 {
		t.Errorf("audit counts %v: want 2 %s and 1 %s", counts, postgres.AuditAreaAdd, postgres.AuditAreaUndo)
	}
}
