package postgres

import (
	_ "embed"
	"strings"
	"sync"

	"github.com/disclose-sar/disclose/internal/workflow"
)

// MinPasswordLength is the shortest password a user may choose (NCSC
// guidance: length and a deny-list of common passwords, not composition
// rules).
const MinPasswordLength = 12

// commonPasswords is the 10,000 most common passwords, lower-cased: the
// head of the list in @zxcvbn-ts/language-common 4.1.3 (MIT licence,
// Copyright (c) 2012-2016 Dan Wheeler and Dropbox, Inc.; 2021 @zxcvbn-ts),
// itself drawn from Xato's corpus of leaked passwords.
//
//go:embed common-passwords.txt
var commonPasswords string

var (
	commonOnce sync.Once
	commonSet  map[string]bool
)

// CheckNewPassword says why pw may not be chosen, or returns nil: too short,
// on the common-password list (also with digits or symbols added at its
// end, "qwertyuiop123!"), or one character repeated. The message is safe to
// show; it never repeats the password.
func CheckNewPassword(pw string) error {
	if len([]rune(pw)) < MinPasswordLength {
		return workflow.Errorf(workflow.ErrInvalid, "a password needs at least %d characters", MinPasswordLength)
	}
	commonOnce.Do(func() {
		commonSet = make(map[string]bool, 10000)
		for _, l := range strings.Split(commonPasswords, "\n") {
			if l = strings.TrimSpace(l); l != "" {
				commonSet[l] = true
			}
		}
	})
	low := strings.ToLower(pw)
	stem := strings.TrimRightFunc(low, func(r rune) bool { return r < 'a' || r > 'z' })
	if commonSet[low] || (len(stem) >= 4 && commonSet[stem]) || strings.Count(low, low[:1]) == len(low) {
		return workflow.Errorf(workflow.ErrInvalid, "that password is on the list of commonly used passwords; choose another (a few unrelated words make a good one)")
	}
	return nil
}
