// Package testproc runs a test binary again as a child process, for tests
// that must kill a process outright (SIGKILL) and see what it leaves: a
// job still marked running, a database server still up.
//
// The child is the same binary with an environment variable set; the
// package's TestMain sees it and runs the child's part instead of the tests:
//
//	func TestMain(m *testing.M) {
//		if v := os.Getenv("X_CHILD"); v != "" {
//			os.Exit(child(v)) // prints a line when ready, then waits to be killed
//		}
//		os.Exit(m.Run())
//	}
package testproc

import (
	"bufio"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// Start runs the test binary with env set (KEY=value) and waits until the
// child prints a line starting with ready. The child is killed when t ends.
func Start(t *testing.T, env, ready string, timeout time.Duration) *exec.Cmd {
	t.Helper()
	child := exec.Command(os.Args[0], "-test.run=^$")
	child.Env = append(os.Environ(), env)
	child.Stderr = os.Stderr
	out, err := child.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { child.Process.Kill(); child.Wait() })
	got := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(out).ReadString('\n')
		got <- line
	}()
	select {
	case line := <-got:
		if !strings.HasPrefix(line, ready) {
			t.Fatalf("child process ended without saying %q", ready)
		}
	case <-time.After(timeout):
		t.Fatalf("child process did not say %q within %s", ready, timeout)
	}
	return child
}

// Kill kills the child with SIGKILL, as a power cut or kill -9 would, and
// waits for it to end.
func Kill(t *testing.T, child *exec.Cmd) {
	t.Helper()
	if err := child.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	child.Wait()
}
