package rules

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"
)

const okCodes = `pack: codes
codes:
  - code: TP
    title: Other people
    law: "DPA 2018 Sch 2 Pt 3 para 16"
    plain: About someone else.
`

func rulePack(body string) string {
	return "pack: test\nrules:\n" + body
}

const goodRule = `  - id: r1
    category: third_party_contact
    code: TP
    action: redact
    explanation: A phone number.
    detector:
      kind: regex
      pattern: '\b07\d{3} \d{6}\b'
    examples:
      should_match: ["07700 900123"]
      should_not_match: ["01632 960123"]
`

func TestLoadBrokenPacks(t *testing.T) {
	tests := []struct {
		name string
		pack string
		want string // file:line and a fragment of the message
	}{
		{"unknown key", rulePack(strings.Replace(goodRule, "    category:", "    categroy: x\n    category:", 1)), `p.yaml:4: rule: unknown key "categroy"`},
		{"bad regex", rulePack(strings.Replace(goodRule, `'\b07\d{3} \d{6}\b'`, `'(07'`, 1)), "p.yaml:10: rule \"r1\": bad pattern"},
		{"missing field", rulePack(strings.Replace(goodRule, "    explanation: A phone number.\n", "", 1)), `p.yaml:3: rule "r1": missing "explanation"`},
		{"unknown action", rulePack(strings.Replace(goodRule, "action: redact", "action: delete", 1)), `p.yaml:6: rule "r1": unknown action "delete"`},
		{"unknown code", rulePack(strings.Replace(goodRule, "code: TP", "code: ZZ", 1)), `p.yaml:3: rule "r1": unknown code "ZZ"`},
		{"unknown kind", rulePack(strings.Replace(goodRule, "kind: regex", "kind: magic", 1)), `p.yaml:9: rule "r1": unknown detector kind "magic"`},
		{"unknown validator", rulePack(strings.Replace(goodRule, "      pattern:", "      validator: luhn9\n      pattern:", 1)), `p.yaml:10: rule "r1": unknown validator "luhn9"`},
		{"example fails", rulePack(strings.Replace(goodRule, `["07700 900123"]`, `["0770 900123"]`, 1)), `p.yaml:12: rule "r1": example "0770 900123" should match but does not`},
		{"example wrongly matches", rulePack(strings.Replace(goodRule, `["01632 960123"]`, `["07700 900999"]`, 1)), `p.yaml:12: rule "r1": example "07700 900999" should not match but does`},
		{"duplicate id in pack", rulePack(goodRule + goodRule), `p.yaml:14: rule id "r1" already used at p.yaml:3`},
		{"bad yaml", "pack: x\nrules:\n  - id: [\n", "p.yaml:3: not valid YAML"},
		{"missing examples", rulePack(goodRule[:strings.Index(goodRule, "    examples:")]), `p.yaml:3: rule "r1": missing "examples"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{
				"codes.yaml": {Data: []byte(okCodes)},
				"p.yaml":     {Data: []byte(tt.pack)},
			}
			_, err := Load(fsys)
			if err == nil {
				t.Fatalf("Load() = nil error, want %q", tt.want)
			}
			var es Errors
			if !errors.As(err, &es) {
				t.Fatalf("Load() error %T %v, want Errors", err, err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Load() error =\n%v\nwant it to contain %q", err, tt.want)
			}
		})
	}
}

func TestLoadDuplicateAcrossPacks(t *testing.T) {
	fsys := fstest.MapFS{
		"codes.yaml": {Data: []byte(okCodes)},
		"a.yaml":     {Data: []byte(rulePack(goodRule))},
		"b.yaml":     {Data: []byte(rulePack(goodRule))},
	}
	_, err := Load(fsys)
	if err == nil || !strings.Contains(err.Error(), `b.yaml:3: rule id "r1" already used at a.yaml:3`) {
		t.Errorf("Load() error = %v, want a duplicate id naming both files", err)
	}
}

func TestLoadGood(t *testing.T) {
	fsys := fstest.MapFS{"codes.yaml": {Data: []byte(okCodes)}, "p.yaml": {Data: []byte(rulePack(goodRule))}}
	set, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	r := set.Rule("r1")
	if r == nil || r.File != "p.yaml" || r.Line != 3 || r.Scope != ScopeMatch {
		t.Fatalf("Rule(r1) = %+v", r)
	}
	got := r.Detector.Find("call 07700 900123 or 07700 900456.")
	if len(got) != 2 || got[0] != (Span{5, 17}) {
		t.Errorf("Find() = %v", got)
	}
}

func TestValidators(t *testing.T) {
	tests := []struct {
		name string
		fn   func(string) bool
		in   string
		want bool
	}{
		{"nhs ok", NHSNumberValid, "943 476 5919", true},
		{"nhs bad check", NHSNumberValid, "943 476 5918", false},
		{"nhs short", NHSNumberValid, "943 476 591", false},
		{"ni ok", NINumberValid, "AB 12 34 56 C", true},
		{"ni bad first", NINumberValid, "DA123456A", false},
		{"ni bad second O", NINumberValid, "AO123456A", false},
		{"ni GB", NINumberValid, "GB123456A", false},
		{"ni bad suffix", NINumberValid, "AB123456E", false},
		{"ni QQ example prefix", NINumberValid, "QQ 12 34 56 C", true},
		{"ni QA still bad", NINumberValid, "QA123456C", false},
		{"phone mobile", UKPhoneValid, "07700 900123", true},
		{"phone +44", UKPhoneValid, "+44 (0)7700 900123", true},
		{"phone short", UKPhoneValid, "0770 900", false},
	}
	for _, tt := range tests {
		if got := tt.fn(tt.in); got != tt.want {
			t.Errorf("%s(%q) = %v, want %v", tt.name, tt.in, got, tt.want)
		}
	}
}

func TestLoadDirMissing(t *testing.T) {
	if _, err := LoadDir("/nonexistent/rules"); err == nil {
		t.Error("LoadDir(missing) = nil error")
	}
}

func TestAddressStopsAtNextLine(t *testing.T) {
	set, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	d := set.Rule("id-address-line").Detector
	text := "Location 14 Example Road, Someville\nVictim Jo Smith\n"
	got := d.Find(text)
	if len(got) != 1 || text[got[0].Start:got[0].End] != "14 Example Road, Someville" {
		t.Errorf("Find(%q) = %v", text, got)
	}
	text = "Ms J Smith\n14 Example Road\nSomeville\nAB1 2DE\n\nDear Ms Smith"
	got = d.Find(text)
	if len(got) != 1 || text[got[0].Start:got[0].End] != "14 Example Road\nSomeville\nAB1 2DE" {
		t.Errorf("Find(%q) = %v", text, got)
	}
}

func TestFindNearSameAsFind(t *testing.T) {
	set, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for i := 0; b.Len() < 20000; i++ {
		b.WriteString("The visit went well and nobody was worried about anything at all today. ")
		if i%7 == 0 {
			b.WriteString("Jo lives at 12 Acacia Avenue, Southby NT3 4RD and her number is 07700 900123, email jo@example.com. ")
		}
		if i%5 == 0 {
			// Street words with no number, a plate and a reference
			// beside their context words, and far from them.
			b.WriteString("The Court met at the Hall on the High Street by Castle View. ")
			b.WriteString("Her car, registration AB12 CDE, was seen; police log number 4471/19 was given. AB12 CDE and log 4471/19 again. ")
			b.WriteString("Seen on 12/03/2019 at 14:30; NHS number 943 476 5919; NI QQ 12 34 56 C. ")
		}
	}
	text := b.String()
	for _, r := range set.Rules {
		if r.Detector.Needs == "" {
			continue
		}
		want, got := r.Detector.Find(text), r.Detector.FindNear(text, 160)
		if len(want) != len(got) {
			t.Errorf("%s: FindNear found %d, Find %d", r.ID, len(got), len(want))
			continue
		}
		for i := range want {
			if want[i] != got[i] {
				t.Errorf("%s: match %d: FindNear %v, Find %v", r.ID, i, got[i], want[i])
			}
		}
	}
}

func TestLists(t *testing.T) {
	fsys := fstest.MapFS{
		"a.yaml": {Data: []byte("pack: a\nlists:\n  colours: [red, green]\n")},
		"b.yaml": {Data: []byte("pack: b\nlists:\n  colours: [blue]\n  empty: []\n")},
	}
	_, err := Load(fsys)
	if err == nil || !strings.Contains(err.Error(), `list "colours" already defined at a.yaml`) || !strings.Contains(err.Error(), `list "empty" has no entries`) {
		t.Errorf("Load with a repeated and an empty list: err = %v", err)
	}
	set, err := Load(fstest.MapFS{"a.yaml": {Data: []byte("pack: a\nlists:\n  colours: [red, green]\n")}})
	if err != nil || len(set.List("colours")) != 2 || set.List("missing") != nil {
		t.Errorf("List = %v, %v", set.List("colours"), err)
	}
}
