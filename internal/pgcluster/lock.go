package pgcluster

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// The owner lock: the process running a cluster holds an exclusive flock
// on <dir>/disclose.lock for as long as it runs it. The kernel drops the
// lock when that process ends, however it ends (kill -9 too), while the
// server it started runs on — Go opens files close-on-exec, so the server
// never inherits the lock. So a server found running in a directory whose
// lock is free is an orphan, and one whose lock is held belongs to a live
// process that must not be disturbed.

const lockName = "disclose.lock"

// takeLock takes the owner lock or says which process holds it.
func (c *Cluster) takeLock() error {
	f, err := os.OpenFile(filepath.Join(c.dir, lockName), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return fmt.Errorf("pgcluster: lock: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		b, _ := os.ReadFile(f.Name())
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return fmt.Errorf("pgcluster: the cluster in %s is in use by another running process (pid %s); stop that first, or connect to it",
				c.dir, strings.TrimSpace(string(b)))
		}
		return fmt.Errorf("pgcluster: lock: %w", err)
	}
	f.Truncate(0)
	f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	c.lock = f
	return nil
}

func (c *Cluster) unlock() {
	if c.lock != nil {
		c.lock.Close() // releases the flock
		c.lock = nil
	}
}

// stopOrphan stops a server of this directory left running by an owner
// that died (we hold the owner lock, so nobody else runs it): with fast
// shutdown, or immediate if that does not finish. It records its pid.
func (c *Cluster) stopOrphan(ctx context.Context) error {
	pid := postmasterPID(c.dataDir())
	if pid == 0 {
		return nil
	}
	// pg_ctl status checks that the pid in postmaster.pid is alive; a stale
	// file left by a crash is the server's own business at start.
	if _, err := c.run(ctx, "pg_ctl", "status", "-D", c.dataDir()); err != nil {
		return nil
	}
	c.Orphan = pid
	stopCtx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if _, err := c.run(stopCtx, "pg_ctl", "stop", "-w", "-t", "20", "-m", "fast", "-D", c.dataDir()); err == nil {
		return nil
	}
	if _, err := c.run(ctx, "pg_ctl", "stop", "-w", "-t", "20", "-m", "immediate", "-D", c.dataDir()); err != nil {
		return fmt.Errorf("pgcluster: stop the orphaned server (pid %d) of %s: %w", pid, c.dir, err)
	}
	return nil
}

// postmasterPID is the pid in dataDir's postmaster.pid, or 0.
func postmasterPID(dataDir string) int {
	b, err := os.ReadFile(filepath.Join(dataDir, "postmaster.pid"))
	if err != nil {
		return 0
	}
	line, _, _ := strings.Cut(string(b), "\n")
	pid, _ := strconv.Atoi(strings.TrimSpace(line))
	return pid
}
