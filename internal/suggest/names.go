package suggest

import (
	_ "embed"
	"github.com/disclose-sar/disclose/internal/rules"
	"strings"
)

//go:embed data/first-names.txt
var firstNamesData string

// firstNames is a generic list of common UK given names, folded.
var firstNames = func() map[string]bool {
	m := map[string]bool{}
	for _, l := range strings.Split(firstNamesData, "\n") {
		l = strings.TrimSpace(l)
		if l != "" && !strings.HasPrefix(l, "#") {
			m[fold(l)] = true
		}
	}
	return m
}()

// titles precede a surname: "Mrs Smith", "Dr A. Khan", "PC 1234 Jones".
var titles = map[string]bool{"mr": true, "mrs": true, "ms": true, "miss": true, "mx": true, "dr": true,
	"pc": true, "dc": true, "ds": true, "di": true, "sgt": true, "insp": true, "prof": true, "rev": true, "cllr": true}

// personTitles are the titles added to every third party's surname as a
// variant (police ranks name officers, handled by the person's full name).
var personTitles = []string{"Mr", "Mrs", "Ms", "Miss", "Mx", "Dr"}

// stopWords are capitalised words that are never part of a person's name:
// places, months, days, organisations and document words.
var stopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`january february march april may june july august september october
november december monday tuesday wednesday thursday friday saturday sunday council team school academy
college road street close lane avenue grove drive way court crescent rise place gardens terrace walk park
hill view centre center house hall service services unit office borough county city town primary secondary
nursery hospital practice surgery police trust nhs health care plan review meeting conference order family
children child social worker manager officer chair panel board christmas easter the and of for with from
dear yours regards thanks kind best sincerely re subject date present page north south east west new old
saint st general royal community support mental camhs staying put looked after leaving virtual assessment
referral contact record minutes report letter notes note strategy discussion pathway placement section act
young person people agencies agency not known mum dad nan brother sister mother father
monthly weekly daily fortnightly yearly annually yes no none unknown ongoing immediately supervised
letterbox ongoing tbc date time venue signed name advocacy association foundation charity project
group partnership solicitors limited ltd clinic cottage cottages farm lodge mill barn manor grange villa
bungalow mansions buildings flat apartment station zoo museum library church chapel mosque temple
cathedral market square stadium ward`) {
		m[w] = true
	}
	return m
}()

// functionWords are pronouns and small words that start sentences in
// capitals but never name anyone: "…saw Robin. It was…" is not a person "Robin It".
var functionWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`i i'm i've i'd i'll it it's its he she we they you me him them us his her hers
our ours their theirs my mine your yours a an is was has had have did do does are were be been being will
would can could should shall might must this that these those there here then than when where what which
who whom whose why how if in on at to as by but or so nor not also please thank thanks today yesterday
tomorrow everyone everybody someone somebody nobody nothing something anything all any some each every
both either neither after before during since until while because although though however therefore
yet still just only even very too again ok okay hi hello sorry`) {
		m[w] = true
	}
	return m
}()

// determiners come before a noun or adjective, never before a name
// written in lower case: "the sandy path" is no person called Sandy.
var determiners = map[string]bool{"the": true, "a": true, "an": true, "this": true, "that": true, "these": true,
	"those": true, "some": true, "any": true, "every": true, "each": true, "no": true, "its": true}

// jobTitleKind reads a job title at the start of s; the longest title
// known wins, so "consultant social worker" is council staff while
// "consultant paediatrician" works for the NHS.
func jobTitleKind(v *rules.People, s string) (council, partner bool) {
	l := strings.ToLower(strings.TrimSpace(s))
	best := 0
	for _, t := range v.PartnerTitles {
		if len(t) > best && titleAt(l, t) {
			best, council, partner = len(t), false, true
		}
	}
	for _, t := range v.CouncilTitles {
		if len(t) > best && titleAt(l, t) {
			best, council, partner = len(t), true, false
		}
	}
	return council, partner
}

// titleAt reports whether l starts with the title t as whole words.
func titleAt(l, t string) bool {
	if !strings.HasPrefix(l, t) {
		return false
	}
	if len(l) == len(t) {
		return true
	}
	c := l[len(t)]
	return !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9')
}
