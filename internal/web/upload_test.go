package web

import "testing"

// TestUploadMessage: the flash after an upload counts only files it
// stored, says how many were already there, and promises no reading.
func TestUploadMessage(t *testing.T) {
	for _, tc := range []struct {
		stored, sent int
		want         string
	}{
		{3, 3, "3 new files uploaded to Box 7; ingestion has started. A file that cannot be read will be listed under “Files not read” with the reason."},
		{1, 2, "1 new file uploaded to Box 7 (1 file was already there); ingestion has started. A file that cannot be read will be listed under “Files not read” with the reason."},
		{0, 3, "0 new files uploaded to Box 7 (3 files were already there)."},
	} {
		if got := uploadMessage(tc.stored, tc.sent, "Box 7"); got != tc.want {
			t.Errorf("uploadMessage(%d, %d) = %q, want %q", tc.stored, tc.sent, got, tc.want)
		}
	}
}
