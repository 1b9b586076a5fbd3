package suggest

import "testing"

func TestAgedNameLists(t *testing.T) {
	runGeneral(t, []generalCase{
		{name: "unlisted given names with ages", text: "Robin visited. Megan (14) and Brannoc (10) were at home too.",
			cover: []string{"Megan", "Brannoc"}, keep: []string{"Robin visited.", "were at home too"}},
		{name: "three names, commas and a surname", text: "Also present: Tamsa (9), Quillon Drabb (7) and Chloe (4), her siblings. Robin was quiet.",
			cover: []string{"Tamsa", "Quillon Drabb", "Chloe"}, keep: []string{"Robin was quiet."}},
		{name: "everyday words with numbers are no names", text: "Robin chose Rooms (4) and Beds (2) on the form.",
			keep: []string{"Rooms (4) and Beds (2)"}},
		{name: "no known given name in the list", text: "Robin saw Ysolde (14) and Brannoc (10) today.",
			keep: []string{"Ysolde (14) and Brannoc (10)"}},
		{name: "household counts", text: "Household: Children (3) and Adults (2). Robin lives there.",
			keep: []string{"Children (3) and Adults (2)"}},
		{name: "one unlisted name with an age stays", text: "Robin moved to Year (6) and Group (2) this term.",
			keep: []string{"Year (6)", "Group (2)"}},
	})
}
