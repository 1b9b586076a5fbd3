package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func runCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := Run(context.Background(), append([]string{"deadline"}, args...), strings.NewReader(""), &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

func TestDeadlineJSON(t *testing.T) {
	t.Setenv("DISCLOSE_BANK_HOLIDAYS", "")
	tests := []struct {
		name string
		args []string
		want string // the output without the explanation
	}{
		{"contract example", []string{"--regime", "uk-gdpr", "--nation", "england-and-wales", "--received", "2025-03-17"},
			`{"regime":"uk-gdpr","nation":"england-and-wales","start":"2025-03-17","due":"2025-04-17","paused_days":0,"extended":false}`},
		{"ID start, two pauses, Easter roll", []string{"--regime", "uk-gdpr", "--nation", "england-and-wales", "--received", "2025-03-10",
			"--id-received", "2025-03-14", "--pause", "2025-03-18:2025-03-19", "--pause=2025-03-25:2025-03-26"},
			`{"regime":"uk-gdpr","nation":"england-and-wales","start":"2025-03-14","due":"2025-04-22","paused_days":4,"extended":false}`},
		{"extended in Scotland", []string{"-regime=uk-gdpr", "-nation=scotland", "-received=2025-10-31", "--extended"},
			`{"regime":"uk-gdpr","nation":"scotland","start":"2025-10-31","due":"2026-02-02","paused_days":0,"extended":true}`},
		{"fee start, DPA 1998", []string{"--regime", "dpa1998", "--nation", "northern-ireland", "--received", "2025-03-01", "--fee-received", "2025-03-10"},
			`{"regime":"dpa1998","nation":"northern-ireland","start":"2025-03-10","due":"2025-04-19","paused_days":0,"extended":false}`},
		{"FOI", []string{"--regime", "foi", "--nation", "england-and-wales", "--received", "2025-12-15"},
			`{"regime":"foi","nation":"england-and-wales","start":"2025-12-15","due":"2026-01-16","paused_days":0,"extended":false}`},
		{"EIR", []string{"--regime", "eir", "--nation", "scotland", "--received", "2025-03-03"},
			`{"regime":"eir","nation":"scotland","start":"2025-03-03","due":"2025-04-01","paused_days":0,"extended":false}`},
		{"EU GDPR", []string{"--regime", "eu-gdpr", "--nation", "northern-ireland", "--received", "2026-06-13"},
			`{"regime":"eu-gdpr","nation":"northern-ireland","start":"2026-06-13","due":"2026-07-14","paused_days":0,"extended":false}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, tt.args...)
			if code != 0 || stderr != "" {
				t.Fatalf("exit %d, stderr %q", code, stderr)
			}
			if strings.Count(stdout, "\n") != 1 || !strings.HasSuffix(stdout, "\n") {
				t.Errorf("stdout is not one line: %q", stdout)
			}
			// The keys and their order are the contract: check the raw text.
			i := strings.Index(stdout, `,"explanation":[`)
			if i < 0 {
				t.Fatalf("no explanation key after extended: %s", stdout)
			}
			if diff := cmp.Diff(tt.want, stdout[:i]+"}"); diff != "" {
				t.Errorf("JSON (-want +got):\n%s", diff)
			}
			var out struct {
				Explanation []string `json:"explanation"`
			}
			var keys map[string]any
			if err := json.Unmarshal([]byte(stdout), &out); err != nil {
				t.Fatalf("decode %s: %v", stdout, err)
			}
			if err := json.Unmarshal([]byte(stdout), &keys); err != nil || len(keys) != 7 {
				t.Errorf("keys = %v, want the seven of the contract", keys)
			}
			if len(out.Explanation) < 2 {
				t.Errorf("explanation = %q, want the steps", out.Explanation)
			}
			if strings.Contains(stdout, `"warnings"`) {
				t.Errorf("warnings key present with nothing to warn about: %s", stdout)
			}
		})
	}
}

func TestDeadlineBadInput(t *testing.T) {
	t.Setenv("DISCLOSE_BANK_HOLIDAYS", "")
	ok := []string{"--regime", "uk-gdpr", "--nation", "england-and-wales", "--received", "2025-03-17"}
	with := func(extra ...string) []string { return append(append([]string(nil), ok...), extra...) }
	tests := []struct {
		name string
		args []string
		want string // a fragment of the one stderr line
	}{
		{"unknown regime", []string{"--regime", "gdpr", "--nation", "scotland", "--received", "2025-03-17"}, `unknown regime "gdpr"`},
		{"unknown nation", []string{"--regime", "uk-gdpr", "--nation", "wales", "--received", "2025-03-17"}, `unknown nation "wales"`},
		{"impossible date", []string{"--regime", "uk-gdpr", "--nation", "scotland", "--received", "2025-02-30"}, `2025-02-30`},
		{"not a date", []string{"--regime", "uk-gdpr", "--nation", "scotland", "--received", "17/03/2025"}, `17/03/2025`},
		{"short date", []string{"--regime", "uk-gdpr", "--nation", "scotland", "--received", "2025-3-17"}, `2025-3-17`},
		{"impossible ID date", with("--id-received", "2025-13-01"), `2025-13-01`},
		{"impossible fee date", with("--fee-received", "2025-04-31"), `2025-04-31`},
		{"pause ends before it starts", with("--pause", "2025-03-20:2025-03-19"), "ends before it starts"},
		{"pause ends before receipt", with("--pause", "2025-03-10:2025-03-16"), "ends before the request was received"},
		{"pause without colon", with("--pause", "2025-03-20"), "not YYYY-MM-DD:YYYY-MM-DD"},
		{"pause with a bad end", with("--pause", "2025-03-20:2025-02-30"), "2025-02-30"},
		{"pause with three parts", with("--pause", "2025-03-20:2025-03-21:2025-03-22"), "not YYYY-MM-DD:YYYY-MM-DD"},
		{"missing received", []string{"--regime", "uk-gdpr", "--nation", "scotland"}, "--received is required"},
		{"missing regime", []string{"--nation", "scotland", "--received", "2025-03-17"}, "--regime is required"},
		{"missing nation", []string{"--regime", "uk-gdpr", "--received", "2025-03-17"}, "--nation is required"},
		{"unknown flag", with("--verbose"), "unknown flag --verbose"},
		{"stray argument", with("extra"), `unexpected argument "extra"`},
		{"flag without value", []string{"--regime", "uk-gdpr", "--nation", "scotland", "--received"}, "needs an argument"},
		{"pause under FOI", []string{"--regime", "foi", "--nation", "scotland", "--received", "2025-03-17", "--pause", "2025-03-18:2025-03-20"}, "--pause does not apply to foi"},
		{"extension under DPA 1998", []string{"--regime", "dpa1998", "--nation", "scotland", "--received", "2025-03-17", "--extended"}, "dpa1998 allows no extension"},
		{"missing holidays file", with("--holidays", filepath.Join(t.TempDir(), "none.json")), "cannot read it"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, tt.args...)
			if code != 2 {
				t.Errorf("exit %d, want 2", code)
			}
			if stdout != "" {
				t.Errorf("stdout = %q, want nothing", stdout)
			}
			if strings.Count(stderr, "\n") != 1 || !strings.HasSuffix(stderr, "\n") || !strings.Contains(stderr, tt.want) {
				t.Errorf("stderr = %q, want one line containing %q", stderr, tt.want)
			}
		})
	}
}

func TestDeadlineHolidaysFile(t *testing.T) {
	// A newer calendar declaring 17 Apr 2025 a (fictional) holiday in
	// England and Wales moves the contract example by a day.
	file := filepath.Join(t.TempDir(), "bank-holidays.json")
	body := `{"england-and-wales":{"division":"england-and-wales","events":[
		{"title":"Test holiday","date":"2025-04-17","notes":"","bunting":true},
		{"title":"Good Friday","date":"2025-04-18","notes":"","bunting":false},
		{"title":"Easter Monday","date":"2025-04-21","notes":"","bunting":true}]}}`
	if err := os.WriteFile(file, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	args := []string{"--regime", "uk-gdpr", "--nation", "england-and-wales", "--received", "2025-03-17"}
	for _, how := range []string{"flag", "env"} {
		t.Run(how, func(t *testing.T) {
			a := args
			if how == "flag" {
				t.Setenv("DISCLOSE_BANK_HOLIDAYS", "")
				a = append(append([]string(nil), args...), "--holidays", file)
			} else {
				t.Setenv("DISCLOSE_BANK_HOLIDAYS", file)
			}
			code, stdout, stderr := runCLI(t, a...)
			if code != 0 || !strings.Contains(stdout, `"due":"2025-04-22"`) || !strings.Contains(stdout, "Test holiday") {
				t.Errorf("exit %d, stdout %s, stderr %q; want due 2025-04-22 past the test holiday", code, stdout, stderr)
			}
		})
	}
	if err := os.WriteFile(file, []byte(`{"england-and-wales":{"events":[{"date":"2025-02-30"}]}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runCLI(t, append(args, "--holidays", file)...)
	if code != 2 || stdout != "" || strings.Count(stderr, "\n") != 1 {
		t.Errorf("bad holidays file: exit %d, stdout %q, stderr %q; want 2, nothing, one line", code, stdout, stderr)
	}
}

func TestDeadlineWarningsKey(t *testing.T) {
	t.Setenv("DISCLOSE_BANK_HOLIDAYS", "")
	code, stdout, _ := runCLI(t, "--regime", "uk-gdpr", "--nation", "scotland", "--received", "2030-12-20")
	if code != 0 || !strings.Contains(stdout, `"warnings":["`) {
		t.Errorf("exit %d, stdout %s; want a warnings key for a date past the calendar", code, stdout)
	}
}
