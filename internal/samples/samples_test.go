package samples

import (
	"os"
	"path/filepath"
	"testing"
)

// TestMissingSample: a sample that is not there fails the test under the
// strict flag, and is skipped with DISCLOSE_SAMPLES=optional or without it.
func TestMissingSample(t *testing.T) {
	for _, tc := range []struct {
		testdb, samples string
		wantFail        bool
	}{
		{"required", "", true},
		{"required", "optional", false},
		{"", "", false},
	} {
		t.Setenv("DISCLOSE_TESTDB", tc.testdb)
		t.Setenv("DISCLOSE_SAMPLES", tc.samples)
		ft := &fakeT{}
		func() {
			defer func() { recover() }() // Fatalf and Skipf stop the goroutine in a real test
			Path(ft, "no-such-sample-"+filepath.Base(t.TempDir()))
		}()
		if ft.failed != tc.wantFail || ft.skipped == tc.wantFail {
			t.Errorf("DISCLOSE_TESTDB=%q DISCLOSE_SAMPLES=%q: failed %v skipped %v; want failed %v",
				tc.testdb, tc.samples, ft.failed, ft.skipped, tc.wantFail)
		}
	}
}

// TestSharedDir: ../shared is found beside the module root from a package
// directory (internal/samples, two levels down).
func TestSharedDir(t *testing.T) {
	dir, err := sharedDir()
	if err != nil {
		t.Fatal(err)
	}
	wd, _ := os.Getwd()
	if want := filepath.Join(wd, "..", "..", "..", "shared"); dir != filepath.Clean(want) {
		t.Errorf("sharedDir() = %s, want %s", dir, want)
	}
}

type fakeT struct {
	testing.TB
	failed, skipped bool
}

func (f *fakeT) Helper() {}
func (f *fakeT) Fatalf(string, ...any) {
	f.failed = true
	panic("fatal")
}
func (f *fakeT) Skipf(string, ...any) {
	f.skipped = true
	panic("skip")
}
