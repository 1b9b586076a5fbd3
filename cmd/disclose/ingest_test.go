package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/disclose-sar/disclose/internal/synth"
)

func ingestCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Run(context.Background(), args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

func TestIngestSearchCommands(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "record")
	if _, err := synth.Write(dir, 12, 5); err != nil {
		t.Fatal(err)
	}
	var subject struct{ Name string }
	b, _ := os.ReadFile(filepath.Join(dir, "subject.json"))
	json.Unmarshal(b, &subject)
	data := t.TempDir()

	code, out, errs := ingestCLI(t, "ingest", "--record", dir, "--data", data, "--no-ocr", "--json")
	if code != 0 {
		t.Fatalf("ingest exit %d: %s", code, errs)
	}
	var rep struct {
		Files     []struct{ Path, Status string }
		Documents int
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("ingest --json: %v", err)
	}
	if len(rep.Files) == 0 || rep.Documents == 0 {
		t.Errorf("ingest --json: %d files, %d documents", len(rep.Files), rep.Documents)
	}

	code, out, errs = ingestCLI(t, "search", "--record", dir, "--data", data, "--no-ocr", "--size", "5", subject.Name)
	if code != 0 {
		t.Fatalf("search exit %d: %s", code, errs)
	}
	surname := strings.Fields(subject.Name)[1]
	for _, want := range []string{"hits", "«" + surname + "»", "by location:"} {
		if !strings.Contains(out, want) {
			t.Errorf("search output lacks %q:\n%s", want, out)
		}
	}
}

func TestIngestExitCodes(t *testing.T) {
	empty := t.TempDir()
	for _, tt := range []struct {
		args []string
		want int
	}{
		{[]string{"ingest"}, 2},
		{[]string{"ingest", "--record", empty, "extra"}, 2},
		{[]string{"ingest", "--record", empty, "--no-index"}, 1}, // no subject.json
		{[]string{"search", "--record", empty}, 2},               // no query
		{[]string{"bench"}, 2},
		{[]string{"bench", "nonsense"}, 2},
		{[]string{"bench", "ingest", "--pages", "x"}, 2},
	} {
		if code, _, _ := ingestCLI(t, tt.args...); code != tt.want {
			t.Errorf("disclose %v exit = %d, want %d", tt.args, code, tt.want)
		}
	}
}
