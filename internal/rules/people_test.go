package rules

import (
	"strings"
	"testing"
	"testing/fstest"
)

// A person rule without its vocabulary, or a family word with no known
// label, is an error naming the list.
func TestPeopleListErrors(t *testing.T) {
	person := "rules:\n  - id: p\n    category: c\n    code: TP\n    action: redact\n    explanation: e\n    detector:\n      kind: person\n"
	tests := []struct{ name, pack, want string }{
		{"person rule with no lists", okCodes + person, `rule "p": the person detector needs the list "job-titles-council"`},
		{"family word with an unknown label", okCodes + "lists:\n  family-words: [\"godmother: Godparent\"]\n", `list "family-words": "godmother: Godparent" is not "word: Label"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(fstest.MapFS{"p.yaml": {Data: []byte(tt.pack)}})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Load() error = %v, want it to contain %q", err, tt.want)
			}
		})
	}
	set, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if set.People.Family["mum"] != "Mother" || !set.People.Mailbox["duty"] || len(set.People.NicknameCues) == 0 {
		t.Errorf("shipped people words not compiled: %+v", set.People)
	}
}
