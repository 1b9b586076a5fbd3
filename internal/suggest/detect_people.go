package suggest

import (
	"strings"
)

// findPeople adds to the register the people a document names that no list
// knew: "Mrs Smith" (text: title), "her brother Tom" or "Tom (brother)"
// (text: family word), and capitalised "First Last" pairs whose first word
// is a common given name (text: name). A name followed by a council job
// title ("Jo Bloggs, Social Worker") is staff (signature); by a police,
// health or school title, partner-agency staff.
func (r *register) findPeople(text string, toks []token) {
	word := func(i int) string { return text[toks[i].start:toks[i].end] }
	for i := 0; i < len(toks); i++ {
		w := word(i)
		fw := fold(w)
		if r.words.Titles[fw] && capitalised(w) {
			if n := r.titled(text, toks, i); n > 0 {
				i += n
			}
			continue
		}
		if j := r.calledAt(text, toks, i); j > 0 {
			// "a man called <Name>", "one of them, <Name>,": a person's
			// name, whether a list knows it or not.
			if n := r.nameAt(text, toks, j, 3); n > 0 && !r.orgAfter(text, toks, j+n) &&
				(fw != "of" || j+n < len(toks) && text[toks[j+n-1].end] == ',') {
				r.addRelative(text, toks, j, n, "Person", true, "text: called", fold(text[toks[max(j-2, 0)].start:toks[max(j-2, 0)].end]))
				i = j + n - 1
				// "two men known only as <Name> and <Name>": the second too
				if a := j + n; a+1 < len(toks) && text[toks[a].start:toks[a].end] == "and" && text[toks[a-1].end:toks[a].start] == " " {
					if m := r.nameAt(text, toks, a+1, 3); m > 0 && !r.orgAfter(text, toks, a+1+m) {
						r.addRelative(text, toks, a+1, m, "Person", true, "text: called", "")
						i = a + m
					}
				}
				continue
			}
		}
		if n := r.titledBefore(text, toks, i); n > 0 {
			i += n
			continue
		}
		if stem := r.words.Family[fw]; stem != "" {
			r.familyNamed(text, toks, i, stem)
			r.appositionBefore(text, toks, i, stem, false)
		} else if r.ownChildRel[fw] {
			r.appositionBefore(text, toks, i, "Person", true)
			if i > 0 && (fold(word(i-1)) == "their" || r.otherOwner(text, toks, i-1, i)) {
				r.familyNamed(text, toks, i, "Person") // "their daughter <Name>", "the Pellings' son <Name>": someone else's child
			}
		} else if stem := r.pluralFamily(fw); stem != "" {
			r.familyList(text, toks, i, stem)
		}
		if n := len(fw); n >= 3 && n <= 5 && i > 0 && capitalised(w) && !allCaps(w) && !sentenceStart(text, toks[i].start) {
			r.usedAsName[fw] = true // a short word the record writes as a name: a short form it uses
		}
		r.findAliases(text, toks, i, fw)
		if r.familyPlural(text, toks, i) {
			continue
		}
		if n := r.agedInitials(text, toks, i); n > 0 {
			i += n - 1
			continue
		}
		if n := r.slotInitials(text, toks, i); n > 0 {
			i += n - 1
			continue
		}
		if n := r.agedName(text, toks, i); n > 0 {
			i += n - 1
			continue
		}
		if n := r.capitalisedName(text, toks, i); n > 0 {
			i += n - 1
		} else {
			r.noteLoneName(text, toks, i)
		}
	}
}

// calledAt returns the token a name opens after a cue at toks[i] that
// names a person, or 0: "called" or "named" after one of the packs'
// called-person-words ("a man called", "someone named"), "known as" or
// "known only as" after one ("two men known only as"), or "of" in "one of
// them, " / "one of the <word>, " (the name then closes with a comma).
func (r *register) calledAt(text string, toks []token, i int) int {
	if i == 0 || i+1 >= len(toks) {
		return 0
	}
	gap := func(k int) string { return text[toks[k].end:toks[k+1].start] }
	fw := fold(text[toks[i].start:toks[i].end])
	switch fw {
	case "called", "named":
		if gap(i-1) == " " && gap(i) == " " && r.calledPerson[fold(text[toks[i-1].start:toks[i-1].end])] {
			return i + 1
		}
	case "as":
		// "a man known as <Name>", "two men known only as <Name> and …"
		k := i - 1
		if k > 0 && fold(text[toks[k].start:toks[k].end]) == "only" {
			k--
		}
		if k > 0 && gap(i) == " " && fold(text[toks[k].start:toks[k].end]) == "known" &&
			r.calledPerson[fold(text[toks[k-1].start:toks[k-1].end])] {
			return i + 1
		}
	case "of":
		if fold(text[toks[i-1].start:toks[i-1].end]) != "one" || gap(i-1) != " " || gap(i) != " " {
			return 0
		}
		j := i + 1
		if w := fold(text[toks[j].start:toks[j].end]); w == "the" && j+1 < len(toks) && gap(j) == " " {
			j++
		} else if w != "them" && w != "us" {
			return 0
		}
		if j+1 < len(toks) && gap(j) == ", " {
			return j + 1
		}
	}
	return 0
}

// nameAt returns how many words from toks[i] form a capitalised name (max
// three), joined only by spaces or an initial's full stop. A full stop after
// a whole word ends a sentence, so it ends the name ("…with Mr Smith. Jo
// said"); a pronoun or function word ("I", "It", "She") is never part of a
// name, though a sentence may start with one in capitals. A name ends on a
// word of two or more letters: "Jo I" is not a name.
func (r *register) nameAt(text string, toks []token, i int, max int) int {
	n, parts, lastPart := 0, 0, false
	for k := i; k < len(toks) && n-parts < max; k++ {
		w := text[toks[k].start:toks[k].end]
		fw := fold(trimPossessive(w)) // "Children's Guardian": the word, possessive or not
		if r.particle(text, toks, k) && (k > i || r.words.Titles[fold(text[toks[k-1].start:toks[k-1].end])]) {
			n, parts, lastPart = n+1, parts+1, true // "Ní", "van der", "bin": part of the surname after it
			continue
		}
		lastPart = false
		if capitalised(w) && r.inGreeting(text, toks, k) {
			break // "Sat Sri Akal <name>": a greeting is no part of a name
		}
		// A family word is a relationship, never part of a name:
		// "Auntie Jo" and "Grandad Ray" name Jo and Ray.
		if !capitalised(w) || r.words.NotName[fw] || r.words.Titles[fw] || r.words.Function[fw] || r.words.Family[fw] != "" || w[0] >= '0' && w[0] <= '9' {
			break
		}
		if k > i && allCaps(w) && r.notInitials[fw] {
			break // "<Name> DOB 01/02/1990": an abbreviation after a name is no part of it
		}
		if k > i {
			gap := text[toks[k-1].end:toks[k].start]
			if gap != " " && !(gap == ". " && toks[k-1].end-toks[k-1].start == 1) {
				break
			}
		}
		n++
	}
	if lastPart {
		n-- // a particle read as one whose surname then did not follow
	}
	for n > 0 && toks[i+n-1].end-toks[i+n-1].start < 2 {
		n-- // a trailing initial belongs to no one here
	}
	return n
}

// particle reports whether toks[k] is a surname particle of the packs'
// name-particles ("Ní", "Mac", "van", "der", "bin", "al") joined by one
// space to a capitalised word or another particle after it: "Siobhán Ní
// Bhriain", "Pieter van der Berg", "Seán Mac Giolla Phádraig".
func (r *register) particle(text string, toks []token, k int) bool {
	if k == 0 || !r.isParticle(text[toks[k].start:toks[k].end]) || k+1 >= len(toks) ||
		text[toks[k].end:toks[k+1].start] != " " || text[toks[k-1].end:toks[k].start] != " " {
		return false
	}
	next := text[toks[k+1].start:toks[k+1].end]
	return capitalised(next) && !r.words.Function[fold(next)] || r.isParticle(next)
}

// isParticle reports whether w, in any case, is one of the name
// particles, without folding a copy of every word it is asked of.
func (r *register) isParticle(w string) bool {
	if len(w) > 6 || len(r.particles) == 0 {
		return false
	}
	var b [6]byte
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 0x80 {
			return r.particles[fold(w)] // "Ó", "Ní": rare, folded
		}
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	return r.particles[string(b[:len(w)])]
}

// inGreeting reports whether toks[k] is a word of a greeting of more than
// one word (the packs' greetings: "Sat Sri Akal", "Bore da").
func (r *register) inGreeting(text string, toks []token, k int) bool {
	for _, g := range r.greetings {
		for b := max(0, k-len(g)+1); b <= k && b+len(g) <= len(toks); b++ {
			ok := true
			for j, w := range g {
				if !strings.EqualFold(text[toks[b+j].start:toks[b+j].end], w) {
					ok = false
					break
				}
			}
			if ok {
				return true
			}
		}
	}
	return false
}

func (r *register) titled(text string, toks []token, i int) int {
	j := i + 1
	if j < len(toks) && text[toks[j].start] >= '0' && text[toks[j].start] <= '9' { // PC 1234 Jones
		j++
	}
	n := r.nameAt(text, toks, j, 3)
	if n == 0 && j == i+1 && j < len(toks) && toks[j].end-toks[j].start == 1 && text[toks[j].start] >= 'A' && text[toks[j].start] <= 'Z' &&
		text[toks[i].end:toks[j].start] == " " && (j+1 >= len(toks) || !isWordByte(text[toks[j].end])) {
		// "Mrs P": a title and the initial of a surname, as notes shorten
		// a carer or a neighbour, is that person.
		r.add(&Person{Name: text[toks[i].start:toks[j].end], Role: RoleOther, labelStem: "Person", Source: "text: title"})
		return 1
	}
	if n == 0 || !gapOK(text[toks[i].end:toks[i+1].start]) || !gapOK(text[toks[j-1].end:toks[j].start]) {
		return 0
	}
	var words []string
	for k := j; k < j+n; k++ {
		words = append(words, trimPossessive(text[toks[k].start:toks[k].end]))
	}
	sur := fold(words[len(words)-1])
	if len(sur) < 2 {
		return 0
	}
	if r.lookupFull(words) >= 0 || r.surnameKnown(sur) && !r.newGivenName(words) {
		return n
	}
	p := &Person{Name: text[toks[i].start:toks[j+n-1].end], Role: RoleOther, labelStem: "Person", Source: "text: title"}
	r.applyJobTitle(p, text, toks[j+n-1].end)
	if p.Role == RoleOther && r.words.AgencyTitles[fold(text[toks[i].start:toks[i].end])] {
		// A doctor named in a care record is a GP, a paediatrician, a
		// psychologist; a detective constable is police: another
		// agency's professional, not family.
		p.Role, p.labelStem = RolePartnerStaff, "Professional"
	}
	r.add(p)
	return n
}

// newGivenName reports whether a titled name of a known surname carries a
// given name no one known by it has ("Mrs Iris <requester's surname>"):
// another member of the family, not the requester or a known relative.
func (r *register) newGivenName(words []string) bool {
	if len(words) < 2 {
		return false
	}
	g := fold(words[0])
	return r.words.Given(g) && !r.subjectTok[g] && !r.firstNameKnown(g)
}

// surnameKnown reports whether a surname belongs to the requester or a
// known person: "Mrs Smith" is then one of them, not somebody new.
func (r *register) surnameKnown(sur string) bool {
	if r.subjectTok[sur] {
		return true
	}
	for _, p := range r.people {
		w := r.personWords(p)
		if len(w) > 0 && fold(w[len(w)-1]) == sur {
			return true
		}
	}
	return false
}

// thirdPartySurnameAt returns k when words[k-1] (k ≥ 2) is the surname of
// a known third party, or 0.
func (r *register) thirdPartySurnameAt(words []string) int {
	for k := 2; k <= len(words); k++ {
		s, _ := stem(fold(words[k-1]))
		if r.subjectTok[s] {
			continue
		}
		for i, p := range r.people {
			if i == subjectIdx || p.Staff() {
				continue
			}
			if w := r.personWords(p); len(w) >= 2 && fold(w[len(w)-1]) == s {
				return k
			}
		}
	}
	return 0
}

func (r *register) familyNamed(text string, toks []token, i int, stem string) {
	// "brother Tom Smith", "grandmother, Jean Smith", "Mother: Jo Smith"
	if j := i + 1; j < len(toks) && gapFamily(text[toks[i].end:toks[j].start]) {
		if n := r.nameAt(text, toks, j, 3); n > 0 && !r.orgAfter(text, toks, j+n) {
			r.addFamily(text, toks, j, n, stem, fold(text[toks[i].start:toks[i].end]))
		}
	}
	// "Tom (brother)"
	if i >= 1 && strings.HasSuffix(strings.TrimRight(text[toks[i-1].end:toks[i].start], " "), "(") {
		k := i - 1
		for k > 0 && i-k < 3 && r.nameAt(text, toks, k-1, 3) >= i-k+1 {
			k--
		}
		if n := r.nameAt(text, toks, k, i-k); n > 0 {
			r.addFamily(text, toks, k, n, stem, fold(text[toks[i].start:toks[i].end]))
		}
	}
}

// appositionBefore reads a name that a family word at toks[i] describes
// after a comma: "<Name>, the <carers'> grown-up son," or "<Name>, her
// boyfriend." — the way a note introduces someone it names once. The
// words between open with a determiner or an owner in the possessive, at
// most three in all, and the family word ends its phrase (a comma, a full
// stop, a bracket or the line's end after it), so "On <Day>, her brother
// came" is no apposition. A name no list knows is taken there, as after
// "a man called". A child word ("son", "daughter") names someone else's
// child only after an owner who is not the requester ("the <carers'>
// son"): "<Name>, her daughter," may be the requester's own child (owned).
func (r *register) appositionBefore(text string, toks []token, i int, stem string, owned bool) {
	if i+1 < len(toks) {
		if g := strings.TrimLeft(text[toks[i].end:toks[i+1].start], " "); g == "" || !strings.ContainsAny(g[:1], ",.;)\n") {
			return
		}
	}
	// Back to the comma: at most three words, lower case but for an
	// owner in the possessive.
	k := i
	for {
		if k == 0 {
			return
		}
		g := text[toks[k-1].end:toks[k].start]
		if g == ", " {
			break
		}
		if i-k == 3 || g != " " && g != "' " && g != "’ " {
			return
		}
		k--
		if w := text[toks[k].start:toks[k].end]; capitalised(w) && !possessive(w) && g == " " {
			return
		}
	}
	if k == i {
		return
	}
	w := text[toks[k].start:toks[k].end]
	if g := text[toks[k].end:toks[k+1].start]; !r.words.Determiners[fold(w)] && !possessive(w) && g[0] != '\'' && !strings.HasPrefix(g, "’") {
		return
	}
	if owned && !r.otherOwner(text, toks, k, i) {
		return
	}
	// The name: the one or two capitalised words before the comma.
	j := k - 1
	if j > 0 && r.nameAt(text, toks, j-1, 2) == 2 {
		j--
	}
	if n := r.nameAt(text, toks, j, 2); n == k-j && !r.orgAfter(text, toks, k) {
		r.addRelative(text, toks, j, n, stem, true, "text: family word", fold(text[toks[i].start:toks[i].end]))
	}
}

// otherOwner reports whether one of toks[k:i] is an owner in the
// possessive that is not the requester ("the <carers'>", "<Name>'s").
func (r *register) otherOwner(text string, toks []token, k, i int) bool {
	for ; k < i; k++ {
		w := text[toks[k].start:toks[k].end]
		g := text[toks[k].end:toks[k+1].start]
		if (possessive(w) || g[0] == '\'' || strings.HasPrefix(g, "’")) && !r.subjectTok[fold(trimPossessive(w))] {
			return true
		}
	}
	return false
}

// pluralFamily is the label stem of a family word in the plural
// ("cousins", "brothers", "aunties"), or "".
func (r *register) pluralFamily(fw string) string {
	if len(fw) < 5 || fw[len(fw)-1] != 's' || fw[len(fw)-2] == 's' {
		return ""
	}
	return r.words.Family[fw[:len(fw)-1]]
}

// familyList reads the names a family word in the plural introduces, joined
// by commas, "and" or "&": "your cousins Ubah and Bilan", "his brothers
// Tom, Sam and Ray". The word is the evidence for each of them, as it is
// for "her cousin Ubah".
func (r *register) familyList(text string, toks []token, i int, stem string) {
	j := i + 1
	for n := 0; n < 6 && j < len(toks) && gapFamily(text[toks[j-1].end:toks[j].start]); n++ {
		k := r.nameAt(text, toks, j, 3)
		if k == 0 || r.orgAfter(text, toks, j+k) {
			return
		}
		r.addListed(text, toks, j, k, stem)
		j += k
		if j >= len(toks) {
			return
		}
		switch gap := text[toks[j-1].end:toks[j].start]; {
		case gap == ", ":
		case gap == " " && (fold(text[toks[j].start:toks[j].end]) == "and"):
			j++
		case gap == " & ":
		default:
			return
		}
	}
}

// familyTitle reports whether the word at toks[j] follows a relationship
// word, one space between, as a name follows a title ("Babcia Halina",
// "his nain Eirlys"): a word no list knows is a name there.
func (r *register) familyTitle(text string, toks []token, j int) bool {
	if j == 0 || text[toks[j-1].end:toks[j].start] != " " {
		return false
	}
	fam := text[toks[j-1].start:toks[j-1].end]
	if r.words.Family[fold(fam)] == "" && !r.ownChildRel[fold(fam)] {
		return false
	}
	// Written as a title inside a sentence ("with Babcia Halina"), or at
	// its start before a word that says what a person did ("Granny Tibbie
	// had been in", the packs' person-slot-next), or owned ("his nain
	// Eirlys") — not a table's row label at the start of a line ("Mother
	// Six times a year").
	if capitalised(fam) {
		return !sentenceStart(text, toks[j-1].start) || r.personSlot(text, toks, j, j)
	}
	if j < 2 {
		return false
	}
	prev := text[toks[j-2].start:toks[j-2].end]
	return possessive(prev) || r.words.Determiners[fold(prev)] && fold(prev) != "the" && fold(prev) != "a" && fold(prev) != "an"
}

func gapFamily(g string) bool {
	g = strings.TrimSpace(g)
	return g == "" || g == "," || g == ":"
}

func (r *register) addFamily(text string, toks []token, j, n int, stem, word string) {
	r.addRelative(text, toks, j, n, stem, false, "text: family word", word)
}

// addListed adds a name a plural family word introduces (familyList).
func (r *register) addListed(text string, toks []token, j, n int, stem string) {
	r.addRelative(text, toks, j, n, stem, true, "text: family word", "")
}

// addRelative adds the name at toks[j:j+n] as a relative; listed says a
// family word in the plural introduced it, so a name of one word no list
// knows is taken as the word names it. src is the reason it was found; word
// is the word that named them ("nanna", "man"), which may say their gender.
func (r *register) addRelative(text string, toks []token, j, n int, stem string, listed bool, src, word string) {
	var words []string
	for k := j; k < j+n; k++ {
		words = append(words, trimPossessive(text[toks[k].start:toks[k].end]))
	}
	// A relative called by a given name that only a member of staff is
	// known by ("his stepmother Jo" when Jo Bloggs is the social worker)
	// is somebody else: staff are nobody's family in the record.
	if r.subjectTok[fold(words[0])] || r.lookupFull(words) >= 0 || n == 1 && r.firstNameKnown(fold(words[0])) && !r.onlyStaffCalled(fold(words[0])) {
		return
	}
	if n == 1 && r.shortFormOf(plainKey(words[0]), stem) {
		return // "his mum Madzia" when a mother whose name it is short for is known: her
	}
	if f := fold(words[0]); n == 1 && !r.words.Given(f) && !r.firstNameKnown(f) && (allCaps(words[0]) || !r.familyTitle(text, toks, j) && (r.words.Everyday[f] || !listed)) {
		return // "grandmother Monthly", "Mother | Six times a year": a table cell or a word, not a name
	}
	r.add(&Person{Name: strings.Join(words, " "), Role: roleOfStem(stem), labelStem: stem, Source: src, named: word})
}

// shortFormOf reports whether the folded word f is a short form, in the
// packs' diminutives, of the given name of a register person of the
// relationship stem: a relative called by a pet name is that relative.
func (r *register) shortFormOf(f, stem string) bool {
	for _, p := range r.people {
		if p.labelStem != stem {
			continue
		}
		w := r.personWords(p)
		if len(w) == 0 {
			continue
		}
		for _, d := range r.dims[plainKey(w[0])] {
			if plainKey(d) == f {
				return true
			}
		}
	}
	return false
}

// onlyStaffCalled reports whether everyone known by the given name f is
// council staff.
func (r *register) onlyStaffCalled(f string) bool {
	any := false
	for i, p := range r.people {
		if i == subjectIdx {
			continue
		}
		if w := r.personWords(p); len(w) > 0 && fold(w[0]) == f {
			if !p.Staff() {
				return false
			}
			any = true
		}
	}
	return any
}

func (r *register) firstNameKnown(f string) bool {
	for _, p := range r.people {
		if w := r.personWords(p); len(w) > 0 && fold(w[0]) == f {
			return true
		}
		for _, n := range p.nicknames {
			if fold(n) == f {
				return true
			}
		}
	}
	return false
}

// capitalisedName detects "First Last" where First is a common given name.
func (r *register) capitalisedName(text string, toks []token, i int) int {
	w := text[toks[i].start:toks[i].end]
	if !capitalised(w) {
		return 0
	}
	n := r.nameAt(text, toks, i, 3)
	if n > 0 && r.orgBefore(text, toks, i) {
		return n // "Ysgol Thomas Hardy": a place whose name begins with its head word
	}
	if n < 2 {
		return r.givenAndInitial(text, toks, i)
	}
	if r.surnameFirst(text, toks, i) {
		// "HOLLIS Dwayne": a police record's surname in capitals, then
		// the given name — the person "Dwayne Hollis".
		sur := text[toks[i].start:toks[i].end]
		given := trimPossessive(text[toks[i+1].start:toks[i+1].end])
		r.add(&Person{Name: given + " " + sur[:1] + strings.ToLower(sur[1:]), Role: RoleOther, labelStem: "Person", Source: "text: name"})
		return 2
	}
	if !r.words.Given(fold(w)) {
		// An unlisted given name followed by a known third party's
		// surname is a new member of that family ("Ana Quist" when a
		// Quist is known).
		// So is a pair written before a job title ("Jo Quist, Lettings
		// Officer"): a person at work, whatever the given name.
		// And a given name that is more often a word, with a surname
		// where a person stands ("met Kit Arden at", "Will Arden, who").
		pair := []string{w, trimPossessive(text[toks[i+1].start:toks[i+1].end])}
		if len(w) < 2 || allCaps(w) || r.subjectTok[fold(w)] || r.lookupFull(pair) >= 0 ||
			r.thirdPartySurnameAt(pair) != 2 && !r.titledAfter(text, toks[i+1].end, fold(w)) && !r.everydayGivenPair(text, toks, i) {
			return 0
		}
		n = 2
	}
	if r.orgAfter(text, toks, i+n) {
		return n // "Thomas Hardy School": a place, not a person
	}
	var words []string
	for k := i; k < i+n; k++ {
		words = append(words, trimPossessive(text[toks[k].start:toks[k].end]))
	}
	for k := 2; k <= n; k++ {
		if j := r.lookupFull(words[:k]); j >= 0 || r.subjectTok[fold(words[0])] && r.subjectTok[fold(words[k-1])] {
			if j >= 0 {
				r.titleLater(j, text, toks[i+k-1].end)
			}
			return k // a known person, perhaps followed by a table cell ("Jo Smith Ongoing")
		}
	}
	if r.subjectTok[fold(words[0])] {
		// The requester's own given name followed by capitalised words is
		// them at a sentence or cell edge, not a new person, unless the next
		// word is a known third party's surname (a relative sharing the name).
		if k := r.thirdPartySurnameAt(words); k > 0 {
			n, words = k, words[:k]
		} else {
			return 1
		}
	}
	if n == 3 && !r.words.GivenNames[fold(words[1])] && len(words[1]) > 1 && !r.particles[fold(words[1])] {
		// "First Middle Last" is rare; a third capitalised word is more
		// often the next table cell or sentence.
		n, words = 2, words[:2]
	}
	p := &Person{Name: strings.Join(words, " "), Role: RoleOther, labelStem: "Person", Source: "text: name"}
	r.applyJobTitle(p, text, toks[i+n-1].end)
	r.add(p)
	return n
}

// applyJobTitle reads what follows a name ("Jo Bloggs, Social Worker",
// "Jo Bloggs\nTeam Manager", "Jo Bloggs (GP)").
func (r *register) applyJobTitle(p *Person, text string, end int) {
	rest := text[end:]
	if len(rest) > 80 {
		rest = rest[:80]
	}
	rest = strings.TrimLeft(rest, " ,-–|(:\n\t")
	council, partner := jobTitleKind(r.words, rest)
	switch {
	case partner, council && r.headOrg:
		// a council title in another organisation's own document
		// ("Staff on duty: <name> (key worker)" in a care provider's
		// incident report) is that organisation's worker
		p.Role, p.labelStem, p.Source = RolePartnerStaff, "Professional", "signature"
	case council:
		p.Role, p.labelStem, p.Source = RoleProfessional, "", "signature"
	case r.otherTitle(rest):
		// A title neither list holds: the council's own are listed, so
		// another organisation's officer.
		p.Role, p.labelStem, p.Source = RolePartnerStaff, "Professional", "signature"
	}
}

// titledAfter reports whether the text at end, after a capitalised pair
// whose first word is f, is a job title: ", Lettings Officer".
func (r *register) titledAfter(text string, end int, f string) bool {
	if r.words.Everyday[f] || r.words.NotName[f] || r.words.Function[f] {
		return false
	}
	rest := text[end:]
	if len(rest) > 80 {
		rest = rest[:80]
	}
	if !strings.HasPrefix(rest, ", ") && !strings.HasPrefix(rest, " (") && !strings.HasPrefix(rest, " – ") {
		return false
	}
	rest = strings.TrimLeft(rest, " ,-–(")
	council, partner := jobTitleKind(r.words, rest)
	return council || partner || r.otherTitle(rest)
}

// titledBefore registers a name of two or three capitalised words written
// right after a job title in lower case ("the Tigrinya interpreter <First
// Last>", "her support worker <First Last>"): a person at work, whatever
// their given name; the title's words say whose (jobTitleKind), and one no
// list holds, the council's own being listed, is another organisation's.
// It returns how many words the name takes, or 0.
func (r *register) titledBefore(text string, toks []token, i int) int {
	w := text[toks[i].start:toks[i].end]
	if !r.titleHeads[w] || i+1 >= len(toks) || text[toks[i].end:toks[i+1].start] != " " {
		return 0
	}
	n := r.nameAt(text, toks, i+1, 3)
	if n < 2 {
		return 0
	}
	var words []string
	for k := i + 1; k < i+1+n; k++ {
		words = append(words, trimPossessive(text[toks[k].start:toks[k].end]))
	}
	if r.subjectTok[fold(words[0])] || r.lookupFull(words) >= 0 || r.orgAfter(text, toks, i+1+n) {
		return 0
	}
	a := i
	for a > 0 && i-a < 2 && text[toks[a-1].end:toks[a].start] == " " && !r.words.Function[fold(text[toks[a-1].start:toks[a-1].end])] &&
		!r.words.Determiners[fold(text[toks[a-1].start:toks[a-1].end])] && !ownerPronoun[fold(text[toks[a-1].start:toks[a-1].end])] {
		a--
	}
	p := &Person{Name: strings.Join(words, " "), Role: RolePartnerStaff, labelStem: "Professional", Source: "text: job title"}
	if council, partner := jobTitleKind(r.words, text[toks[a].start:toks[i].end]); council && !partner && !r.headOrg {
		p.Role, p.labelStem = RoleProfessional, ""
	}
	r.add(p)
	return n
}

// partnerHeaded reports whether a document's first lines name the
// organisation of a persons.json worker of another agency ("<Home> - <Name>
// Care Ltd" over a care provider's incident reports): its own document,
// whose staff are its workers whatever their titles.
func (r *register) partnerHeaded(text string) bool {
	var head []string
	for rest := text; len(head) < 3 && rest != "" && len(text)-len(rest) < 400; {
		line, after, _ := strings.Cut(rest, "\n")
		if l := strings.TrimSpace(line); l != "" {
			head = append(head, strings.ToLower(l))
		}
		rest = after
	}
	if r.partnerOrgs == nil {
		r.partnerOrgs = []string{}
		for _, p := range r.people {
			if a := strings.ToLower(strings.TrimSpace(p.Agency)); p.Role == RolePartnerStaff && len(a) >= 4 {
				r.partnerOrgs = append(r.partnerOrgs, a)
			}
		}
	}
	for _, a := range r.partnerOrgs {
		for _, l := range head {
			if strings.Contains(l, a) {
				return true
			}
		}
	}
	return false
}

// otherTitle reports whether s opens with a job title no list holds: one
// to three capitalised words, the last one of the packs' job-title-heads
// ("Lettings Officer.", "Tenancy Sustainment Worker)").
func (r *register) otherTitle(s string) bool {
	f := strings.Fields(s[:min(len(s), 60)])
	for k := 0; k < len(f) && k < 3; k++ {
		w := f[k]
		end := strings.TrimRight(w, ".,;:)")
		if end == "" || !capitalised(end) || allCaps(end) {
			return false
		}
		if r.titleHeads[fold(end)] {
			return true
		}
		if end != w {
			return false
		}
	}
	return false
}

// givenAndInitial registers a listed given name followed by one capital
// letter that ends the name ("Kacey S, Brandon O"): residential logs and
// rosters name the other young people in placement so. The initial must
// close the name — punctuation, a line end or a small word follows — so
// "Jo I think" and "Jo A Smith" are not read so. A surname initial that
// fits a known person is that person; a given name only staff are known
// by is staff written short.
func (r *register) givenAndInitial(text string, toks []token, i int) int {
	if i+1 >= len(toks) {
		return 0
	}
	w := text[toks[i].start:toks[i].end]
	f := fold(w)
	t := toks[i+1]
	x := text[t.start:t.end]
	if len(x) != 1 || !isUpperASCII(x[0]) || x == "I" || text[toks[i].end:t.start] != " " ||
		!r.words.GivenNames[f] || r.subjectTok[f] || allCaps(w) {
		return 0
	}
	if rest := strings.TrimPrefix(text[t.end:], "."); rest != "" {
		c := rest[0]
		switch {
		case c == ',' || c == ';' || c == ')' || c == '\n' || c == '\r' || c == ':':
		case c == ' ' && len(rest) > 1 && (rest[1] >= 'a' && rest[1] <= 'z' || rest[1] == '('):
		case c == ' ' && text[t.end] == '.':
		default:
			return 0
		}
	}
	words := []string{w, x}
	if r.lookupFull(words) >= 0 || r.firstNameKnown(f) && r.onlyStaffCalled(f) {
		return 2
	}
	r.add(&Person{Name: w + " " + x, Role: RoleOther, labelStem: "Person", Source: "text: name"})
	return 2
}

// titleLater gives a person first found by name alone the job title a
// later mention shows: a shift log lists "Jo Bloggs" among staff on shift,
// and the incident record beside it writes "Jo Bloggs (Residential Support
// Worker)". Only a name heuristic's guess changes; what persons.json or a
// signature said stands.
func (r *register) titleLater(i int, text string, end int) {
	q := r.people[i]
	if q.Role != RoleOther || q.Source != "text: name" {
		return
	}
	p := &Person{Role: RoleOther}
	r.applyJobTitle(p, text, end)
	if p.Role != RoleOther {
		q.Role, q.labelStem, q.Source = p.Role, p.labelStem, p.Source
	}
}

// orgBefore reports whether the word before toks[i] begins the name of a
// place in a language that puts its head word first ("Ysgol", "Coleg",
// "Scoil": rules.People.HeadBefore): the capitalised words from i name
// that place.
func (r *register) orgBefore(text string, toks []token, i int) bool {
	return i > 0 && i < len(toks) && r.words.HeadBefore(text, toks[i].start)
}

// orgAfter reports whether the word at toks[e] makes the capitalised words
// before it an organisation or place ("Thomas Hardy School", "Westshire
// Advocacy Service").
func (r *register) orgAfter(text string, toks []token, e int) bool {
	return e < len(toks) && e > 0 && r.words.NotName[fold(text[toks[e].start:toks[e].end])] &&
		text[toks[e-1].end:toks[e].start] == " " && capitalised(text[toks[e].start:toks[e].end])
}

// sentenceStart reports whether off begins a sentence or line: only spaces
// between it and a full stop, question or exclamation mark, or a line break.
func sentenceStart(text string, off int) bool {
	for i := off - 1; i >= 0; i-- {
		switch text[i] {
		case ' ', '\t', '"', '\'':
			continue
		case '.', '!', '?', '\n', ':', '(':
			return true
		}
		return false
	}
	return true
}

// familyPlural finds a family the register does not know, named in the
// plural: "the", a capitalised word ending in s whose singular is no
// everyday word or given name, and after it a word of the people pack's
// family-plural-next list ("the <Surname>s have asked", "the <Surname>s
// next door"). The family is one third party.
func (r *register) familyPlural(text string, toks []token, i int) bool {
	if len(r.pluralNext) == 0 || i == 0 || i+1 >= len(toks) || !strings.EqualFold(text[toks[i-1].start:toks[i-1].end], "the") {
		return false
	}
	w := text[toks[i].start:toks[i].end]
	fw := fold(w)
	if len(w) < 5 || !capitalised(w) || allCaps(w) || !strings.HasSuffix(w, "s") || strings.HasSuffix(w, "ss") {
		return false
	}
	sing := strings.TrimSuffix(fw, "s")
	ws := r.words
	if ws.Everyday[fw] || ws.Everyday[sing] || ws.NotName[fw] || ws.NotName[sing] || ws.GivenNames[sing] || ws.GivenNames[fw] ||
		r.subjectTok[sing] || r.surnameKnown(sing) {
		return false
	}
	if strings.TrimSpace(text[toks[i].end:toks[i+1].start]) != "" || !r.pluralNext[fold(text[toks[i+1].start:toks[i+1].end])] {
		return false
	}
	r.add(&Person{Name: w, Role: RoleOther, labelStem: "Person", Source: "text: family named in the plural"})
	return true
}

// everydayGivenPair reports whether toks[i] and toks[i+1] are a given name
// that is more often an everyday word (the packs' everyday-given-names) and
// a surname: the second word no everyday word, and the pair standing where
// a person does (personSlot) or opening a clause that says who they are
// (", who", ", whose").
func (r *register) everydayGivenPair(text string, toks []token, i int) bool {
	if !r.everydayGiven[fold(text[toks[i].start:toks[i].end])] || i+1 >= len(toks) {
		return false
	}
	sur := fold(trimPossessive(text[toks[i+1].start:toks[i+1].end]))
	if len(sur) < 2 || r.words.Everyday[sur] {
		return false
	}
	after := text[toks[i+1].end:]
	return r.personSlot(text, toks, i, i+1) || strings.HasPrefix(after, ", who ") || strings.HasPrefix(after, ", whose ")
}

// surnameFirst reports whether toks[i] and toks[i+1] are a surname in
// capitals and a given name, as police and court papers write a person
// ("HOLLIS Dwayne", "O'BRIEN Kerry"): the first all capitals, three
// letters or more, no acronym, initialism or everyday word; the second a
// given name in title case.
func (r *register) surnameFirst(text string, toks []token, i int) bool {
	if i+1 >= len(toks) || text[toks[i].end:toks[i+1].start] != " " {
		return false
	}
	w, g := text[toks[i].start:toks[i].end], trimPossessive(text[toks[i+1].start:toks[i+1].end])
	if len(w) < 3 || !allCaps(w) {
		return false
	}
	fw := fold(w)
	if r.notInitials[fw] || r.words.Everyday[fw] || r.words.NotName[fw] || r.words.Given(fw) || r.subjectTok[fw] {
		return false
	}
	return capitalised(g) && !allCaps(g) && r.words.Given(fold(g)) && !r.words.Everyday[fold(g)]
}
