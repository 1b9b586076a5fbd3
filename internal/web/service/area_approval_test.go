package service_test

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/disclose-sar/disclose/internal/bundle"
	"github.com/disclose-sar/disclose/internal/ingest"
	"github.com/disclose-sar/disclose/internal/postgres"
	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/web"
	"github.com/disclose-sar/disclose/internal/web/service"
	"github.com/disclose-sar/disclose/internal/workflow"
)

// TestAreaApprovalBundle: through the real worker, an area drawn under PA
// (partner-agency material) stops the bundle while it waits for legal;
// approved, the bundle is made and the words under the area are gone from
// it, with the area's row in the schedule. A second PA area that legal
// refuses stops the next bundle with a message saying what to do, until
// the officer undoes it.
func TestAreaApprovalBundle(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Fatalf("pdftotext not installed: %v", err)
	}
	ctx := context.Background()
	root := t.TempDir()
	const (
		approvedWord = "quinceberry"   // under the PA area legal approves; nowhere else in the record
		refusedWord  = "marrowfat"     // under the PA area legal refuses
		kept         = "Tamsin showed" // words no area covers
	)
	writeBlockerFolder(t, filepath.Join(root, "rook"), map[string]string{
		ingest.SubjectFile:     `{"name": "Tamsin Rook"}`,
		"case-notes/visit.txt": "Home visit. Tamsin showed me the " + approvedWord + " drawing she made.\nWe talked about a " + refusedWord + " recipe.",
	})
	svc, db, _ := runService(t, service.Config{Web: web.Config{Addr: "127.0.0.1:0"}, DataDir: t.TempDir(),
		RecordRoots: []string{root}, Workers: 1})
	u, r := blockerRequest(t, db, "Tamsin Rook")
	legal, _, err := db.CreateUser(ctx, 0, postgres.NewUser{Email: "legal@example.test", Name: "Lena Legal",
		Roles: []workflow.Role{workflow.RoleLegal}, Team: "IG"})
	if err != nil {
		t.Fatal(err)
	}
	if err := svc.Jobs.Ingest(ctx, u, r.ID, "", filepath.Join(root, "rook")); err != nil {
		t.Fatal(err)
	}
	waitJobs(t, db, r.ID, 2*time.Minute)
	decideAll(t, db, u, r.ID)
	checkBlockers(t, db, r.ID, nil)

	rec, err := db.Record(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	var doc *record.Document
	for i := range rec.Documents {
		if strings.Contains(rec.Documents[i].Text, approvedWord) {
			doc = &rec.Documents[i]
		}
	}
	if doc == nil {
		t.Fatal("the visit note was not read")
	}
	draw := func(word string) postgres.Area {
		t.Helper()
		i := strings.Index(doc.Text, word)
		a, err := db.AddArea(ctx, u.ID, r.ID, postgres.AreaInput{DocKey: doc.ID, Page: 1, Box: record.Box{X0: 100, Y0: 100, X1: 180, Y1: 114},
			PageWidth: 595, PageHeight: 842, Words: [][2]int{{i, i + len(word)}}, Code: "PA", Reason: "the partner's own record"})
		if err != nil {
			t.Fatalf("AddArea: %v", err)
		}
		return a
	}
	approval := func(areaID int64) postgres.Approval {
		t.Helper()
		aps, err := db.Approvals(ctx, r.ID, true)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range aps {
			if a.AreaID == areaID {
				return a
			}
		}
		t.Fatalf("no pending approval of area %d in %+v", areaID, aps)
		return postgres.Approval{}
	}

	// Pending: no bundle.
	pa := draw(approvedWord)
	const waiting = "1 areas drawn on pages wait for legal approval"
	checkBlockers(t, db, r.ID, []string{waiting})
	if _, err := svc.Jobs.Bundle(ctx, u, r.ID); !refused(err, waiting) {
		t.Errorf("Jobs.Bundle with the area pending = %v, want refused: %s", err, waiting)
	}

	// Approved: the bundle is made, the word under the area gone.
	a := approval(pa.ID)
	if _, err := db.DecideApproval(ctx, legal, a.ID, a.Version, true, "the police agreed it is withheld"); err != nil {
		t.Fatal(err)
	}
	checkBlockers(t, db, r.ID, nil)
	id := waitBundleReady(t, svc, db, u, r.ID)
	data := storedBundleFile(t, db, u.ID, id)
	file := filepath.Join(t.TempDir(), "bundle.pdf")
	if err := os.WriteFile(file, data, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	text := strings.Join(strings.Fields(string(out)), " ")
	if strings.Contains(text, approvedWord) || !strings.Contains(text, kept) || !strings.Contains(text, refusedWord) {
		t.Errorf("bundle text: want %q removed under the approved area and %q, %q kept:\n%s", approvedWord, kept, refusedWord, text)
	}
	b, err := db.Bundle(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	var rows []bundle.ScheduleRow
	raw, _ := json.Marshal(b.Schedule)
	if err := json.Unmarshal(raw, &rows); err != nil {
		t.Fatalf("schedule: %v", err)
	}
	areaRows := 0
	for _, row := range rows {
		if row.Kind == bundle.KindArea && row.Code == "PA" {
			areaRows++
		}
	}
	if areaRows != 1 {
		t.Errorf("schedule has %d PA area rows, want 1: %+v", areaRows, rows)
	}

	// Refused: blocked, with what to do, until the officer undoes it.
	refusedArea := draw(refusedWord)
	a = approval(refusedArea.ID)
	if _, err := db.DecideApproval(ctx, legal, a.ID, a.Version, false, "the school has agreed to its release"); err != nil {
		t.Fatal(err)
	}
	const refusedMsg = "1 areas drawn on pages were refused by legal and need undoing, or drawing again with another code"
	checkBlockers(t, db, r.ID, []string{refusedMsg})
	if _, err := svc.Jobs.Bundle(ctx, u, r.ID); !refused(err, refusedMsg) {
		t.Errorf("Jobs.Bundle with a refused area = %v, want refused: %s", err, refusedMsg)
	}
	if _, err := db.DownloadBundle(ctx, u.ID, id); !refused(err, refusedMsg) {
		t.Errorf("DownloadBundle of the earlier bundle with a refused area = %v, want refused: %s", err, refusedMsg)
	}
	if err := db.UndoArea(ctx, u.ID, r.ID, refusedArea.ID); err != nil {
		t.Fatal(err)
	}
	checkBlockers(t, db, r.ID, nil)
}
