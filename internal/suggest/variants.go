package suggest

import (
	"strings"
)

// Variant kinds, used to explain a match.
const (
	vFull     = "full name"
	vFirst    = "first name"
	vSurname  = "surname"
	vInitial  = "initial and surname"
	vTitle    = "title and surname"
	vNickname = "nickname"
	vShort    = "short form of the first name"
	vInitials = "initials"
	vPlural   = "family name in the plural"
	// vPluralWord is the plural of a surname that is also an everyday
	// word ("the Halls", "the Woods"): a family only after "the".
	vPluralWord = "family name in the plural (after \"the\")"
	// vFirstWord is the first name of a person found in the text that is
	// also an everyday word ("Hope", "Summer"): suggested as a flag.
	vFirstWord = "first name (also an everyday word)"
)

// personEvidence reports whether a text source shows the name is a
// person's: a family word ("her sister Jo Bloggs"), a title or an age.
func personEvidence(source string) bool {
	switch source {
	case "text: family word", "text: title", "text: name with age", sourceOtherChildren:
		return true
	}
	return false
}

// buildMatcher gives every person their name variants and indexes them.
// The requester's variants go in first so a tie is always theirs: their
// names are never suggested. A first name shared by several people is
// given to the first third party who has it and marked ambiguous.
func (r *register) buildMatcher() {
	m := newMatcher(r.words)
	owners := r.firstNameOwners()
	subjectV := map[string]bool{} // the requester's variants: no one else may own one
	surnameOwners := map[string][]int{}
	// Given names third parties are called by: a member of staff who shares
	// one does not get it as a bare first name (a relative called Jo and a
	// social worker Jo Bloggs: "Jo" alone is taken as the relative).
	thirdGiven := map[string]bool{}
	for i, p := range r.people {
		if w := r.personWords(p); i != subjectIdx && !p.Staff() && len(w) > 0 && (len(w) >= 2 || personEvidence(p.Source)) {
			thirdGiven[fold(w[0])] = true
		}
	}
	for i, p := range r.people {
		if w := r.personWords(p); len(w) >= 2 {
			s := fold(w[len(w)-1])
			surnameOwners[s] = append(surnameOwners[s], i)
		}
	}
	for i, p := range r.people {
		var names []string
		if i == subjectIdx {
			names = r.subjectNames()
		} else {
			names = []string{p.Name}
		}
		seen := map[string]bool{}
		addV := func(v, kind string) {
			v = strings.TrimSpace(v)
			if v == "" || seen[fold(v)] || i != subjectIdx && subjectV[fold(v)] {
				return
			}
			seen[fold(v)] = true
			if i == subjectIdx {
				subjectV[fold(v)] = true
			}
			p.Variants = append(p.Variants, v)
			m.add(v, i, kind)
		}
		if p.initialsOnly != "" {
			addV(p.Name, vInitials) // "N.O'K.": as written; the initials reader finds the rest
			continue
		}
		for _, name := range names {
			if p.Source == sourceLoneWord {
				addV(name, vFirstWord) // "Dean" may still be a dean elsewhere: flagged
				continue
			}
			if p.Source == sourceLoneLower {
				addV(name, vFirst) // a one-word name, matched in lower case too
				continue
			}
			addV(name, vFull)
			w := r.nameWords(name)
			if len(w) == 0 {
				continue
			}
			first, last := w[0], w[len(w)-1]
			if len(w) >= 2 {
				addV(first+" "+last, vFull)
				addV(first[:1]+". "+last, vInitial)
				if len(w) > 2 {
					addV(strings.Join(w[1:], " "), vFull)
				}
			}
			if i == subjectIdx {
				for _, x := range w {
					addV(x, vFirst)
					for _, part := range strings.Split(x, "-") {
						addV(part, vSurname)
					}
				}
				continue
			}
			ff := fold(first)
			// A name found only as a capitalised pair may be a place or a
			// house ("Glyn Teg"), so its bare first word is trusted only
			// when it is a known given name. A family word, a title or an
			// age shows the pair is a person: the given name then goes in
			// whatever it is, flagged if it is also an everyday word.
			fromText := strings.HasPrefix(p.Source, "text:")
			kind := vFirst
			if fromText && !r.words.GivenNames[ff] && personEvidence(p.Source) {
				switch {
				case r.words.NotName[ff] || r.words.Function[ff]:
					kind = ""
				case r.words.Everyday[ff]:
					kind = vFirstWord
				}
			} else if fromText && !r.words.GivenNames[ff] {
				kind = ""
			}
			if kind != "" && len(w) >= 2 && len(first) > 1 && !r.subjectTok[ff] {
				if own := owners[ff]; len(own) == 1 && !(p.Staff() && thirdGiven[ff]) || len(own) > 1 && r.firstThirdParty(own) == i || p.Staff() && !thirdGiven[ff] {
					if len(own) > 1 {
						r.ambiguous[ff] = true
					}
					addV(first, kind)
				}
			}
			sl := fold(last)
			plural := vPlural
			if r.words.NotName[sl] {
				plural = vPluralWord
			}
			if len(w) >= 2 && len(last) > 2 && r.subjectTok[sl] && !p.Staff() && !r.isSubjectName(last) {
				// The requester shares the surname ("Jo Smith-Jones" and the
				// Joneses): the bare surname is theirs too, the family in the
				// plural is not.
				if !strings.HasSuffix(sl, "s") {
					addV(last+"s", plural)
				}
			}
			if len(w) >= 2 && len(last) > 2 && !r.subjectTok[sl] && r.words.NotName[sl] && !p.Staff() && !r.anyStaff(surnameOwners[sl]) {
				// A surname that is also a word ("Hall") is no name alone;
				// "the Halls" is the family.
				if !strings.HasSuffix(sl, "s") {
					addV(last+"s", vPluralWord)
				}
			}
			if len(w) >= 2 && len(last) > 2 && !r.subjectTok[sl] && !r.words.NotName[sl] {
				if !p.Staff() && p.Role != RolePartnerStaff {
					// "the Smiths", "the Joneses": the family by name, though
					// one of the staff shares the surname — a family in the
					// plural is never one worker, and no professional's
					// family is in the record.
					if strings.HasSuffix(sl, "s") {
						addV(last+"es", vPlural)
					} else {
						addV(last+"s", vPlural)
					}
				}
				if own := surnameOwners[sl]; p.Staff() || !r.anyStaff(own) {
					addV(last, vSurname)
					for _, part := range strings.Split(last, "-") {
						if part != last && len(part) > 2 && !r.subjectTok[fold(part)] {
							addV(part, vSurname)
						}
					}
				}
			}
			if len(w) >= 2 || len(names[0]) > len(first) {
				pg := r.personGender(p)
				for _, t := range r.words.Courtesy {
					// A title of the other sex is someone else's: the
					// sister is not "Mr Smith", her father may be.
					if tg := r.titleGender(t); tg != genderAny && pg != genderAny && tg != pg {
						continue
					}
					if h := r.titleHolder(surnameOwners[fold(last)], t); h >= 0 && h != i {
						continue
					}
					addV(t+" "+last, vTitle)
					if len(w) >= 2 {
						addV(t+" "+first[:1]+" "+last, vTitle)
					}
				}
			}
		}
		if !p.Staff() {
			for _, a := range addressVariants(r.words, p.address) {
				addV(a, vAddress)
			}
			if ph := strings.TrimSpace(p.phone); len(tokenize(ph)) >= 2 {
				addV(ph, vPhone)
			}
		}
		for _, n := range p.nicknames {
			addV(n, vNickname)
			if w := r.personWords(p); len(w) >= 2 {
				addV(n+" "+w[len(w)-1], vNickname)
			}
		}
	}
	r.addShortForms(m, subjectV, owners)
	r.m = m
}

// addShortForms gives each third party the short forms of their first name
// ("Greg", "Marty", "Stevo": see diminutives) unless the form is the
// requester's, another person's name or variant, or an ordinary word.
// They are matched capitalised only and suggested as flags: a guess.
func (r *register) addShortForms(m *matcher, subjectV map[string]bool, owners map[string][]int) {
	for i, p := range r.people {
		if i == subjectIdx || p.Staff() {
			continue
		}
		w := r.personWords(p)
		// One word is enough when the text shows it is a person's given name
		// ("his brother Nathaniel").
		named := len(w) >= 2 || len(w) == 1 && personEvidence(p.Source)
		if !named || len(w[0]) < 3 || strings.HasPrefix(p.Source, "text:") && !r.words.GivenNames[fold(w[0])] {
			continue
		}
		forms := diminutives(r.dims, r.words.GivenNames, w[0])
		// A prefix of the given name the record itself writes as a name
		// ("Nat" for Nathaniel, "Rhi" for Rhiannon).
		if g := fold(w[0]); isLowerASCII(g) {
			for k := 3; k < len(g) && k <= 5; k++ {
				if r.usedAsName[g[:k]] && !r.words.Everyday[g[:k]] {
					forms = append(forms, strings.ToUpper(g[:1])+g[1:k])
				}
			}
		}
		for _, d := range forms {
			f := fold(d)
			if subjectV[f] || r.subjectTok[f] || r.words.NotName[f] || r.words.Function[f] || r.words.Titles[f] || calendarWords[f] ||
				len(owners[f]) > 0 || len(m.byFirst[f]) > 0 {
				continue
			}
			p.Variants = append(p.Variants, d)
			m.add(d, i, vShort)
		}
	}
}

func (r *register) subjectNames() []string { return r.subjectList }

// titleHolder is which of the people who share a surname a title and that
// surname ("Mrs Smith") means: of those the title fits, the eldest by date
// of birth, else of the oldest generation (a parent before a relative, a
// relative before a sibling or another child); -1 when none fits or the
// first two are alike. A form of address is an adult's: the sister is not
// "Mrs Smith" while her mother is in the record.
func (r *register) titleHolder(idx []int, title string) int {
	tg := r.titleGender(title)
	gen := func(p *Person) int {
		switch p.labelStem {
		case "Mother", "Father", "Stepmother", "Stepfather", "Parent":
			return 0
		case "Sibling", "Other child":
			return 2
		}
		return 1
	}
	best, tie := -1, false
	for _, i := range idx {
		p := r.people[i]
		if i == subjectIdx || p.Staff() {
			continue
		}
		if pg := r.personGender(p); tg != genderAny && pg != genderAny && pg != tg {
			continue
		}
		if best < 0 {
			best = i
			continue
		}
		b := r.people[best]
		pd, bd := normDate(p.DOB), normDate(b.DOB)
		switch {
		case pd != "" && bd != "" && pd != bd:
			if pd < bd {
				best, tie = i, false
			}
		case gen(p) < gen(b):
			best, tie = i, false
		case gen(p) == gen(b):
			tie = true
		}
	}
	if tie {
		return -1
	}
	return best
}

func (r *register) firstThirdParty(idx []int) int {
	for _, i := range idx {
		if !r.people[i].Staff() {
			return i
		}
	}
	return -1
}

func (r *register) anyStaff(idx []int) bool {
	for _, i := range idx {
		if r.people[i].Staff() {
			return true
		}
	}
	return false
}
