package extract

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// Outside programs (msgconvert, readpst) read the formats that have a
// maintained reader only outside Go. Each runs as a process of its own,
// bounded like the LibreOffice converters: at most Options.Converters at
// once, a time limit after which its whole process group is killed, and a
// cap on what it may print.

// lookTool finds a program on PATH, or says which Debian package brings it.
func lookTool(name, pkg string) (string, error) {
	bin, err := exec.LookPath(name)
	if err != nil {
		return "", fmt.Errorf("%s is not installed (Debian: %s)", name, pkg)
	}
	return bin, nil
}

// toolInput finds the program name (from the Debian package pkg) and
// writes data as the file `in` of a new working directory, which cleanup
// removes. Errors are *Error values naming rel: what is missing, or why
// the file could not be set down.
func toolInput(rel, part, name, pkg, what, in string, data []byte) (bin, work string, cleanup func(), err error) {
	bin, err = lookTool(name, pkg)
	if err != nil {
		return "", "", nil, fileError(rel, ErrUnsupported, "%s%s are read through %s: %v", partPrefix(part), what, name, err)
	}
	work, err = os.MkdirTemp("", "disclose-"+name+"-")
	if err != nil {
		return "", "", nil, fileError(rel, ErrCorrupt, "%sa working folder for %s: %v", partPrefix(part), name, err)
	}
	cleanup = func() { os.RemoveAll(work) }
	if err := os.WriteFile(filepath.Join(work, in), data, 0o600); err != nil {
		cleanup()
		return "", "", nil, fileError(rel, ErrCorrupt, "%sa working file for %s: %v", partPrefix(part), name, err)
	}
	return bin, work, cleanup, nil
}

// toolRun is one run of an outside program in the directory dir.
type toolRun struct {
	bin     string
	args    []string
	dir     string
	timeout time.Duration
	maxOut  int64 // bytes of standard output kept; more stops the program
}

// errToolOutput is returned when a program prints more than maxOut.
var errToolOutput = fmt.Errorf("printed more than the limit")

// runTool runs r within x's bound on outside programs and returns its
// standard output. Errors carry the program's first line of complaint,
// which names files, never their content.
func (x *Extractor) runTool(ctx context.Context, r toolRun) ([]byte, error) {
	select {
	case x.tools <- struct{}{}:
		defer func() { <-x.tools }()
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	ctx, cancel := context.WithTimeout(ctx, r.timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, r.bin, r.args...)
	cmd.Dir = r.dir
	cmd.Env = append(os.Environ(), "HOME="+r.dir, "LC_ALL=C.UTF-8")
	out := &cappedBuffer{max: r.maxOut, over: cancel}
	var stderr bytes.Buffer
	cmd.Stdout = out
	cmd.Stderr = &limitedBuffer{buf: &stderr, max: 4096}
	killGroupOnCancel(cmd)
	cmd.WaitDelay = 5 * time.Second
	err := cmd.Run()
	switch {
	case out.exceeded:
		return nil, errToolOutput
	case ctx.Err() == context.DeadlineExceeded:
		return nil, fmt.Errorf("took longer than %v; stopped", r.timeout)
	case ctx.Err() != nil:
		return nil, ctx.Err()
	case err != nil:
		if line := firstLine(strings.TrimSpace(stderr.String())); line != "" {
			return nil, fmt.Errorf("%v: %s", err, clip(line, 200))
		}
		return nil, err
	}
	return out.buf.Bytes(), nil
}

// cappedBuffer keeps standard output up to max bytes; past that it calls
// over (which kills the program) and refuses the rest.
type cappedBuffer struct {
	buf      bytes.Buffer
	max      int64
	over     func()
	exceeded bool
}

func (b *cappedBuffer) Write(p []byte) (int, error) {
	if int64(b.buf.Len()+len(p)) > b.max {
		b.exceeded = true
		b.over()
		return 0, errToolOutput
	}
	return b.buf.Write(p)
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return strings.ToValidUTF8(s[:n], "") + "…"
}
