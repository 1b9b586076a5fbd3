package pgstore_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/disclose-sar/disclose/internal/bundle"
	"github.com/disclose-sar/disclose/internal/web/service"
	"github.com/disclose-sar/disclose/internal/workflow"
)

// storeBundle saves a ready bundle with schedule and certificate as the
// bundle job does (worker.BundleOutput → SaveBundleFile).
func (e *env) storeBundle(release int, rows []bundle.ScheduleRow, cert any) int64 {
	e.t.Helper()
	ctx := context.Background()
	var id int64
	if err := e.db.Pool.QueryRow(ctx, `INSERT INTO bundles (request_id, release) VALUES ($1, $2) RETURNING id`, e.reqID, release).Scan(&id); err != nil {
		e.t.Fatalf("insert bundle: %v", err)
	}
	if err := e.db.SaveBundleFile(ctx, id, strings.NewReader("%PDF-1.7 test"), rows, cert); err != nil {
		e.t.Fatalf("SaveBundleFile: %v", err)
	}
	return id
}

// TestScheduleDownload: the server's schedule CSV is the bundle package's
// (the batch command's) CSV of the stored rows and certificate, byte for
// byte: same headers, a certificate row, formula-safe cells.
func TestScheduleDownload(t *testing.T) {
	e := newEnv(t, nil)
	officer := e.login(string(workflow.RoleIGOfficer))
	rows := []bundle.ScheduleRow{
		{DocNumber: 1, DocRef: `=HYPERLINK("http://evil.test","open")`, Source: "notes/visit.txt", Page: 4, Kind: "redaction",
			Code: "TP", RuleID: "tp.name", Label: "Neighbour A", Decider: "officer@example.test", Reason: "Information about other people",
			Law: "DPA 2018 Sch. 2 para 16", Note: "+not known to the requester", Approver: "legal@example.test"},
		{DocNumber: 2, DocRef: "Document 2: letter, 4 May 2015", Source: "letters/l2.txt", Page: 6, Kind: "withheld document", Code: "PA", Decider: "auto"},
	}
	cert := bundle.Certificate{Strings: 3, Objects: 50, Pages: 7, SHA256: "abc", Date: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
	bid := e.storeBundle(1, rows, service.Certificate{Certificate: cert, Warnings: []string{"page 2 of document 1 set as text"}})

	res, body := officer.do("GET", "/requests/"+itoa64(e.reqID)+"/bundles/"+itoa64(bid)+"/schedule.csv", nil, nil)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET schedule = %d: %.200s", res.StatusCode, body)
	}
	var want bytes.Buffer
	if err := bundle.WriteScheduleCSV(&want, rows, cert); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want.String(), body); diff != "" {
		t.Errorf("server schedule differs from the bundle package's (-want +got):\n%s", diff)
	}
	recs, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if err != nil || len(recs) != 4 {
		t.Fatalf("schedule CSV: %d records, %v", len(recs), err)
	}
	if diff := cmp.Diff(bundle.ScheduleColumns, recs[0]); diff != "" {
		t.Errorf("headers (-want +got):\n%s", diff)
	}
	if got := recs[1][1]; got != `'=HYPERLINK("http://evil.test","open")` {
		t.Errorf("document reference cell = %q, want it quoted", got)
	}
	if c := recs[3]; c[0] != "certificate" || c[2] != "7 pages searched" || c[3] != "checked 2026-03-02" {
		t.Errorf("certificate row = %q", c)
	}

	// A bundle stored before certificates were dated takes its ready time.
	old := e.storeBundle(2, nil, map[string]any{"Strings": 0, "Pages": 2, "SHA256": "def"})
	_, body = officer.do("GET", "/requests/"+itoa64(e.reqID)+"/bundles/"+itoa64(old)+"/schedule.csv", nil, nil)
	recs, err = csv.NewReader(strings.NewReader(body)).ReadAll()
	b, berr := e.db.Bundle(context.Background(), old)
	if berr != nil || b.ReadyAt == nil {
		t.Fatalf("Bundle(%d) = %+v, %v", old, b, berr)
	}
	ready := "checked " + b.ReadyAt.Format("2006-01-02")
	if err != nil || len(recs) != 2 || recs[1][0] != "certificate" || recs[1][2] != "2 pages searched" || recs[1][3] != ready {
		t.Errorf("schedule of a bundle with no rows and an undated certificate:\n%s", body)
	}
}
