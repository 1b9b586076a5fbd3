package suggest

import (
	"github.com/disclose-sar/disclose/internal/rules"
	"regexp"
	"sort"
	"strings"

	"github.com/disclose-sar/disclose/internal/record"
)

// register is the record's person register while it is being built and used.
type register struct {
	people         []*Person
	byName         map[string]int // folded canonical name → index
	home           string         // the council's name (most common agency of its professionals)
	homeDomain     string         // the council's email domain
	homeOrgs       []string       // the record holder's organisations (home.go)
	homeWords      [][]string     // their names' words, for namesHome
	docs           []record.Document
	subjectTok     map[string]bool
	m              *matcher
	ambiguous      map[string]bool // folded first names shared by several people
	subjectList    []string
	aliases        []alias              // nicknames seen in the text, resolved after every document is read
	words          *rules.People        // the packs' person vocabulary (setWords)
	persons        []record.Person      // persons.json, for the home council (setWords)
	cueFirst       map[string]bool      // the first words of the nickname cues
	usedAsName     map[string]bool      // short words the record writes capitalised inside a sentence
	dims           map[string][]string  // given name → short forms (the packs' "diminutives" list)
	pluralNext     map[string]bool      // words after a family named in the plural (the packs' "family-plural-next")
	lone           map[string]*loneName // given names written alone (detect_lone.go)
	informal       bool                 // the document being read is informal writing (detect_lone.go)
	placeBefore    map[string]bool      // words that place a capitalised word after them (the packs' "place-before")
	ownChild       map[string]bool      // words naming the requester's own child before a name (the packs' "own-child-words")
	petWords       map[string]bool      // animals a household keeps: a name just after one is a pet's (the packs' "pet-words")
	calledPerson   map[string]bool      // words for a person "called <Name>" may follow (the packs' "called-person-words")
	everydayGiven  map[string]bool      // given names more often everyday words (the packs' "everyday-given-names")
	particles      map[string]bool      // surname particles ("ní", "van", "bin": the packs' "name-particles")
	greetings      [][]string           // greetings of more than one word (the packs' "greetings"), folded words
	ownChildRel    map[string]bool      // relationships that make a persons.json entry the requester's own child
	langWords      map[string]string    // everyday word of another language → the language (the packs' "other-language-words")
	titleHeads     map[string]bool      // last words of job titles no list holds (the packs' "job-title-heads")
	slotBefore     map[string]bool      // words before a person's place in a sentence (the packs' "person-slot-before")
	slotNext       map[string]bool      // inflected words after it (the packs' "person-slot-next")
	notInitials    map[string]bool      // everyday abbreviations, never initials (the packs' "initialisms")
	slotInits      []string             // marked initials seen in a person's place (initials.go), added once the record is read
	plainSlotInits []string             // plain two- or three-letter capitals seen in a person's place, added unless the record writes them as a thing
	lettersThing   map[string]bool      // capitals the record writes as a thing ("the YOS", "(DWP)"): never someone's initials
	gender         *aboutWords          // the packs' gender words: whose title is "Mr" (setGender)
	knownAgency    agencyLookup         // the agency the packs know by a name (otherOrg)

	// headOrg: the document being read is headed by another
	// organisation a persons.json worker is listed with (partnerHeaded);
	// partnerOrgs: those organisations, folded, once read
	headOrg     bool
	partnerOrgs []string

	// roleKept reports the agency kinds whose staff keep the role the
	// persons list gives them (staff-role-kept-kinds; otherOrg).
	roleKept func(kind string) bool
}

// setGender gives the register the packs' gender words, so a person's
// titled forms fit their sex (a mother is "Mrs Smith", never "Mr Smith").
func (r *register) setGender(w *aboutWords) { r.gender = w }

// personGender is a register person's gender as their relationship, kind
// or title gives it; genderAny when they say nothing or no words are set.
func (r *register) personGender(p *Person) byte {
	if r.gender == nil {
		return genderAny
	}
	return r.gender.genderOf(p)
}

// titleGender is the gender a courtesy title gives ("Mrs" → genderF);
// genderAny for one that gives none ("Dr", "Mx").
func (r *register) titleGender(t string) byte {
	if r.gender == nil {
		return genderAny
	}
	return r.gender.gender[fold(t)]
}

const subjectIdx = 0

func newRegister(rec *record.Record) *register {
	r := &register{byName: map[string]int{}, subjectTok: map[string]bool{}, ambiguous: map[string]bool{}, usedAsName: map[string]bool{},
		lone: map[string]*loneName{}, placeBefore: map[string]bool{}, ownChild: map[string]bool{}, petWords: map[string]bool{}, calledPerson: map[string]bool{}, ownChildRel: map[string]bool{}, titleHeads: map[string]bool{},
		slotBefore: map[string]bool{}, slotNext: map[string]bool{}, notInitials: map[string]bool{}, lettersThing: map[string]bool{}}
	s := &Person{Key: "subject", Name: rec.Subject.Name, Role: RoleSubject, Label: "You", Source: "subject.json", DOB: rec.Subject.DOB, first: -1}
	r.people = append(r.people, s)
	r.subjectList = rec.Subject.Names()
	for _, n := range rec.Subject.Names() {
		r.byName[plainKey(strings.Join(strings.Fields(n), " "))] = subjectIdx
		for _, t := range tokenize(n) {
			w := fold(n[t.start:t.end])
			r.subjectTok[w] = true
			for _, part := range strings.Split(w, "-") {
				r.subjectTok[part] = true
			}
		}
	}
	r.persons = rec.Persons
	r.homeDomain = homeDomain(rec.Documents)
	r.docs = rec.Documents
	return r
}

// homeCouncil is the council whose record this is: of the agencies the
// record's professionals work for, the one most of them work for among
// those that name a council by the packs' council-words ("Westshire
// Council", "Northtown Borough"), else among those whose staff hold a
// council job title (a Health and Social Care Trust's social workers:
// home.go), else among those no partner word marks as another agency,
// else among all. Names of one organisation written two ways ("Westvale
// HSC Trust") count together. An expert's practice or a school named as
// often is never the home council.
func homeCouncil(v *rules.People, ps []record.Person) string {
	count := map[string]int{}
	titled := map[string]bool{}
	for _, p := range ps {
		if p.Role == record.RoleProfessional && strings.TrimSpace(p.Agency) != "" {
			count[p.Agency]++
			titled[p.Agency] = titled[p.Agency] || councilTitled(v, p)
		}
	}
	grouped := map[string]int{}
	for a := range count {
		for b, c := range count {
			if a == b || sameOrgName(b, a) {
				grouped[a] += c
			}
		}
	}
	councilLike := func(a string) bool { return councilName(v, a) }
	for _, keep := range []func(string) bool{councilLike, func(a string) bool { return titled[a] },
		func(a string) bool { return !partnerAgency(v, a, "") }, func(string) bool { return true }} {
		best, n := "", 0
		for a, c := range grouped {
			if keep(a) && (c > n || c == n && a < best) {
				best, n = a, c
			}
		}
		if best != "" {
			return best
		}
	}
	return ""
}

// homeDomain is the public-sector (gov.uk, gov.wales, gov.scot) e-mail
// domain seen most often in the record's headers.
func homeDomain(docs []record.Document) string {
	return commonDomain(docs, func(a record.Address) bool {
		d := domainOf(a.Email)
		return strings.HasSuffix(d, ".gov.uk") || strings.HasSuffix(d, ".gov.wales") || strings.HasSuffix(d, ".gov.scot")
	})
}

// commonDomain is the domain seen most often in the record's e-mail headers
// on the addresses keep accepts; "" when it accepts none.
func commonDomain(docs []record.Document, keep func(record.Address) bool) string {
	count := map[string]int{}
	for i := range docs {
		e := docs[i].Email
		if e == nil {
			continue
		}
		for _, list := range [][]record.Address{e.From, e.To, e.Cc} {
			for _, a := range list {
				if d := domainOf(a.Email); d != "" && keep(a) {
					count[d]++
				}
			}
		}
	}
	best, n := "", 0
	for d, c := range count {
		if c > n || c == n && d < best {
			best, n = d, c
		}
	}
	return best
}

func domainOf(addr string) string {
	if at := strings.LastIndexByte(addr, '@'); at >= 0 {
		return strings.ToLower(strings.TrimSpace(addr[at+1:]))
	}
	return ""
}

// nameWords returns the words of a name without titles, collar numbers or
// punctuation: "PC 1234 Ravi Dent" → Ravi Dent; "Dr R. Patel" → R Patel.
func (r *register) nameWords(name string) []string { return nameWordsOf(name, r.words.Titles) }

// personWords returns the words of p's name (see nameWords), cached: a
// name is fixed once the person is in the register.
func (r *register) personWords(p *Person) []string {
	if p.nameW == nil {
		p.nameW = r.nameWords(p.Name)
	}
	return p.nameW
}

// nameWordsOf is nameWords with the titles given (the packs' name-titles).
func nameWordsOf(name string, titles map[string]bool) []string {
	var out []string
	for _, t := range tokenize(name) {
		w := name[t.start:t.end]
		if titles[fold(w)] || w[0] >= '0' && w[0] <= '9' {
			continue
		}
		out = append(out, trimPossessive(w))
	}
	return out
}

// trimPossessive drops "'s" from a name word: "Smith's" → "Smith".
func trimPossessive(w string) string {
	for _, suf := range []string{"'s", "’s", "'S", "’S"} {
		if strings.HasSuffix(w, suf) && len(w) > len(suf)+1 {
			return w[:len(w)-len(suf)]
		}
	}
	return w
}

// isSubjectName reports whether a name is one of the requester's.
func (r *register) isSubjectName(name string) bool {
	i, ok := r.byName[plainKey(strings.Join(r.nameWords(name), " "))]
	return ok && i == subjectIdx
}

// add puts a person in the register, or returns the one already there with
// the same name. A stronger source (persons.json) keeps its role.
func (r *register) add(p *Person) int {
	words := r.nameWords(p.Name)
	if len(words) == 0 {
		return -1
	}
	key := plainKey(strings.Join(words, " "))
	p.Name = trimPossessive(p.Name) // found as "Jo Smith's": the person is Jo Smith
	if i, ok := r.byName[key]; ok {
		q := r.people[i]
		if q.Role == RoleOther && p.Role != RoleOther && q.Source != "persons.json" {
			q.Role, q.labelStem = p.Role, p.labelStem
		}
		return i
	}
	p.first = -1
	r.people = append(r.people, p)
	r.byName[key] = len(r.people) - 1
	return len(r.people) - 1
}

// lookupFull finds a known person by a full name ("Jo Smith") or by a first
// name plus surname that belong to one person.
func (r *register) lookupFull(words []string) int {
	if i, ok := r.byName[plainKey(strings.Join(words, " "))]; ok {
		return i
	}
	if len(words) < 2 {
		return -1
	}
	f, l := plainKey(words[0]), plainKey(words[len(words)-1])
	found := -1
	for i, p := range r.people {
		pw := r.personWords(p)
		if len(pw) >= 2 && sameName(plainKey(pw[0]), f) && sameName(plainKey(pw[len(pw)-1]), l) {
			if found >= 0 {
				return found
			}
			found = i
		}
	}
	if found >= 0 {
		return found
	}
	return r.lookupShort(f, l)
}

// lookupShort finds the one person with surname l whose given name f is a
// name they go by: a nickname the record attests ("known as Dottie") or a
// diminutive of their given name in the packs ("Jim" for James). "Dottie
// Lyle" in an e-mail header is then Dorothy Lyle, not somebody new.
//
// A surname written as its initial ("Magda W", as e-mail display names
// often are) matches the surname it begins, and then the given name itself
// goes too.
func (r *register) lookupShort(f, l string) int {
	found := -1
	initial := len([]rune(l)) == 1
	for i, p := range r.people {
		pw := r.personWords(p)
		if i == subjectIdx || len(pw) < 2 {
			continue
		}
		if sur := plainKey(pw[len(pw)-1]); sur != l && !(initial && strings.HasPrefix(sur, l)) {
			continue
		}
		goes := initial && plainKey(pw[0]) == f
		for _, n := range p.nicknames {
			goes = goes || plainKey(n) == f
		}
		for _, d := range r.dims[plainKey(pw[0])] {
			goes = goes || plainKey(d) == f
		}
		if !goes {
			continue
		}
		if found >= 0 {
			return -1 // two people go by it: neither is sure
		}
		found = i
	}
	return found
}

// setWords gives the register the packs' person vocabulary.
func (r *register) setWords(v *rules.People) {
	r.words, r.cueFirst = v, map[string]bool{}
	r.home = homeCouncil(v, r.persons)
	r.setHome(r.docs)
	for _, c := range v.NicknameCues {
		if len(c) > 0 {
			r.cueFirst[c[0]] = true
		}
	}
}

// agencyLookup finds the agency the packs know by a name.
type agencyLookup func(name string) (rules.AgencyTerm, bool)

// addKnown adds persons.json people.
func (r *register) addKnown(ps []record.Person) {
	for _, p := range ps {
		if p.Role == record.RoleSubject || r.isSubjectName(p.Name) {
			continue
		}
		if p.Email != "" {
			r.addressAlias(p.Name, p.Email)
		}
		role, stem := roleFor(r.words, p, r.home)
		if role == RoleProfessional && r.otherOrg(p) {
			role, stem = RolePartnerStaff, "Professional"
		}
		if role != RoleProfessional && role != RolePartnerStaff && r.ownChildRelation(p.Relationship) {
			role, stem = RoleOwnChild, ""
		}
		nicks := append(append([]string(nil), p.Nicknames...), r.cuedNicknames(p.Relationship)...)
		r.add(&Person{Name: p.Name, Role: role, labelStem: stem, Relationship: p.Relationship, Agency: p.Agency,
			Source: "persons.json", DOB: p.DOB, nicknames: nicks, address: p.Address, phone: p.Phone})
	}
}

// ownChildRelation reports whether a persons.json relationship makes the
// person the requester's own child: its first relationship word is one of
// the packs' own-child-relationships ("daughter", "son") and nothing owns
// it but the requester ("subject's daughter", "her son", "daughter").
// "Foster carers' daughter" and "father of subject's daughter" are others.
func (r *register) ownChildRelation(rel string) bool {
	if len(r.ownChildRel) == 0 {
		return false
	}
	words := strings.FieldsFunc(strings.ToLower(rel), func(c rune) bool {
		return !isWordRune(c) && c != '-' && c != '\'' && c != '’'
	})
	prev := ""
	for _, w := range words {
		base := strings.Trim(w, "-'’")
		switch {
		case r.ownChildRel[base]:
			return prev == "" || requesterOwner(prev)
		case r.words.Family[base] != "":
			return false // someone else's relation comes first ("father of subject's daughter")
		case possessive(w) && !requesterOwner(w):
			return false // someone else's child ("foster carer's daughter")
		}
		prev = w
	}
	return false
}

// requesterOwner reports whether a word before a relationship in
// persons.json makes it the requester's: the list describes everyone from
// the requester's side ("subject's", "young person's", "her", "the").
func requesterOwner(w string) bool {
	switch w {
	case "subject's", "requester's", "person's", "her", "his", "their", "own", "the":
		return true
	}
	return false
}

// otherOrg reports whether a persons.json professional works for an
// organisation that is not the record holder: their agency is none of the
// record holder's names (homeOrgs), and their job title is no council one
// ("Amharic interpreter" at "<Name> Interpreting", a psychologist at
// "<Name> Psychology Ltd"), it does not open with the record holder's
// place ("Westshire Leaving Care Team" is Westshire Council's), and the
// packs know it as no agency (a public body such as the Children's
// Reporter keeps the role the person lists give it). Such a worker, a
// private firm's, is a third party like a partner agency's; with no record
// holder known, everyone is taken as its staff.
func (r *register) otherOrg(p record.Person) bool {
	a := strings.ToLower(strings.TrimSpace(p.Agency))
	if a == "" || len(r.homeOrgs) == 0 || r.isHomeOrg(p.Agency) {
		return false
	}
	if r.knownAgency != nil {
		if t, ok := r.knownAgency(p.Agency); ok {
			// An agency the packs know is another organisation, even
			// when its name opens with the council's place or its
			// worker's title is one a council uses too; the kinds of
			// staff-role-kept-kinds keep the role the persons list
			// gives them.
			return r.roleKept == nil || !r.roleKept(t.Kind)
		}
	}
	if councilTitled(r.words, p) || r.namesHome(p.Agency) {
		return false
	}
	for _, h := range r.homeOrgs {
		if sameCouncil(a, strings.ToLower(h)) {
			return false
		}
	}
	return true
}

// addEmailPeople adds people named in email headers: council staff by the
// council's domain, partner-agency staff by theirs, anyone else as a third
// party. The requester's own address is remembered so it is never suggested.
func (r *register) addEmailPeople(docs []record.Document, partnerDomain func(string) bool, subjectEmails map[string]bool) {
	for i := range docs {
		e := docs[i].Email
		if e == nil {
			continue
		}
		for _, list := range [][]record.Address{e.From, e.To, e.Cc} {
			for _, a := range list {
				name := displayName(a.Name)
				if name == "" {
					if r.isSubjectName(strings.ReplaceAll(localPart(a.Email), ".", " ")) {
						subjectEmails[strings.ToLower(a.Email)] = true
					}
					continue
				}
				if r.isSubjectName(name) || subjectEmails[strings.ToLower(a.Email)] || r.subjectShortName(name) {
					subjectEmails[strings.ToLower(a.Email)] = true
					continue
				}
				if len(r.nameWords(name)) < 2 || mailboxName(r.words, name) {
					continue
				}
				d := domainOf(a.Email)
				p := &Person{Name: name, Role: RoleOther, labelStem: "Person", Source: "email header"}
				switch {
				case d != "" && d == r.homeDomain:
					p.Role, p.labelStem = RoleProfessional, ""
				case partnerDomain(a.Email):
					p.Role, p.labelStem = RolePartnerStaff, "Professional"
				}
				r.addressAlias(name, a.Email)
				if j := r.lookupFull(r.nameWords(name)); j >= 0 {
					continue
				}
				r.add(p)
			}
		}
	}
}

// displayName turns "Smith, Jo" into "Jo Smith".
func displayName(s string) string {
	s = strings.Trim(strings.TrimSpace(s), `"'`)
	if i := strings.IndexByte(s, ','); i > 0 && !strings.Contains(s[i+1:], ",") {
		s = strings.TrimSpace(s[i+1:]) + " " + strings.TrimSpace(s[:i])
	}
	return s
}

// addressAlias records the short form a person's own e-mail address shows
// they go by: its local part pairs their surname with a short form of
// their given name ("jo.smith" for "Joanna Smith" → "Jo") — a prefix of it,
// or one of its diminutives. The record itself attests the form, so it is
// one of their names (matched also in lower case in informal text), not a
// guess.
func (r *register) addressAlias(name, addr string) {
	w := r.nameWords(name)
	if len(w) < 2 {
		return
	}
	given, sur := fold(w[0]), fold(trimPossessive(w[len(w)-1]))
	parts := strings.FieldsFunc(strings.ToLower(localPart(addr)), func(c rune) bool { return c < 'a' || c > 'z' })
	hasSur := false
	for _, t := range parts {
		hasSur = hasSur || t == sur
	}
	if !hasSur {
		return
	}
	for _, t := range parts {
		if t == sur || t == given || len(t) < 3 || r.words.NotName[t] || r.words.Function[t] || r.words.Titles[t] {
			continue
		}
		short := strings.HasPrefix(given, t)
		for _, d := range diminutives(r.dims, r.words.GivenNames, w[0]) {
			short = short || fold(d) == t
		}
		if short {
			r.aliases = append(r.aliases, alias{owner: w, nick: strings.ToUpper(t[:1]) + t[1:]})
		}
	}
}

// namedAddress is "Jo Smith <jo.smith@example.org>" in running text: a
// forwarded or quoted message's header, a signature.
var namedAddress = regexp.MustCompile(`([\p{Lu}][\p{L}'’-]+(?: [\p{Lu}][\p{L}'’-]+){1,3})\s*<([^<>@\s]+@[^<>\s]+)>`)

// textAddressAliases records the short forms the named addresses in a
// document's text attest (addressAlias).
func (r *register) textAddressAliases(text string) {
	if !strings.Contains(text, "@") {
		return
	}
	for _, m := range namedAddress.FindAllStringSubmatch(text, -1) {
		r.addressAlias(m[1], m[2])
	}
}

func localPart(addr string) string {
	if at := strings.IndexByte(addr, '@'); at >= 0 {
		return addr[:at]
	}
	return addr
}

// addAuthors adds case-note authors: council staff writing in the council's
// own system.
func (r *register) addAuthors(docs []record.Document) {
	for i := range docs {
		d := &docs[i]
		a := d.Author
		if a == "" && d.Meta != nil {
			a = d.Meta["author"]
		}
		words := r.nameWords(a)
		if len(words) < 2 || !r.words.Given(fold(words[0])) || r.lookupFull(words) >= 0 {
			continue
		}
		role := RoleProfessional
		if d.Meta != nil {
			if _, partner := jobTitleKind(r.words, d.Meta["author_role"]); partner {
				role = RolePartnerStaff
			}
		}
		r.add(&Person{Name: strings.Join(words, " "), Role: role, Source: "case-note author"})
	}
}

// sortedFirstNames lists each folded first name with the people who have it.
func (r *register) firstNameOwners() map[string][]int {
	out := map[string][]int{}
	for i, p := range r.people {
		if i == subjectIdx {
			continue
		}
		w := r.personWords(p)
		if len(w) >= 2 && len(w[0]) > 1 {
			f := fold(w[0])
			out[f] = append(out[f], i)
		}
	}
	for _, v := range out {
		sort.Ints(v)
	}
	return out
}

// roleOfWord is the role of the person a relationship word names ("gran":
// family, "friend": someone else); "" for a word that is none.
func (r *register) roleOfWord(word string) string {
	stem := r.words.Family[word]
	if stem == "" {
		return ""
	}
	return stemRole(stem)
}
