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
	v := set.People
	if len(v.GivenNames) < 1000 || len(v.Everyday) < 500 || !v.Titles["mrs"] || !v.Determiners["the"] ||
		!v.Function["however"] || !v.NotName["road"] || !v.Everyday["road"] || len(v.Courtesy) == 0 {
		t.Errorf("shipped name lists not compiled: %d given names, %d everyday words, titles %v, courtesy %v",
			len(v.GivenNames), len(v.Everyday), v.Titles, v.Courtesy)
	}
}

// A list may be a data file beside the pack, one entry a line; a missing,
// empty or outside file is an error on the list's line.
func TestListFiles(t *testing.T) {
	pack := okCodes + "lists:\n  given-names: {file: names.txt}\n"
	set, err := Load(fstest.MapFS{"p.yaml": {Data: []byte(pack)},
		"names.txt": {Data: []byte("# a comment\nAda\n\n  Zorvan  \nMary Jane\n")}})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(set.Lists["given-names"], "|"); got != "Ada|Zorvan|Mary Jane" {
		t.Errorf("list from file = %q, want one entry a line without comments and blanks", got)
	}
	for _, tt := range []struct {
		name, list string
		files      fstest.MapFS
		want       string
	}{
		{"missing file", "{file: gone.txt}", nil, `p.yaml:8: list "given-names": cannot read its file gone.txt`},
		{"empty file", "{file: e.txt}", fstest.MapFS{"e.txt": {Data: []byte("# only a comment\n")}}, `list "given-names": its file e.txt has no entries`},
		{"file elsewhere", "{file: ../x.txt}", nil, `list "given-names": file: want the name of a data file beside the pack`},
		{"not text", "{file: b.txt}", fstest.MapFS{"b.txt": {Data: []byte{0xff, 0xfe, 'A'}}}, `its file b.txt is not UTF-8 text`},
		{"unknown key", "{path: x.txt}", nil, `list "given-names": want a list of entries or {file: name.txt}`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			fs := fstest.MapFS{"p.yaml": {Data: []byte(okCodes + "lists:\n  given-names: " + tt.list + "\n")}}
			for k, v := range tt.files {
				fs[k] = v
			}
			_, err := Load(fs)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Load() error = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

// HeadBefore: a capitalised organisation head one space or one wrapped
// line before the word; not lower case, not after a blank line or a wide
// gap, not another word.
func TestHeadBefore(t *testing.T) {
	p := &People{OrgHeads: map[string]bool{"ysgol": true, "àrd-sgoil": true}}
	for _, tc := range []struct {
		text string
		want bool
	}{
		{"at Ysgol Tansy Goch", true},
		{"at Ysgol\nTansy Goch", true},
		{"at Ysgol\r\nTansy Goch", true},
		{"at Àrd-sgoil Tansy", true},
		{"the ysgol Tansy liked", false},
		{"Ysgol\n\nTansy rang", false},
		{"Ysgol    Tansy", false},
		{"Ysgol, Tansy rang", false},
		{"School Tansy", false},
	} {
		at := strings.Index(tc.text, "Tansy")
		if got := p.HeadBefore(tc.text, at); got != tc.want {
			t.Errorf("HeadBefore(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
	if (*People)(nil).HeadBefore("Ysgol Tansy", 6) {
		t.Error("nil vocabulary found a head")
	}
}
