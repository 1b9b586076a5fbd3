package bundle

import (
	"strings"
	"testing"
)

// A leak found many times says so: a string left wherever it appears is
// another fault from one left in one place.
func TestLeakErrorCountsPlaces(t *testing.T) {
	e := &LeakError{Leaks: []Leak{{DocNumber: 2, Code: "TP", Kind: "redaction", Where: "object 7", Places: 1600}, {DocNumber: 3, Code: "TP", Kind: "redaction", Where: "text of page 4", Places: 1}}}
	msg := e.Error()
	if !strings.Contains(msg, "document 2 TP redaction in object 7 (found 1600 times in all)") || strings.Contains(msg, "page 4 (found") {
		t.Errorf("LeakError = %q", msg)
	}
}
