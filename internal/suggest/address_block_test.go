package suggest

import "testing"

// Every address here is invented.
func TestLetterAddressBlocks(t *testing.T) {
	runGeneral(t, []generalCase{
		{name: "titled addressee", text: "Mrs D Quennell\nBryn Awel\nPentrefach\nAB5 1AB\n\nDear Mrs Quennell,\nRobin is doing well.",
			cover: []string{"Mrs D Quennell\nBryn Awel\nPentrefach\nAB5 1AB"}, keep: []string{"Robin is doing well."}},
		{name: "known third party, house name only", text: "Gail Fell\nThe Old Forge\nUpper Stow\nNorthshire\nAB7 2DE\n\nDear Gail,\nRobin asked about you.",
			cover: []string{"Gail Fell\nThe Old Forge\nUpper Stow\nNorthshire\nAB7 2DE"}, keep: []string{"Robin asked about you."}},
		{name: "requester's own address stays", text: "Robin Fell\nThe Old Forge\nUpper Stow\nAB7 2DE\n\nDear Robin,\nHere is your file.",
			keep: []string{"The Old Forge\nUpper Stow"}},
		{name: "council letterhead stays", text: "Mr A Pennyworth\nChildren's Services\nCivic Centre\nNorthtown\nNT1 1AA\n\nDear Gail,",
			keep: []string{"Children's Services\nCivic Centre\nNorthtown"}},
		{name: "staff name stays", text: "Mr Owen Tallis\nThe Old Forge\nUpper Stow\nAB7 2DE\n\nDear Owen,",
			keep: []string{"The Old Forge\nUpper Stow"}},
		{name: "no name line", text: "Visit notes\nThe weather was fine\nRobin went out\nAB7 2DE",
			keep: []string{"The weather was fine\nRobin went out"}},
	})
}
