package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// The hard kinds: what leaked on records nobody tuned the product to —
// third parties' initials, short forms and family names in the plural,
// "Nan" and "Uncle" before a given name, what partner agencies contributed
// to the council's minutes, whole partner documents, messages third
// parties wrote about their own lives and genogram lines — each planted
// with its gold entries, beside the requester's own story, which must stay.

// More invented names: surnames with an apostrophe or a hyphen, formal
// given names and the short forms the packs' nickname list
// (redaction-rules/names.yaml, "diminutives") gives them, and middle names.
var (
	apostropheSurnames = []string{"O'Rourke", "O'Dwyer", "O'Keeffe", "O'Malley", "O'Leary", "O'Sullivan", "O'Donovan", "O'Halloran"}
	hyphenSurnames     = []string{"Ashworth-Hart", "Barton-Cole", "Fenwick-Moss", "Garside-Kerr", "Hadley-Stone", "Pryce-Ellison"}
	formalFemale       = []string{"Elizabeth", "Kathleen", "Dorothy", "Deborah", "Josephine", "Jacqueline", "Theresa"}
	formalMale         = []string{"Thomas", "Terence", "Stephen", "Robert", "Joseph", "Michael"}
	middleNames        = []string{"James", "John", "Mark", "Wayne", "Dean", "Gavin"}
	// shortForms are the short forms planted for the formal given names:
	// each is in the packs' list for its name and is no everyday word.
	shortForms = map[string]string{
		"Elizabeth": "Betty", "Kathleen": "Kathy", "Dorothy": "Dottie", "Deborah": "Debbie", "Josephine": "Josie",
		"Jacqueline": "Jacqui", "Theresa": "Tessa", "Thomas": "Tommy", "Terence": "Terry", "Stephen": "Stevie",
		"Robert": "Robbie", "Joseph": "Joey", "Michael": "Mikey",
	}
	schoolNames = []string{"Thornfield", "Brookside", "Meadowbank", "Oakridge", "Fernhill", "Larkspur"}
	schoolKinds = []string{"Primary School", "Academy", "High School", "Community School"}
)

// notInitials are letters a note writer's initials must not spell: words
// and abbreviations a bundle holds anyway (a scorer matching "AM" would
// find "am"), the packs' initialisms and the redaction codes.
var notInitials = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`AD AH AM AN AS AT AX AB BE BY CO CP CR DC DO DR EH GO GP HA HE HI HV ID IF IN IS IT
		LO ME MP MR MS MY NB NO OF OH OK ON OR OT OX PA PC PE PM PS RE SH SO ST SW TO TP TV UK UM UP US VS WE YE YO
		AND ARE BAD BAG BED BIG BOY BUS CAN CAR CAT CIN CLA DAD DAY DID DOB DOG EAT END FAR FEW FOR FUN GET GOT
		HAD HAS HER HIM HIS HOT HOW IRO ITS JOB LAC LET LOT LPP MAN MAY MEN MUM NEW NHS NOT NOW OLD ONE OUR OUT
		OWN PEP PUT RAN RED SAW SAY SEE SEN SET SHE SIX SON SUN TEN THE TOO TOP TRY TWO USE WAS WAY WHO WHY WIN
		YES YET YOU`) {
		notInitials[w] = true
	}
}

// hardCast is who and where the hard kinds name.
type hardCast struct {
	town, school string
	// Partner agencies' officers: a police officer, a health visitor, a
	// school's safeguarding lead, a clinical psychologist, a youth justice
	// worker. Not in persons.json; never in the gold file.
	police, hv, dsl, psych, yj Person
	short                      map[int]string   // family index → the short form the record calls them by
	initials                   map[int][]string // family index → the initials a note writer uses for them
	subjectInitials            string
	plural                     []int // family indexes whose surname the record writes in the plural
}

func newHardCast(r *rand.Rand, nm *namer, c *cast) hardCast {
	h := hardCast{
		town:     towns[r.IntN(len(towns))],
		school:   schoolNames[r.IntN(len(schoolNames))] + " " + schoolKinds[r.IntN(len(schoolKinds))],
		short:    map[int]string{},
		initials: map[int][]string{},
	}
	partner := func(title string) Person { return Person{Name: nm.name("", ""), Role: "partner", Relationship: title} }
	h.police, h.hv, h.dsl = partner("police officer"), partner("health visitor"), partner("designated safeguarding lead")
	h.psych, h.yj = partner("clinical psychologist"), partner("youth justice worker")
	for _, i := range []int{famNan, famUncle} {
		if s, ok := shortForms[c.family[i].first()]; ok {
			h.short[i] = s
		}
	}
	// Initials: never those of the requester, of staff or of anyone else in
	// the record, and never letters that spell a word.
	taken := map[string]int{}
	mark := func(name string) {
		for _, f := range initialForms(name) {
			taken[f]++
		}
	}
	subjectAlias := c.subject.first() + " " + surname(c.family[famFather].Name)
	for _, n := range []string{c.subject.Name, subjectAlias} {
		mark(n)
	}
	for _, p := range append(append([]Person{}, c.staff...), h.police, h.hv, h.dsl, h.psych, h.yj) {
		mark(p.Name)
	}
	for _, p := range c.family {
		mark(p.Name)
	}
	if f := initialForms(c.subject.Name); len(f) > 0 {
		h.subjectInitials = f[0]
	}
	for _, i := range []int{famMother, famPartner, famAunt, famUncle, famNan} {
		var ok []string
		for _, f := range initialForms(c.family[i].Name) {
			plain := strings.NewReplacer("-", "", "'", "").Replace(f)
			if taken[f] == 1 && !notInitials[plain] && !notInitials[f] {
				ok = append(ok, f)
			}
		}
		if len(ok) > 0 {
			h.initials[i] = ok
		}
	}
	// The family in the plural: a surname no one else in the record has.
	surnames := map[string]int{}
	for _, p := range append(append(append([]Person{c.subject}, c.family...), c.staff...), h.police, h.hv, h.dsl, h.psych, h.yj) {
		surnames[surname(p.Name)]++
	}
	for _, i := range []int{famFather, famNan, famFosterCarer, famUncle} {
		if s := surname(c.family[i].Name); surnames[s] == 1 && !strings.HasSuffix(s, "s") {
			h.plural = append(h.plural, i)
		}
	}
	return h
}

func surname(name string) string {
	f := strings.Fields(name)
	return f[len(f)-1]
}

// initialForms are a name's initials as a note writer writes them, the
// fullest first: every given name's letter and the surname's ("TJC" for
// Thomas James Cooper, then "TC"), a hyphenated surname's two letters with
// and without the hyphen ("PA-H", "PAH"), an apostrophe surname with its
// next letter and without ("KO'R", "KO").
func initialForms(name string) []string {
	w := strings.Fields(name)
	if len(w) < 2 {
		return nil
	}
	var given strings.Builder
	for _, x := range w[:len(w)-1] {
		given.WriteString(strings.ToUpper(x[:1]))
	}
	first := given.String()[:1]
	sur := w[len(w)-1]
	var surs []string
	switch {
	case strings.Contains(sur, "-"):
		a, b, _ := strings.Cut(sur, "-")
		surs = []string{a[:1] + "-" + b[:1], a[:1] + b[:1]}
	case len(sur) > 2 && sur[1] == '\'':
		surs = []string{sur[:1] + "'" + sur[2:3], sur[:1]}
	default:
		surs = []string{sur[:1]}
	}
	var out []string
	for _, s := range surs {
		out = append(out, given.String()+s)
		if given.String() != first {
			out = append(out, first+s)
		}
	}
	return out
}

// Gold categories of the hard kinds.
const (
	catPartner = "partner_agency"
	catHealth  = "third_party_health"
	catOther   = "third_party_other"
)

func (w *writer) redact(text, cat string) string { w.gold.redact(w.doc, text, cat); return text }

func (w *writer) keepText(text string) string { w.gold.keep(w.doc, text); return text }

func (w *writer) one(options ...string) string { return options[w.r.IntN(len(options))] }

// story is a sentence of the requester's own story, which must stay: it
// opens with her name and may touch her own health or feelings, but names
// no one else's private life.
// Each story is new to the record while unused ones are easily found, so
// over-redaction of one is not hidden by another copy kept elsewhere.
func (w *writer) story() string {
	sf := w.c.subject.first()
	var s string
	for try := 0; try < 20; try++ {
		s = fmt.Sprintf("%s %s %s %s", sf, w.one(storyVerbs...), w.one(storyWhen...), w.one(storyTails...))
		if !w.gold.seen["story\x00"+s] {
			break
		}
	}
	w.gold.seen["story\x00"+s] = true
	return w.keepText(s)
}

var (
	storyVerbs = []string{"told me that", "said that", "explained that", "wanted me to write down that", "shared that", "made a point of saying that"}
	storyWhen  = []string{"this week she", "since the summer she", "lately she", "at the moment she", "these days she", "this term she", "she"}
	storyTails = []string{
		"has been feeling anxious before school and has started seeing the school counsellor on Tuesdays.",
		"likes her new bedroom because she chose the colours herself.",
		"wants to keep going to the swimming club on Saturday mornings.",
		"is proud of her maths test result and has put the certificate on the fridge.",
		"has asthma and keeps her inhaler in her school bag.",
		"gets nervous at night and likes to leave the landing light on.",
		"would like to learn to cook a roast dinner with her carers.",
		"remembers moving schools twice in Year 4 and finding it hard to make friends.",
		"has been going to bed earlier and feels less tired in lessons.",
		"wants her views read out at the next review in her own words.",
		"misses her old neighbourhood but likes walking the dog in the park.",
		"had a chest infection in the winter and is now feeling much better.",
		"enjoys her drama group and has a small part in the spring show.",
		"worries about her exams and would like extra help with science.",
		"sleeps better since her carers bought her a new mattress.",
		"wants to visit the seaside again because it reminds her of being little.",
		"feels left out when her friends go into town without her.",
		"has started walking to school on her own and feels grown up.",
		"gets headaches when she has not drunk enough water.",
		"would like a mobile phone so she can text her friends.",
	}
)

// hardNote returns a case note's opening paragraph of one of the hard
// kinds (k picks which): initials, short forms and family words, or a
// third party's text message.
func (w *writer) hardNote(k int) string {
	switch k % 3 {
	case 0:
		if s := w.initialsNote(); s != "" {
			return s
		}
		return w.familyWordsNote()
	case 1:
		return w.familyWordsNote()
	default:
		return w.textMessageNote()
	}
}

// initialsNote is a note written with initials for everyone, the
// requester's too, as notes often are.
func (w *writer) initialsNote() string {
	h := w.c.hard
	var who []int
	for _, i := range []int{famMother, famPartner, famAunt, famUncle, famNan} {
		if len(h.initials[i]) > 0 {
			who = append(who, i)
		}
	}
	if len(who) < 2 || h.subjectInitials == "" {
		return ""
	}
	w.r.Shuffle(len(who), func(a, b int) { who[a], who[b] = who[b], who[a] })
	in := func(i int) string {
		fs := h.initials[i]
		return w.redact(fs[w.r.IntN(len(fs))], catName)
	}
	si := h.subjectInitials
	a, b := who[0], who[1]
	templates := []string{
		"Home visit. %[1]s seen at home with %[2]s. %[3]s was in the kitchen and went out to the garden when I arrived. %[1]s showed me her room and the drawings she had done at school.",
		"Visit to the flat. %[2]s answered the door; %[3]s arrived later with shopping. %[1]s was seen alone in her room and said she was looking forward to the school trip.",
		"Telephone call with %[2]s to arrange family time. %[2]s said %[3]s will bring %[1]s to the family centre on Saturday and collect her at four.",
		"Discussed in supervision: %[3]s has been staying over at the house most weekends and %[2]s has not told us. Plan to speak to %[1]s on her own at school next week.",
	}
	return fmt.Sprintf(w.one(templates...), si, in(a), in(b)) + " " + w.story()
}

// familyWordsNote names third parties as families do: by a short form,
// "Nan" or "Uncle" and a given name, and the family in the plural.
func (w *writer) familyWordsNote() string {
	h := w.c.hard
	sf := w.c.subject.first()
	nan, uncle, aunt := w.c.family[famNan], w.c.family[famUncle], w.c.family[famAunt]
	var parts []string
	if s, ok := h.short[famNan]; ok {
		w.redact(s, catName)
		parts = append(parts, w.one(
			fmt.Sprintf("Phone call from %s (maternal grandmother) asking about Christmas; %s said %s can stay with her on Boxing Day.", s, s, sf),
			fmt.Sprintf("%s had tea at %s's on Sunday and came back in good spirits.", sf, s),
		))
	}
	parts = append(parts, w.one(
		fmt.Sprintf("%s talked about %s and said she would like to ring her more often.", sf, w.redact("Nan "+nan.first(), catName)),
		fmt.Sprintf("%s is coming to the review because %s asked for her to be there.", w.redact("Nan "+nan.first(), catName), sf),
	))
	if s, ok := h.short[famUncle]; ok && w.r.IntN(2) == 0 {
		parts = append(parts, fmt.Sprintf("%s drove %s to the football tournament and waited to bring her home.", w.redact("Uncle "+s, catName), sf))
	} else if ok {
		parts = append(parts, fmt.Sprintf("%s said %s has been helping her with her bike.", sf, w.redact(s, catName)))
	} else {
		parts = append(parts, fmt.Sprintf("%s drove %s to the football tournament.", w.redact("Uncle "+uncle.first(), catName), sf))
	}
	parts = append(parts, fmt.Sprintf("%s said %s sends a card every birthday.", sf, w.redact("Auntie "+aunt.first(), catName)))
	if len(h.plural) > 0 {
		p := w.c.family[h.plural[w.r.IntN(len(h.plural))]]
		pl := w.redact("the "+surname(p.Name)+"s", catName)
		parts = append(parts, w.one(
			fmt.Sprintf("%s spent the weekend with %s and came back happy.", sf, pl),
			fmt.Sprintf("The neighbours complained about the noise from %s' house on Friday night.", pl),
		))
	}
	parts = append(parts, w.story())
	return strings.Join(parts, " ")
}

// textMessageNote copies into a note a text a relative sent about their own
// health and life.
func (w *writer) textMessageNote() string {
	sf := w.c.subject.first()
	rel := w.one("mum", "her mum", "nan", "her aunt")
	head := w.one("Text message from "+rel+" received at 21:40:", "Mum sent a text message, copied below:", "Text from "+rel+" at 07:55:",
		"WhatsApp message from "+rel+" (copied below):", "Voicemail from "+rel+", typed up:")
	msg := []string{
		w.redact(w.one(
			"I'm not coming tomorrow, I've been up all night with my chest and the doctor has put me on steroids again.",
			"Can't make Saturday, my nerves are bad again and I've not slept since Tuesday.",
			"I've been back at the hospital with my heart and they want to keep me in for tests.",
			"The doctor has upped my tablets again and I'm not right on them.",
		), catHealth),
		w.redact(w.one(
			"Me and him have split up for good this time and I'm staying with my sister.",
			"I've lost my job at the warehouse and the rent is behind again.",
			"He's moved a new woman into his flat and won't speak to me.",
		), catOther),
	}
	return head + " " + strings.Join(msg, " ") + " " + fmt.Sprintf("%s was told the visit would move to next week.", sf) + " " + w.story()
}
