package suggest

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestAddressVariants(t *testing.T) {
	tests := []struct {
		addr string
		want []string
	}{
		{"Flat 2, Ty Melyn, 9 Heol Uchaf, Pentrefach, Someshire XY1 2AB",
			[]string{"Flat 2, Ty Melyn, 9 Heol Uchaf, Pentrefach, Someshire XY1 2AB", "Flat 2, Ty Melyn", "Ty Melyn", "9 Heol Uchaf"}},
		{"Nant Ddu, Lon Fach, Pentrefach, Someshire XY1 2AB",
			[]string{"Nant Ddu, Lon Fach, Pentrefach, Someshire XY1 2AB", "Nant Ddu", "Lon Fach", "Nant Ddu, Lon Fach"}},
		{"14 Example Road, Upper Town, Someshire XY9 8ZZ",
			[]string{"14 Example Road, Upper Town, Someshire XY9 8ZZ", "14 Example Road", "14 Example Road, Upper Town"}},
		{"", nil},
	}
	for _, tc := range tests {
		if diff := cmp.Diff(tc.want, addressVariants(mustRules(t).People, tc.addr)); diff != "" {
			t.Errorf("addressVariants(%q) (-want +got):\n%s", tc.addr, diff)
		}
	}
}
