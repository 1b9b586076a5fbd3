package suggest

import (
	"strings"
	"testing"

	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/rules"
)

// Every form of a name, on the invented family of generalRecord: initials
// (with a hyphenated or apostrophe surname too), the family in the plural,
// family words that are not names, and a relative who shares a member of
// staff's given name.
func TestNameForms(t *testing.T) {
	runGeneral(t, []generalCase{
		{name: "initials in a note that uses initials",
			text:  "Home visit. GF and MV present; OT (SW) explained the plan. RF was at school.",
			cover: []string{"GF", "MV"}, keep: []string{"OT", "RF", "SW", "Home visit."}},
		{name: "a word in capitals where a person stands is no initials",
			text: "Gail Fell is at a refuge. THIS ADDRESS MUST NOT BE SHARED WITH THE FAMILY. The plan is agreed. The review is in May.",
			keep: []string{"The plan is agreed.", "The review is in May."}},
		{name: "initials written with stops may spell an everyday word",
			text:  "Home visit. GF and MV present. A.S. was returned by police at 2am. Robin was at school.",
			cover: []string{"A.S."}, keep: []string{"Robin was at school."}},
		{name: "initials match only in capitals",
			text:  "Home visit. GF and MV present; Robin was at school. Gf was a typo. MV said the visit went well.",
			cover: []string{"GF", "MV said"[:2]}, keep: []string{"Gf was a typo"}},
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

// A name that no list knows, introduced as a note introduces someone it
// names once: after a comma, by a family word that ends its phrase; and a
// double given name joined by a hyphen, each half a given name.
func TestNamesIntroduced(t *testing.T) {
	runGeneral(t, []generalCase{
		{name: "a name in apposition to someone else's son",
			text:  "Robin said she likes Abe, the Quarleys' grown-up son, because he lets her walk his dog.",
			cover: []string{"Abe"}, keep: []string{"Robin said she likes", "walk his dog"}},
		{name: "a name in apposition to a family word",
			text:  "Robin met Abe Quarley, her cousin. On Monday, her brother came to the review.",
			cover: []string{"Abe Quarley"}, keep: []string{"Robin met", "On Monday, her brother came"}},
		{name: "a double given name after a comma",
			text:  "At the visit Marcus told Robin he has a new girlfriend, Kelly-Ann. Robin liked the cake.",
			cover: []string{"Kelly-Ann"}, keep: []string{"Robin liked the cake."}},
		{name: "a double given name alone",
			text:  "Kelly-Ann rang the office about Robin's keys.",
			cover: []string{"Kelly-Ann"}, keep: []string{"the office"}},
	})
}

// A friend the requester's own informal messages name only in lower case:
// where a person stands, or with a possessive, a given name that is no
// everyday word is a person, and matched in lower case wherever it is
// written.
func TestLowerCaseNames(t *testing.T) {
	runGeneral(t, []generalCase{
		{name: "a friend named only in lower case",
			text:  "hiya owen, can i see my file. kezia said she got hers from her council. kezia's due in june lol. i'm ok.",
			cover: []string{"kezia", "kezia's"}, keep: []string{"hiya owen", "can i see my file"}},
		{name: "a word that is a given name, where no person stands",
			text: "hiya owen, i'm skint. i'll max out my card lol", keep: []string{"max out"}},
		{name: "formal writing: lower case is no name",
			text: "Robin went to the park with kezia and Owen Tallis.", keep: []string{"with kezia and"}},
	})
}

// TestNameAtPossessive: a word that is never part of a name is not one in
// the possessive either ("CHILDREN'S GUARDIAN" on a report's title line,
// then its agency: no person "Children Guardian"); a name in the
// possessive is still a name.
func TestNameAtPossessive(t *testing.T) {
	r := newRegister(&record.Record{})
	r.setWords(mustRules(t).People)
	for text, want := range map[string]int{
		"CHILDREN'S GUARDIAN": 0, "Children's Guardian": 0, "Petra Orme's": 2, "Mum's Friend": 0,
	} {
		if got := r.nameAt(text, tokenize(text), 0, 3); got != want {
			t.Errorf("nameAt(%q) = %d words, want %d", text, got, want)
		}
	}
}

func TestInitialsOf(t *testing.T) {
	for name, want := range map[string][]string{
		"Nia Pryce-Vaughan": {"NP-V", "NPV"},
		"Gus O'Dowd":        {"GO'D", "GOD", "GO"},
		"Kieran McAllister": {"KMcA", "KM"},
		"Ann Lee":           {"AL"},
		"Mary-Beth Lee":     {"M-B", "MBL"},
	} {
		r := newRegister(&record.Record{})
		r.setWords(mustRules(t).People)
		got := r.initialsOf(name)
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
			text:  "Robin's brother Nathaniel came too. Later Nate talked about football with Robin.",
			cover: []string{"Nathaniel", "Nate"}, keep: []string{"talked about football"}},
	})
}

// A short form the record attests — by the person's own e-mail address, or
// as the name they are known by — is one of their names: matched in lower
// case in informal text, and with their surname in initials; a form that is
// also a month's short form is still no name inside a date.
func TestAttestedShortForms(t *testing.T) {
	rec := func(d record.Document) *record.Record {
		r := generalRecord(d)
		r.Persons = append(r.Persons,
			record.Person{Name: "Augustine Pell", Role: "other", Email: "aug.pell77@example.org"},
			record.Person{Name: "Bartholomew Quade", Role: "relative", Relationship: "uncle; carer 2014-2016 (known as Tolly)"})
		return r
	}
	cases := []struct {
		name        string
		text        string
		cover, keep []string
	}{
		{"short form from the address, in lower case", "me and aug split up in the spring and he keeps texting\nlove aug",
			[]string{"me and aug"[7:], "love aug"[5:]}, []string{"split up in the spring"}},
		{"not inside a date", "Reviewed on 3 Aug 2019 by the panel.", nil, []string{"3 Aug 2019"}},
		{"initials of the name they go by", "GF and TQ attended; GF said TQ is unwell. OT chaired.",
			[]string{"TQ"}, []string{"OT chaired"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d := doc("f1", tc.text)
			if strings.HasPrefix(tc.name, "short form from the address") {
				// the requester's own e-mail: their story of the break-up stays
				d = emailDoc("Robin Fell <robin.fell@example.org>", "Owen Tallis <owen.tallis@northtown.example>", tc.text)
			}
			res, err := Suggest(rec(d), mustRules(t), Options{})
			if err != nil {
				t.Fatal(err)
			}
			checkCoverKeep(t, d.Text, res, tc.cover, tc.keep, true)
		})
	}
}

// A name that is also a word, in lower case after an article, is the word;
// a member of staff's own work number in a letter they signed, or given
// as theirs just after their name, stays; a relative's number does not.
func TestLowerCaseWordAndStaffNumber(t *testing.T) {
	rec := func(d record.Document) *record.Record {
		r := generalRecord(d)
		r.Persons = append(r.Persons, record.Person{Name: "Misty Quade", Role: "relative", Relationship: "aunt"})
		return r
	}
	cases := []struct {
		name        string
		text        string
		cover, keep []string
	}{
		{"a word after an article", "misty was there and Robin walked along the misty shore to the beach",
			[]string{"misty"}, []string{"the misty shore to the beach"}},
		{"staff work number", "Northtown Council, Leaving Care Team\n\nDear Housing,\nPlease contact me on 01632 960123 if the grant is delayed. Gail can be reached on 07700 900456.\n\nOwen Tallis\nSocial Worker",
			[]string{"07700 900456"}, []string{"01632 960123"}},
		{"a named worker's number, given as theirs", "Northtown Council\n\nDear Robin\n\nYour personal adviser is Owen Tallis and you can ring him on 07700 900321. Your mum can be reached on 07700 900654.\n\nBest wishes",
			[]string{"07700 900654"}, []string{"07700 900321"}},
		{"a relative between the worker and the number", "Owen Tallis gave Robin her mum's number, 07700 900655, and Owen Tallis said to ring Gail on 07700 900656.",
			[]string{"07700 900655", "07700 900656"}, nil},
		{"a relative's own number", "Dear Owen,\nPlease contact me on 01632 960777 about the visit.\n\nGail Fell",
			[]string{"01632 960777"}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d := doc("w1", tc.text)
			res, err := Suggest(rec(d), mustRules(t), Options{})
			if err != nil {
				t.Fatal(err)
			}
			checkCoverKeep(t, d.Text, res, tc.cover, tc.keep, false)
		})
	}
}

// TestPeopleWordsAreData: the person detector's vocabulary comes from the
// packs, so a council's list changes what is found — here a relationship
// word the shipped list lacks.
func TestPeopleWordsAreData(t *testing.T) {
	d := doc("p1", "Robin stayed with her godmother Nell Birk over the summer.")
	find := func(set *rules.Set) bool {
		res, err := Suggest(generalRecord(d), set, Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range res.Suggestions {
			if s.Text == "Nell Birk" && strings.HasPrefix(s.PersonLabel, "Relative") {
				return true
			}
		}
		return false
	}
	set := mustRules(t)
	if find(set) {
		t.Fatal("an invented relationship word was known before the pack had it")
	}
	set.People.Family["godmother"] = "Relative"
	defer delete(set.People.Family, "godmother")
	if !find(set) {
		t.Fatal("a relationship word added to family-words was not used")
	}
}

// A name written without its diacritics or in capitals is the same person;
// a prefix of a given name that the record writes as a name is a short form
// of it (a flag: a guess).
func TestFoldedNamesAndUsedPrefixes(t *testing.T) {
	text := "ZOFIA ŁASKA signed. Later Zofia Laska rang about the visit. Robin and Bart played football."
	d := doc("d1", text)
	rec := generalRecord(d)
	rec.Persons = append(rec.Persons,
		record.Person{Name: "Zofia Łaska", Role: "parent", Relationship: "mother"},
		record.Person{Name: "Bartholomew Łaska", Role: "sibling", Relationship: "brother"})
	res, err := Suggest(rec, mustRules(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"ZOFIA ŁASKA": "Mother", "Zofia Laska": "Mother", "Bart": "Sibling"}
	for _, s := range res.Suggestions {
		if l, ok := want[s.Text]; ok && strings.HasPrefix(s.PersonLabel, l) {
			delete(want, s.Text)
		}
	}
	if len(want) > 0 {
		t.Errorf("not found as their person: %v; suggestions:\n%s", want, listSuggestions(res))
	}
}

// A name misread by OCR in a scanned page ("Gai1 Fe11", "Orrne" for
// "Orme") is still the person's.
func TestOCRMisreadNames(t *testing.T) {
	d := doc("o1", "Home visit. Gai1 Fe11 was present. Later Petra Orrne arrived at 10am for the visit.")
	res, err := Suggest(generalRecord(d), mustRules(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"Gai1 Fe11": "Mother", "Petra Orrne": "Relative"}
	for _, s := range res.Suggestions {
		if l, ok := want[s.Text]; ok && strings.HasPrefix(s.PersonLabel, l) {
			delete(want, s.Text)
		}
		if strings.Contains(s.Text, "10am") || strings.Contains(s.Text, "Home visit") {
			t.Errorf("touched: %q", s.Text)
		}
	}
	if len(want) > 0 {
		t.Errorf("not found as their person: %v; suggestions:\n%s", want, listSuggestions(res))
	}
}

// A full name with a name the person goes by — an attested nickname or a
// diminutive of the given name — is that person, not someone new.
func TestShortNameIsTheSamePerson(t *testing.T) {
	mail := emailDoc("Dottie Lyle <dl1970@example.org>", "Owen Tallis <owen.tallis@northtown.example>", "Robin can stay on Friday.\nDottie")
	note := doc("s2", "Robin visited Jim Fell in hospital with Dottie Lyle.")
	rec := generalRecord(mail, note)
	rec.Persons = append(rec.Persons,
		record.Person{Name: "Dorothy Lyle", Role: "relative", Relationship: "aunt; carer (known as Dottie)"},
		record.Person{Name: "James Fell", Role: "relative", Relationship: "grandfather"})
	res, err := Suggest(rec, mustRules(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range res.Register {
		if p.Name == "Dottie Lyle" || p.Name == "Jim Fell" {
			t.Errorf("%q became a person of their own (%s)", p.Name, p.Label)
		}
	}
	for _, s := range res.Suggestions {
		if (s.Text == "Jim Fell" || s.Text == "Dottie Lyle") && !strings.HasPrefix(s.PersonLabel, "Relative") {
			t.Errorf("%q labelled %q", s.Text, s.PersonLabel)
		}
	}
}

// checkCoverKeep checks that each cover phrase lies inside one suggestion
// (a redaction, not a flag, when sure) and no suggestion touches a keep
// phrase (both found at their first place in text).
func checkCoverKeep(t *testing.T, text string, res *Result, cover, keep []string, sure bool) {
	t.Helper()
	for _, c := range cover {
		i := strings.Index(text, c)
		ok := false
		for _, s := range res.Suggestions {
			ok = ok || (!sure || s.Action != ActionFlag) && s.Start <= i && i+len(c) <= s.End
		}
		if !ok {
			t.Errorf("%q not covered; suggestions:\n%s", c, listSuggestions(res))
		}
	}
	for _, k := range keep {
		i := strings.Index(text, k)
		for _, s := range res.Suggestions {
			if s.Start < i+len(k) && i < s.End {
				t.Errorf("%q touched by %s %q", k, s.RuleID, s.Text)
			}
		}
	}
}

// The given names and everyday words are packs' lists too: a name the list
// lacks is not taken for a person on its own, and is once a council adds it.
func TestGivenNamesAreData(t *testing.T) {
	d := doc("p1", "Robin said that Zorvanek Pilt had shouted at the neighbours again.")
	find := func(set *rules.Set) bool {
		res, err := Suggest(generalRecord(d), set, Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range res.Suggestions {
			if s.Text == "Zorvanek Pilt" {
				return true
			}
		}
		return false
	}
	set := mustRules(t)
	if find(set) {
		t.Fatal("an invented given name was taken for a person before the pack had it")
	}
	set.People.GivenNames["zorvanek"] = true
	defer delete(set.People.GivenNames, "zorvanek")
	if !find(set) {
		t.Fatal("a name added to given-names was not used")
	}
}

// Initials that are also an everyday abbreviation ("MW", midwife) are a
// third party's where the note calls people by initials and nothing makes
// them the role: flagged for the officer, never taken as the role's.
func TestInitialsThatAreAbbreviations(t *testing.T) {
	rec := func(d record.Document) *record.Record {
		r := generalRecord(d)
		r.Persons = append(r.Persons,
			record.Person{Name: "Mirela Wosk", Role: "relative", Relationship: "aunt"},
			record.Person{Name: "Dion Kaye", Role: "other", Relationship: "mother's partner"})
		return r
	}
	text := "Visited at home. MW was tired and said she had not slept. DK was not present. The MW visited the baby on Monday."
	d := doc("i1", text)
	res, err := Suggest(rec(d), mustRules(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkCoverKeep(t, text, res, []string{"MW was"[:2], "DK"}, []string{"The MW visited"}, false)
	for _, s := range res.Suggestions {
		if s.Text == "MW" && s.Action != ActionFlag {
			t.Errorf("MW, also an abbreviation, suggested as %s, want a flag", s.Action)
		}
	}
	// Alone, an abbreviation is the role: no other initials, no suggestion.
	alone := "The health visitor and MW visited the baby on Monday."
	res, err = Suggest(rec(doc("i2", alone)), mustRules(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkCoverKeep(t, alone, res, nil, []string{"MW visited"}, false)
}

// A persons.json entry's relationship is read by the packs' family words,
// the most specific first, and a role the export spells its own way by the
// job titles.
func TestRoleFromPersonsEntry(t *testing.T) {
	v := mustRules(t).People
	for _, tc := range []struct {
		role, rel, agency string
		want, stem        string
	}{
		{"other", "mother's partner (stepfather); father of Ezra", "", RoleFamily, "Stepfather"},
		{"relative", "maternal aunt; kinship carer 2015-2018 (known as Dot)", "", RoleFamily, "Relative"},
		{"relative", "Ezra's paternal grandmother; special guardian for Ezra", "", RoleFamily, "Relative"},
		{"other", "ex-boyfriend", "", RoleOther, "Partner"},
		{"other", "neighbour (referrer)", "", RoleOther, "Neighbour"},
		{"other", "mother's partner", "", RoleOther, "Partner"},
		{"relative", "nain (maternal grandmother)", "", RoleFamily, "Relative"},
		{"Foster Carer", "foster carer 2016-2020", "", RoleCarer, "Foster carer"},
		{"social worker", "allocated worker", "Northtown Council", RoleProfessional, ""},
		{"IRO", "", "Northtown Council", RoleProfessional, ""},
		{"Health Visitor", "", "", RolePartnerStaff, "Professional"},
		{"professional", "GP", "Eastgate Medical Practice", RolePartnerStaff, "Professional"},
		{"professional", "IDVA", "Brightway Safe Homes", RolePartnerStaff, "Professional"},
		{"professional", "Social Worker", "Northtown Council", RoleProfessional, ""},
	} {
		role, stem := roleFor(v, record.Person{Name: "Kit Arden", Role: tc.role, Relationship: tc.rel, Agency: tc.agency}, "Northtown Council")
		if role != tc.want || stem != tc.stem {
			t.Errorf("roleFor(role %q, relationship %q) = %q, %q; want %q, %q", tc.role, tc.rel, role, stem, tc.want, tc.stem)
		}
	}
	// A capitalised word after a relationship word is a name even when no
	// list knows it, unless it is an everyday word.
	// At a sentence's start, the word after the name must say what a
	// person did ("Granny Tibbie had been in").
	text := "Robin spent the day with Babcia Wanda and rang Nain Eirlys and Dziadek Zbyrek in the evening. Contact with grandmother Monthly.\nMother Seven times a year Yes\n" +
		"Robin was on the ward. Granny Tibbie had visited that morning."
	res, err := Suggest(generalRecord(doc("r1", text)), mustRules(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkCoverKeep(t, text, res, []string{"Wanda", "Eirlys", "Zbyrek", "Tibbie"}, []string{"Robin spent the day", "grandmother Monthly", "Seven times"}, true)
}

// A worker of a charity the packs know is a partner agency's officer, as
// one of a firm no list knows is a third party; a public body the packs
// know keeps the role its title gives.
func TestCharityWorker(t *testing.T) {
	r := generalRecord(doc("c1", "Robin met Ula Brenn from the refuge project."))
	r.Persons = append(r.Persons,
		record.Person{Name: "Ula Brenn", Role: "professional", Relationship: "Project Worker", Agency: "NSPCC"},
		record.Person{Name: "Ned Sallow", Role: "professional", Relationship: "Family Support Worker", Agency: "Northtown Council"})
	res, err := Suggest(r, mustRules(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	roles := map[string]string{}
	for _, p := range res.Register {
		roles[p.Name] = p.Role
	}
	if roles["Ula Brenn"] != RolePartnerStaff || roles["Ned Sallow"] != RoleProfessional {
		t.Errorf("roles %v", roles)
	}
}

// Initials written spaced or with stops ("R T-H", "D.K.") are the same
// initials.
func TestSpacedInitials(t *testing.T) {
	r := generalRecord()
	r.Persons = append(r.Persons,
		record.Person{Name: "Rhoswen Tarrant-Hale", Role: "foster_carer", Relationship: "foster carer"},
		record.Person{Name: "Dion Kaye", Role: "other", Relationship: "mother's partner"})
	text := "Visited the placement. R T-H said the boys had settled. D.K. rang twice. Robin chose the blue room."
	r.Documents = []record.Document{doc("s1", text)}
	res, err := Suggest(r, mustRules(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkCoverKeep(t, text, res, []string{"R T-H", "D.K"}, []string{"Robin chose the blue room."}, true)
}

// A case-notes export that calls people by initials does so in every note:
// a note naming one person by initials is read with the file's others.
func TestInitialsAcrossAFile(t *testing.T) {
	r := generalRecord()
	r.Persons = append(r.Persons,
		record.Person{Name: "Rhoswen Tarrant-Hale", Role: "foster_carer", Relationship: "foster carer"},
		record.Person{Name: "Dion Kaye", Role: "other", Relationship: "mother's partner"},
		record.Person{Name: "Mirela Wosk", Role: "relative", Relationship: "aunt"})
	a, b, other := doc("n1", "Home visit. DK and MW were both present."), doc("n2", "R T-H rang about the school run."), doc("x1", "Filed under R T-H in the school run folder.")
	for _, d := range []*record.Document{&a, &b} {
		d.Location, d.Path = "case-system-export", "case_notes.csv"
	}
	other.Location, other.Path = "shared-drive", "note.docx"
	r.Documents = []record.Document{a, b, other}
	res, err := Suggest(r, mustRules(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var inNote, inOther bool
	for _, s := range res.Suggestions {
		inNote = inNote || s.DocID == "n2" && s.Text == "R T-H"
		inOther = inOther || s.DocID == "x1" && s.Text == "R T-H"
	}
	if !inNote || inOther {
		t.Errorf("initials in a note of a file that uses initials: suggested %v (want true); in a lone document: %v (want false)\n%s", inNote, inOther, listSuggestions(res))
	}
}

// A person found by a title only another agency's staff hold (a police
// rank with a collar number, a doctor's title) is that agency's
// professional.
func TestAgencyTitles(t *testing.T) {
	text := "Present: DC 4471 Bryn Tave and Dr Ilse Marrow. Robin was seen at school."
	res, err := Suggest(generalRecord(doc("t1", text)), mustRules(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	roles := map[string]string{}
	for _, p := range res.Register {
		roles[p.Name] = p.Role
	}
	for _, n := range []string{"DC 4471 Bryn Tave", "Dr Ilse Marrow"} {
		if roles[n] != RolePartnerStaff {
			t.Errorf("%s: role %q, want %q (register %v)", n, roles[n], RolePartnerStaff, roles)
		}
	}
}

// An e-mail display name that writes the surname as its initial, with the
// given name or a short form of it, is the register person it fits.
func TestDisplayNameWithInitial(t *testing.T) {
	d := emailDoc("Magda W <mw.1983@example.org>", "Owen Tallis <owen.tallis@northtown.example>", "Please tell Robin I will come on Tuesday.\nMagda")
	d.Email.From = []record.Address{{Name: "Magda W", Email: "mw.1983@example.org"}}
	d.Email.To = []record.Address{{Name: "Owen Tallis", Email: "owen.tallis@northtown.example"}}
	r := generalRecord(d)
	r.Persons = append(r.Persons, record.Person{Name: "Magdalena Wosk", Role: "parent", Relationship: "mother"})
	r.Persons = r.Persons[1:] // no other mother
	res, err := Suggest(r, mustRules(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range res.Register {
		if p.Name == "Magda W" {
			t.Errorf("Magda W is a person of her own, want her to be Magdalena Wosk: %+v", res.Register)
		}
	}
}

// The home council is the agency that names a council, not an expert's
// practice named as often.
func TestHomeCouncilNamesACouncil(t *testing.T) {
	v := mustRules(t).People
	ps := []record.Person{
		{Name: "Ada Venn", Role: "professional", Agency: "Ashdown Psychology Ltd"},
		{Name: "Kit Arden", Role: "professional", Agency: "Northtown Council"},
	}
	if got := homeCouncil(v, ps); got != "Northtown Council" {
		t.Errorf("homeCouncil = %q, want Northtown Council", got)
	}
	ps = append(ps, record.Person{Name: "Bo Hale", Role: "professional", Agency: "Cyngor Sir Glanfa"}, record.Person{Name: "Cai Rhys", Role: "professional", Agency: "Cyngor Sir Glanfa"})
	if got := homeCouncil(v, ps); got != "Cyngor Sir Glanfa" {
		t.Errorf("homeCouncil = %q, want the council most staff work for", got)
	}
}

// An agency the packs know is another organisation: a worker of the
// council's place's youth justice service under a title a council uses
// too, and a Home Office caseworker, are partner staff; a Children's
// Reporter (staff-role-kept-kinds) keeps the role the list gives.
func TestKnownAgencyStaffArePartners(t *testing.T) {
	text := "Phone call from Bram Castell at the youth justice service. Letter from Orrin Denholm of the Home Office. Hearing arranged by Kit Arden."
	rec := generalRecord(doc("g1", text))
	rec.Persons = append(rec.Persons,
		record.Person{Name: "Bram Castell", Role: "professional", Relationship: "Case Manager", Agency: "Northtown Youth Justice Service"},
		record.Person{Name: "Orrin Denholm", Role: "professional", Relationship: "Asylum Decision Maker", Agency: "Home Office"},
		record.Person{Name: "Kit Arden", Role: "professional", Relationship: "Children's Reporter", Agency: "Scottish Children's Reporter Administration"})
	res, err := Suggest(rec, mustRules(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"Bram Castell": RolePartnerStaff, "Orrin Denholm": RolePartnerStaff, "Kit Arden": RoleProfessional}
	for _, p := range res.Register {
		if w, ok := want[p.Name]; ok {
			if p.Role != w {
				t.Errorf("%s is %s, want %s", p.Name, p.Role, w)
			}
			delete(want, p.Name)
		}
	}
	for n := range want {
		t.Errorf("%s is not in the register", n)
	}
	for _, n := range []string{"Bram Castell", "Orrin Denholm"} {
		i := strings.Index(text, n)
		found := false
		for _, sg := range res.Suggestions {
			found = found || sg.Start <= i && i+len(n) <= sg.End
		}
		if !found {
			t.Errorf("%s, another agency's officer, is not suggested", n)
		}
	}
}

// A worker named under a council title ("key worker") in a document headed
// by another organisation the persons list gives a worker of — a care
// provider's incident reports — is that organisation's worker; under the
// council's own heading the same title is the council's.
func TestProviderStaffInTheirOwnDocument(t *testing.T) {
	provider := "Oakridge House - Thornfield Care Ltd\nIncident reports\nStaff on duty: Lyra Castell (key worker).\nRobin hurt his hand on the door."
	council := "Northtown Council\nVisit record\nStaff on duty: Mira Selby (key worker).\nRobin showed me his room."
	rec := generalRecord(doc("p1", provider), doc("c1", council))
	rec.Persons = append(rec.Persons, record.Person{Name: "Ada Venn", Role: "professional", Relationship: "Registered Manager, Oakridge House", Agency: "Thornfield Care Ltd"})
	res, err := Suggest(rec, mustRules(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var provided, councils bool
	for _, sg := range res.Suggestions {
		provided = provided || sg.DocID == "p1" && strings.Contains(sg.Text, "Lyra Castell")
		councils = councils || sg.DocID == "c1" && strings.Contains(sg.Text, "Mira Selby")
	}
	if !provided {
		t.Error("the provider's key worker is not suggested")
	}
	if councils {
		t.Error("the council's key worker is suggested")
	}
}

// A family named in the plural is the family though a member of staff
// shares its surname: the bare surname stays ambiguous, the plural is not.
func TestFamilyPluralWhenStaffShareTheSurname(t *testing.T) {
	text := "Robin stayed with the Venns at the weekend.\nAnn Venn, Family Support Worker"
	rec := generalRecord(doc("g1", text))
	rec.Persons = append(rec.Persons, record.Person{Name: "Ann Venn", Role: "professional", Relationship: "Family Support Worker", Agency: "Northtown Council"})
	res, err := Suggest(rec, mustRules(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	at := func(s string) (int, int) { i := strings.Index(text, s); return i, i + len(s) }
	var plural, staff bool
	ps, pe := at("Venns")
	ss, se := at("Ann Venn")
	for _, sg := range res.Suggestions {
		plural = plural || sg.Start <= ps && pe <= sg.End
		staff = staff || sg.Start < se && ss < sg.End
	}
	if !plural {
		t.Error(`"the Venns" not suggested`)
	}
	if staff {
		t.Error("the worker's own name was suggested")
	}
}

// Initials standing where a person does in a sentence — after "a text
// from", before "rang" or "threw", or "<X> and <Name> played" — are a
// person's even in a note that uses no other initials: a register third
// party's, and initials marked as a surname's ("JT-R", "PO'N") that the
// record never writes in full. An abbreviation, a heading, an agency's
// acronym and a role stay.
func TestInitialsInAPersonsPlace(t *testing.T) {
	r := generalRecord()
	r.Persons = append(r.Persons, record.Person{Name: "Briony Quarry", Role: "other", Relationship: "ex-partner"})
	note := doc("p1", "Robin forwarded a text message from BQ (on file). He agreed not to go round again.")
	log := doc("p2", "Daily log, May\nAfter school PO'N was returned by police at 23:00; Robin stayed in his room.\n"+
		"JT-R and Robin played pool; JT-R threw the cue and Robin walked away.\nThe SGO was granted in March. Robin attends ESOL and maths with CAMHS support.\nHANDOVER NOTES FROM BQ")
	r.Documents = []record.Document{note, log}
	res, err := Suggest(r, mustRules(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []record.Document{note, log} {
		var ds []Suggestion
		for _, s := range res.Suggestions {
			if s.DocID == d.ID {
				ds = append(ds, s)
			}
		}
		one := &Result{Suggestions: ds}
		switch d.ID {
		case "p1":
			checkCoverKeep(t, d.Text, one, []string{"BQ"}, []string{"He agreed not to go round again."}, false)
		case "p2":
			checkCoverKeep(t, d.Text, one, []string{"PO'N", "JT-R"},
				[]string{"The SGO was granted in March.", "Robin attends ESOL and maths with CAMHS support.", "HANDOVER NOTES"}, false)
		}
	}
}

// Plain initials of someone the record never names in full, written where
// a person stands ("a text from VW"), are that person's; capitals the
// record also writes as a thing ("the YOS", "(DWP)") are an organisation's
// wherever they stand, and a heading is no one's place.
func TestPlainInitialsInAPersonsPlace(t *testing.T) {
	note := doc("q1", "Robin forwarded a text message from VW (on file). He agreed he will not contact her again.\n"+
		"Robin met the YOS worker on Monday. A letter came from YOS about his order.\n"+
		"The Department for Work and Pensions (DWP) wrote; a form from DWP is on file.\n"+
		"Robin went on a trip from HMP Garth Vale school. Robin's full scale IQ was assessed in May.\nREFERRAL FROM MK")
	res, err := Suggest(generalRecord(note), mustRules(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkCoverKeep(t, note.Text, res, []string{"VW"},
		[]string{"A letter came from YOS about his order.", "a form from DWP is on file.", "HMP Garth Vale", "full scale IQ was assessed in May.", "REFERRAL FROM MK"}, false)

	// Initials each with its stop, joined by "and" to a given name or
	// before a word in lower case after their own stop.
	unit := doc("q2", "Saskia and K.P. share the minibus with Robin on Fridays.\nL.D. was upset at bedtime. Robin said the U.K. is home now.")
	res, err = Suggest(generalRecord(unit), mustRules(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkCoverKeep(t, unit.Text, res, []string{"K.P", "L.D"}, []string{"Robin said the U.K. is home now."}, false)
}

// An everyday abbreviation written after a name ("<Name> DOB 01/02/1990")
// is no part of the name: the abbreviation alone is never taken for a
// person elsewhere.
func TestAbbreviationAfterAName(t *testing.T) {
	text := "Mother: Gail Fell DOB 04/05/1985\nStepbrother: Dean Venn DOB 01/01/2001\nRobin's DOB and NHS number are on file."
	res, err := Suggest(generalRecord(doc("a1", text)), mustRules(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkCoverKeep(t, text, res, []string{"Dean Venn"}, []string{"DOB and NHS number are on file."}, true)
}

// TestWorkerOfAnotherOrganisation: a persons.json professional whose
// agency is not the record holder, and whose title is no council one, is
// another organisation's worker: a third party. One whose agency opens
// with the council's place is the council's.
func TestWorkerOfAnotherOrganisation(t *testing.T) {
	r := generalRecord()
	r.Persons = append(r.Persons,
		record.Person{Name: "Lotte Vayle", Role: "professional", Relationship: "Amharic interpreter", Agency: "Clearword Interpreting"},
		record.Person{Name: "Hal Sorrel", Role: "professional", Relationship: "youth worker", Agency: "Northtown Youth Team"})
	text := "Lotte Vayle interpreted for Robin at the review. Hal Sorrel took Robin bowling."
	r.Documents = []record.Document{doc("o1", text)}
	res, err := Suggest(r, mustRules(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkCoverKeep(t, text, res, []string{"Lotte Vayle"}, []string{"Hal Sorrel took Robin bowling."}, true)
}

// A birthday written without its year is part of a date of birth: a
// sibling's goes; the requester's own (their day and month) stays.
func TestBirthdayWithoutYear(t *testing.T) {
	text := "Letter to my sister\nDear Dana,\nI am your big brother. Your birthday is the 3rd of October and I always think of you then.\n" +
		"My birthday is the 11th of February and I will be 18.\nLove from Robin"
	r := generalRecord(doc("b1", text))
	r.Persons = append(r.Persons, record.Person{Name: "Dana Fell", Role: "sibling", Relationship: "sister"})
	res, err := Suggest(r, mustRules(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkCoverKeep(t, text, res, []string{"3rd of October"}, []string{"11th of February"}, true)
}

// Part of a number plate given as one ("registration starting <letters
// and digits>") is the car's, and so its driver's: it goes.
func TestPartialNumberPlate(t *testing.T) {
	text := "Robin was seen getting into a grey hatchback, registration starting QX17, outside the station. Robin said it was a friend's car."
	res, err := Suggest(generalRecord(doc("v1", text)), mustRules(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkCoverKeep(t, text, res, []string{"QX17"}, []string{"Robin said it was a friend's car."}, true)
}
