package pgcluster

import (
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
)

// FindBinDir returns the directory holding initdb and pg_ctl: dir if given,
// else $DISCLOSE_PG_BIN, else the highest version under /usr/lib/postgresql
// (Debian keeps server binaries off PATH), else the directory of initdb on PATH.
func FindBinDir(dir string) (string, error) {
	if dir == "" {
		dir = os.Getenv("DISCLOSE_PG_BIN")
	}
	if dir != "" {
		if hasServer(dir) {
			return dir, nil
		}
		return "", ErrNoServer
	}
	versions, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(versions, func(i, j int) bool { return majorOf(versions[i]) > majorOf(versions[j]) })
	for _, d := range versions {
		if hasServer(d) {
			return d, nil
		}
	}
	if p, err := exec.LookPath("initdb"); err == nil {
		if real, err := filepath.EvalSymlinks(p); err == nil {
			p = real
		}
		if d := filepath.Dir(p); hasServer(d) {
			return d, nil
		}
	}
	return "", ErrNoServer
}

func majorOf(binDir string) float64 {
	v, _ := strconv.ParseFloat(filepath.Base(filepath.Dir(binDir)), 64)
	return v
}

func hasServer(dir string) bool {
	for _, name := range []string{"initdb", "pg_ctl", "postgres"} {
		st, err := os.Stat(filepath.Join(dir, name))
		if err != nil || st.IsDir() || st.Mode().Perm()&0o111 == 0 {
			return false
		}
	}
	return true
}
