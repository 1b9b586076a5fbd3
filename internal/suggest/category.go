package suggest

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/disclose-sar/disclose/internal/rules"
)

// Genders a referent may have; genderAny when neither the register nor the
// text says.
const (
	genderAny byte = iota
	genderF
	genderM
)

// aboutWords are the packs' words for telling who a sentence is about
// (sensitive-categories.yaml): pronouns, role nouns and gender words, the
// category rules and the third-party message rule. Nil parts switch the
// matching step off, so a council pack set without them still loads.
type aboutWords struct {
	// authorCol: table column headings that name who wrote a row ("By",
	// "Recorded by": the packs' author-cues): a name in such a cell is the
	// row's author, not whom it is about.
	authorCol     map[string]bool
	pronoun       map[string]byte // she/her → genderF, he/his → genderM
	first         map[string]bool // I, me, my, we…: the author of the text
	second        map[string]bool // you, your…: whom it is written to
	role          map[string]byte // mother → genderF, uncle → genderM, partner → genderAny
	gender        map[string]byte // words in a relationship or title that give a gender
	group         map[string]bool // "children", "young person": a group that takes in the requester
	groupCompound map[string]bool // "protection" after "child": a name for a thing, no group
	doneTo        map[string]bool // categories in which an act done to the requester is theirs (about-done-to-categories)
	household     map[string]bool // "family", "household": a household named as one
	definite      map[string]bool // words after which a plural role noun is particular people ("the carers")
	takenTo       map[string]bool // words after the requester as an object that lead to where they were taken ("to", "for")
	adultsKw      *matcher        // the keywords of the about rules of the categories in which a household is its adults (about-household-categories; entry person: index into adults)
	adults        []*rules.Rule
	rules         []*rules.Rule          // KindAbout, one per category
	message       *rules.Rule            // KindThirdPartyMessage
	person        *rules.Rule            // the first KindAboutPerson rule: a third party's own story (record lines too)
	story         map[string]*rules.Rule // each register role a KindAboutPerson rule covers: its rule
	with          map[string]bool        // words that take the requester in without naming them
	withCarer     map[string]bool        // words that, said of a carer, are of their care of the requester ("the placement")
	object        map[string]bool        // words after "her" that make it an object ("helps her with")
	fronting      map[string]bool        // words that open a clause before the main one ("While …, Mum said")
	saying        map[string]bool        // verbs whose following pronoun is the sayer ("Jo told Sam she …")
	oblique       map[string]bool        // words before a mention on the side of its sentence ("with her mum")
	plural        map[string]bool        // they, their: a plural pronoun opening a sentence (resolvePlural)
	knowing       map[string]bool        // verbs of knowing that open a clause of its own ("let you know Jo has …")
	closing       map[string]bool        // how a letter closes before its writer's name ("yours sincerely")
	greeting      *regexp.Regexp         // how a message opens before whom it greets (the packs' greetings), at a line's start
	keptFrom      [][]string             // asking that something be kept from the requester ("don't mention"), folded words
	placeWord     map[string]bool        // words that put a third party in a place just after their name ("<name> in <town>")
	shared        map[string]bool        // categories whose clause with the requester as the other person stays (about-shared-categories)
	residence     map[string]bool        // words that say someone lives somewhere (place-residence-words), folded; two-word ones joined by a space
	contact       *rules.Rule            // the about rule of contact details: where a person is
	maxLen        int                    // the longest person word, in bytes: longer tokens are skipped unread
}

func newAboutWords(set *rules.Set) *aboutWords {
	w := &aboutWords{pronoun: map[string]byte{}, first: map[string]bool{}, second: map[string]bool{},
		role: map[string]byte{}, gender: map[string]byte{}, group: map[string]bool{}, closing: map[string]bool{},
		with: map[string]bool{}, object: map[string]bool{}, fronting: map[string]bool{}}
	var greet []string
	for _, s := range set.List("greetings") {
		greet = append(greet, strings.ReplaceAll(regexp.QuoteMeta(s), " ", `[ \t]+`))
	}
	if len(greet) > 0 {
		w.greeting = regexp.MustCompile(`(?i)^[ \t>]*(?:` + strings.Join(greet, "|") + `)[ \t,]+`)
	}
	for _, s := range set.List("about-fronting") {
		w.fronting[fold(s)] = true
	}
	w.saying = foldedWords(set.List("about-saying"))
	w.plural = foldedWords(set.List("about-pronouns-plural"))
	w.oblique = foldedWords(set.List("about-oblique-before"))
	w.knowing = foldedWords(set.List("about-knowing"))
	w.authorCol = map[string]bool{}
	for _, s := range set.List("author-cues") {
		w.authorCol[rules.FoldWords(s)] = true
	}
	for _, s := range set.List("about-not-owned") {
		w.object[fold(s)] = true
	}
	for _, s := range set.List("about-with-requester") {
		w.with[fold(s)] = true
	}
	w.withCarer = foldedWords(set.List("about-with-requester-carer"))
	w.placeWord = foldedWords(set.List("person-place-words"))
	w.shared = map[string]bool{}
	for _, s := range set.List("about-shared-categories") {
		w.shared[s] = true
	}
	w.residence = foldedSet(set.List("place-residence-words"))
	for _, s := range set.List("kept-from-frames") {
		if f := strings.Fields(rules.FoldWords(s)); len(f) > 0 {
			w.keptFrom = append(w.keptFrom, f)
		}
	}
	for _, s := range set.List("letter-closings") {
		w.closing[rules.FoldWords(s)] = true
	}
	put := func(m map[string]byte, list string, g byte) {
		for _, s := range set.List(list) {
			m[fold(s)] = g
		}
	}
	put(w.pronoun, "about-pronouns-female", genderF)
	put(w.pronoun, "about-pronouns-male", genderM)
	put(w.role, "about-role-either", genderAny)
	put(w.role, "about-role-female", genderF)
	put(w.role, "about-role-male", genderM)
	put(w.gender, "about-gender-female", genderF)
	put(w.gender, "about-gender-male", genderM)
	for _, s := range set.List("about-first-person") {
		w.first[fold(s)] = true
	}
	for _, s := range set.List("about-group") {
		w.group[strings.Join(strings.Fields(fold(s)), " ")] = true
	}
	w.groupCompound = foldedSet(set.List("about-group-compounds"))
	w.household, w.definite = foldedSet(set.List("about-household")), foldedSet(set.List("about-definite"))
	w.takenTo = foldedSet(set.List("about-taken-to"))
	w.doneTo = map[string]bool{}
	for _, c := range set.List("about-done-to-categories") {
		w.doneTo[strings.TrimSpace(c)] = true
	}
	adultsOwn := map[string]bool{} // the categories in which a household is its adults (its finances)
	for _, s := range set.List("about-household-categories") {
		adultsOwn[s] = true
	}
	for _, s := range set.List("about-second-person") {
		w.second[fold(s)] = true
	}
	for _, m := range []map[string]byte{w.pronoun, w.role} {
		for k := range m {
			w.maxLen = max(w.maxLen, len(k))
		}
	}
	for _, m := range []map[string]bool{w.first, w.second, w.group, w.household} {
		for k := range m {
			w.maxLen = max(w.maxLen, len(strings.Fields(k)[0]))
		}
	}
	for _, r := range set.Rules {
		if r.Detector.Kind == rules.KindThirdPartyMessage && w.message == nil {
			w.message = r
		} else if r.Detector.Kind == rules.KindAboutPerson {
			if w.person == nil {
				w.person, w.story = r, map[string]*rules.Rule{}
			}
			for _, role := range r.Detector.Roles {
				if k := strings.ToLower(role); w.story[k] == nil {
					w.story[k] = r // a role two rules name is the first's
				}
			}
		} else if r.Detector.Kind == rules.KindAbout {
			w.rules = append(w.rules, r)
			if adultsOwn[r.Category] {
				if w.adultsKw == nil {
					w.adultsKw = newKeywordMatcher()
				}
				for _, k := range r.Detector.Keywords {
					w.adultsKw.addWords(k, len(w.adults), "", false)
				}
				w.adults = append(w.adults, r)
			}
			if r.Category == "third_party_contact" && w.contact == nil {
				w.contact = r
			}
		}
	}
	return w
}

// pluralRole reports whether a role noun is the plural of another
// ("carers", "parents", "friends"): never what "she" or "he" points at.
func (w *aboutWords) pluralRole(word string) bool {
	return strings.HasSuffix(word, "s") && hasKey(w.role, strings.TrimSuffix(word, "s"))
}

// adultsRule is the about rule of a category a household is its adults in
// (about-household-categories) whose lexicon holds the keyword phrase, or
// nil: the keyword matcher gives a phrase several lexicons share to one
// rule, so the phrase is looked up again in theirs.
func (w *aboutWords) adultsRule(phrase string) *rules.Rule {
	if w.adultsKw == nil {
		return nil
	}
	for _, m := range w.adultsKw.find(phrase, tokenize(phrase)) {
		if m.start == 0 && m.end == len(phrase) {
			return w.adults[m.e.person]
		}
	}
	return nil
}

// ruleFor is the category rule a keyword match counts for: an about rule
// itself, or the about rule of a person-context rule's category (the
// lexicons overlap, and the keyword matcher gives a shared phrase to one).
func (w *aboutWords) ruleFor(r *rules.Rule) *rules.Rule {
	switch r.Detector.Kind {
	case rules.KindAbout:
		return r
	case rules.KindPersonContext:
		for _, a := range w.rules {
			if a.Category == r.Category {
				return a
			}
		}
	}
	return nil
}

// foldedWords is a pack list as a set of folded words.
func foldedWords(list []string) map[string]bool {
	m := make(map[string]bool, len(list))
	for _, w := range list {
		m[fold(w)] = true
	}
	return m
}

// genderOf reads a register person's gender from their relationship,
// kind and title ("maternal aunt", "Mrs Jones"); genderAny when they say
// nothing or disagree. A word in the possessive names someone else: the
// mother's partner is not a mother.
func (w *aboutWords) genderOf(p *Person) byte {
	var g byte
	for i, s := range []string{p.Relationship, p.Kind, p.labelStem, p.named, p.Name} {
		for _, t := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !isWordRune(r) && r != '-' && r != '\'' && r != '’' }) {
			if possessive(t) {
				continue
			}
			t = strings.Trim(t, "'’")
			x := w.gender[t]
			if x == genderAny && i < 4 {
				x = w.role[t] // "nanna", "granny": a role noun says it too, though not as part of a name ("Da Silva")
			}
			if h := strings.LastIndexByte(t, '-'); x == genderAny && h >= 0 {
				x = w.gender[t[h+1:]] // "half-brother", "step-mum": the relation's last word
			}
			switch {
			case x == genderAny:
			case g == genderAny:
				g = x
			case g != x:
				return genderAny
			}
		}
	}
	return g
}

// aboutCategory is the plain word for a rule's category in a flag's reason.
func aboutCategory(cat string) string {
	switch cat {
	case "third_party_health":
		return "health"
	case "third_party_criminal":
		return "criminal record or the police"
	case "third_party_finances":
		return "money or work"
	case "third_party_contact":
		return "where they live or how to reach them"
	}
	return "private life"
}

// labelMark(i) in a suggestion's reason is replaced by register person
// i's label once labels are given (register.label), so a flag can say whom
// it is about. The mark names its person: reasons merged from several
// findings keep each one's own.
func labelMark(i int) string { return labelMarkOpen + strconv.Itoa(i) + "}" }

const labelMarkOpen = "{label:"

// label gives a suggestion and the findings merged into it their person's
// register key, label and role in place of the register index the engine
// wrote, and fills in the label marks of their reasons.
func (r *register) label(s *Suggestion) {
	if pi, err := strconv.Atoi(s.PersonKey); err == nil && pi >= 0 && pi < len(r.people) {
		p := r.people[pi]
		s.PersonKey, s.PersonLabel, s.PersonRole = p.Key, p.Label, p.Role
	}
	s.Why = r.expandMarks(s.Why)
	for i := range s.Also {
		a := &s.Also[i]
		if pi, err := strconv.Atoi(a.PersonKey); err == nil && pi >= 0 && pi < len(r.people) {
			a.PersonKey, a.PersonLabel = r.people[pi].Key, r.people[pi].Label
		}
		a.Why = r.expandMarks(a.Why)
	}
}

// expandMarks replaces every label mark in why by its person's label.
func (r *register) expandMarks(why string) string {
	if !strings.Contains(why, labelMarkOpen) {
		return why
	}
	var b strings.Builder
	for {
		i := strings.Index(why, labelMarkOpen)
		if i < 0 {
			break
		}
		b.WriteString(why[:i])
		rest := why[i+len(labelMarkOpen):]
		j := strings.IndexByte(rest, '}')
		pi, err := strconv.Atoi(rest[:max(j, 0)])
		if j < 0 || err != nil || pi < 0 || pi >= len(r.people) {
			b.WriteString(labelMarkOpen)
			why = rest
			continue
		}
		b.WriteString(r.people[pi].Label)
		why = rest[j+1:]
	}
	b.WriteString(why)
	return b.String()
}
