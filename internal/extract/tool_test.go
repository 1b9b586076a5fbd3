package extract

import (
	"os"
	"os/exec"
	"testing"
)

// needTool returns the path of an outside program. Without it the test is
// skipped, or fails where CI requires every tool (DISCLOSE_TESTDB=required).
func needTool(t testing.TB, name, pkg string) string {
	t.Helper()
	bin, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("DISCLOSE_TESTDB") == "required" {
			t.Fatalf("%s is not installed; DISCLOSE_TESTDB=required (Debian: %s)", name, pkg)
		}
		t.Skipf("%s not installed (Debian: %s)", name, pkg)
	}
	return bin
}
