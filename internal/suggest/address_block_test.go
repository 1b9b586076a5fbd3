package suggest

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/disclose-sar/disclose/internal/rules"
	redactionrules "github.com/disclose-sar/disclose/redaction-rules"
)

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

// A council that renames the address rule in its own pack keeps letters'
// address blocks: detectors find their rule by its declared role, not its id.
func TestAddressBlocksFollowTheRoleNotTheID(t *testing.T) {
	fsys := fstest.MapFS{}
	entries, err := fs.ReadDir(redactionrules.FS, ".")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := fs.ReadFile(redactionrules.FS, e.Name())
		if err != nil {
			t.Fatal(err)
		}
		fsys[e.Name()] = &fstest.MapFile{Data: []byte(strings.ReplaceAll(string(b), "id-address-line", "westshire-address"))}
	}
	set, err := rules.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	text := "Mrs D Quennell\nBryn Awel\nPentrefach\nAB5 1AB\n\nDear Mrs Quennell,\nRobin is doing well."
	res, err := Suggest(generalRecord(doc("a1", text)), set, Options{})
	if err != nil {
		t.Fatal(err)
	}
	block := "Mrs D Quennell\nBryn Awel\nPentrefach\nAB5 1AB"
	for _, s := range res.Suggestions {
		if s.Start == 0 && s.End >= len(block) {
			return
		}
	}
	t.Errorf("renamed address rule: the address block is no longer suggested")
}
