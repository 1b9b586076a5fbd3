package bundle

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestSafeCell(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"=HYPERLINK(\"http://example.test\",\"x\")", "'=HYPERLINK(\"http://example.test\",\"x\")"},
		{"+44 1632 960000", "'+44 1632 960000"},
		{"-2+3", "'-2+3"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\t=1", "'\t=1"},
		{"\r=1", "'\r=1"},
		{"Document 3", "Document 3"},
		{"a=b", "a=b"},
		{"", ""},
	} {
		if got := SafeCell(tc.in); got != tc.want {
			t.Errorf("SafeCell(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// scheduleFixture is invented; no real person.
func scheduleFixture() ([]ScheduleRow, Certificate) {
	rows := []ScheduleRow{
		{DocNumber: 2, DocRef: "Document 2: letter, 4 May 2015", Source: "drive/=HYPERLINK(\"http://evil.test\",\"open\").docx",
			Page: 7, Kind: "withheld section", Code: "PA", RuleID: "partner-police", Decider: "officer@example.test",
			Reason: "Information from a partner agency", Law: "DPA 2018 Sch. 2 para 16", Approver: "legal@example.test"},
		{DocNumber: 1, DocRef: "Document 1: case note, 3 March 2014", Source: "notes/n1.txt", Page: 3, Kind: "redaction",
			Code: "TP", RuleID: "tp.name", Label: "@Neighbour A", Decider: "auto", Note: "-not known to the requester"},
	}
	cert := Certificate{Strings: 4, Objects: 120, Pages: 9, SHA256: "abc123", Date: time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)}
	return rows, cert
}

func readCSV(t *testing.T, data []byte) [][]string {
	t.Helper()
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatalf("read CSV: %v\n%s", err, data)
	}
	return recs
}

func TestWriteScheduleCSV(t *testing.T) {
	rows, cert := scheduleFixture()
	var buf bytes.Buffer
	if err := WriteScheduleCSV(&buf, rows, cert); err != nil {
		t.Fatal(err)
	}
	recs := readCSV(t, buf.Bytes())
	if len(recs) != 4 {
		t.Fatalf("CSV has %d records, want header, 2 rows, certificate:\n%s", len(recs), buf.String())
	}
	if diff := cmp.Diff(ScheduleColumns, recs[0]); diff != "" {
		t.Errorf("header (-want +got):\n%s", diff)
	}
	for _, rec := range recs {
		if len(rec) != len(ScheduleColumns) {
			t.Errorf("record %q has %d cells, want %d", rec, len(rec), len(ScheduleColumns))
		}
		for _, cell := range rec {
			if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
				t.Errorf("cell %q starts with a formula character", cell)
			}
		}
	}
	want := [][]string{
		{"1", "Document 1: case note, 3 March 2014", "notes/n1.txt", "3", "Text redacted, shown as [@Neighbour A]",
			"'@Neighbour A", "", "TP", "", "tp.name", "auto", "'-not known to the requester", ""},
		{"2", "Document 2: letter, 4 May 2015", "drive/=HYPERLINK(\"http://evil.test\",\"open\").docx", "7", "Withheld section",
			"", "Information from a partner agency", "PA", "DPA 2018 Sch. 2 para 16", "partner-police", "officer@example.test", "", "legal@example.test"},
	}
	if diff := cmp.Diff(want, recs[1:3]); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
	c := recs[3]
	if c[0] != "certificate" || c[1] != "leak check passed: no redacted string found" || c[2] != "9 pages searched" ||
		c[3] != "checked 2026-03-02" || !strings.Contains(c[4], "sha256 abc123") {
		t.Errorf("certificate row = %q", c)
	}
}

func TestWriteScheduleCSVHyperlinkQuoted(t *testing.T) {
	rows := []ScheduleRow{{DocNumber: 1, DocRef: `=HYPERLINK("http://evil.test","click")`, Kind: "redaction", Code: "TP"}}
	var buf bytes.Buffer
	if err := WriteScheduleCSV(&buf, rows, Certificate{Hits: 2}); err != nil {
		t.Fatal(err)
	}
	recs := readCSV(t, buf.Bytes())
	if got := recs[1][1]; got != `'=HYPERLINK("http://evil.test","click")` {
		t.Errorf("document reference cell = %q, want it quoted", got)
	}
	if got := recs[2][1]; !strings.HasPrefix(got, "LEAK CHECK FAILED: 2") {
		t.Errorf("certificate result = %q, want the failure", got)
	}
}

// TestScheduleRoundTrip stores rows and certificate as the bundle job does
// (JSON) and checks that decoding them gives the same CSV.
func TestScheduleRoundTrip(t *testing.T) {
	rows, cert := scheduleFixture()
	stored, err := json.Marshal(rows)
	if err != nil {
		t.Fatal(err)
	}
	storedCert, err := json.Marshal(struct {
		Certificate
		Warnings []string
	}{cert, []string{"page 2 set as text"}})
	if err != nil {
		t.Fatal(err)
	}
	var back []ScheduleRow
	var backCert Certificate
	if err := json.Unmarshal(stored, &back); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(storedCert, &backCert); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(rows, back); diff != "" {
		t.Errorf("rows after JSON (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(cert, backCert); diff != "" {
		t.Errorf("certificate after JSON (-want +got):\n%s", diff)
	}
}

func TestWriteSchedulePDF(t *testing.T) {
	need(t, "pdftotext")
	rows, cert := scheduleFixture()
	var buf bytes.Buffer
	if err := WriteSchedulePDF(&buf, rows, cert, Options{Reference: "SAR-TEST-0042", Date: cert.Date}); err != nil {
		if errors.Is(err, ErrFont) {
			t.Skipf("fonts: %v", err)
		}
		t.Fatal(err)
	}
	text, err := pdftotextPages(t.Context(), buf.Bytes(), "")
	if err != nil {
		t.Fatal(err)
	}
	flat := strings.Join(strings.Fields(strings.Join(text, " ")), " ")
	for _, want := range []string{"Redaction schedule: SAR-TEST-0042", "leak check passed", "9 pages searched", "2 March 2026",
		"Withheld section", "approved by legal@example.test", "Information from a partner agency"} {
		if !strings.Contains(flat, want) {
			t.Errorf("schedule PDF lacks %q:\n%s", want, flat)
		}
	}
}

// TestScheduleTable: rows kept as numbers into a table of distinct values
// come back whole and in order.
func TestScheduleTable(t *testing.T) {
	rows, _ := scheduleFixture()
	rows = append(rows, ScheduleRow{DocNumber: 9, Page: 40, SourcePage: 2, Kind: KindArea, Code: "TP", RuleID: ruleArea, Decider: "officer@example.test"})
	var tab schedTable
	for _, r := range rows {
		tab.add(r)
	}
	for _, r := range rows { // again: the same values are shared
		tab.add(r)
	}
	got := tab.all()
	if want := append(append([]ScheduleRow(nil), rows...), rows...); !reflect.DeepEqual(got, want) {
		t.Errorf("rows made whole:\n%+v\nwant\n%+v", got, want)
	}
	if len(tab.strs) > 2*len(rows)+16 {
		t.Errorf("%d distinct values kept for %d rows added twice", len(tab.strs), len(rows))
	}
}
