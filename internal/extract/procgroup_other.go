//go:build !unix

package extract

import "os/exec"

// killGroupOnCancel leaves exec's default, killing the process itself.
func killGroupOnCancel(cmd *exec.Cmd) {}
