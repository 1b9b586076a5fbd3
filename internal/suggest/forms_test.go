package suggest

import "testing"

// Every form of a name, on the invented family of generalRecord: initials
// (with a hyphenated or apostrophe surname too), the family in the plural,
// family words that are not names, and a relative who shares a member of
// staff's given name.
func TestNameForms(t *testing.T) {
	runGeneral(t, []generalCase{
		{name: "initials in a note that uses initials",
			text:  "Home visit. GF and MV present; OT (SW) explained the plan. RF was at school.",
			cover: []string{"GF", "MV"}, keep: []string{"OT", "RF", "SW", "Home visit."}},
		{name: "one stray abbreviation is not a person",
			text: "Seen by the GF team about the form.", keep: []string{"GF team"}},
		{name: "family in the plural",
			text:  "Robin went to stay with the Ormes at the weekend.",
			cover: []string{"Ormes"}, keep: []string{"Robin went"}},
		{name: "a family word is not part of a name",
			text:  "Robin asked about Cousin Petra and Auntie Gail today.",
			cover: []string{"Petra", "Gail"}, keep: []string{"Robin asked about", "today."}},
		{name: "a relative sharing the social worker's given name",
			text:  "Robin spoke to his uncle Owen on the phone. Owen Tallis, Social Worker, wrote this note.",
			cover: []string{"uncle Owen"[6:]}, keep: []string{"Owen Tallis, Social Worker"}},
	})
}

func TestInitialsOf(t *testing.T) {
	for name, want := range map[string][]string{
		"Tara Rowe-West": {"TR-W", "TRW"},
		"Gus O'Dowd":     {"GO'D", "GO"},
		"Sean McAdam":    {"SMcA", "SM"},
		"Ann Lee":        {"AL"},
	} {
		got := initialsOf(name)
		for _, w := range want {
			found := false
			for _, g := range got {
				found = found || g == w
			}
			if !found {
				t.Errorf("initialsOf(%q) = %v, want %q among them", name, got, w)
			}
		}
	}
}

func TestShortFormOfOneWordRelative(t *testing.T) {
	runGeneral(t, []generalCase{
		{name: "a brother known by his given name alone, then by its short form",
			text:  "Robin's brother Nathaniel came too. Later Nate talked about football.",
			cover: []string{"Nathaniel", "Nate"}, keep: []string{"talked about football"}},
	})
}
