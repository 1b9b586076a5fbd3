package rules

// Detector kinds for who a sentence is about (package suggest, about.go).
const (
	// KindAbout is a sensitive category's lexicon (Keywords): a sentence
	// whose topic is a third party (named, or a pronoun or role noun that
	// points at one) and that holds one of the words is about that
	// person's health, criminal record, private life, finances or contact
	// details, and is redacted under the rule's code.
	KindAbout = "about"
	// KindThirdPartyMessage marks content a third party wrote: their
	// e-mail, a forwarded or quoted message from them, or a block that
	// running text introduces with one of the Keywords ("message from",
	// "text from") followed by their name and a colon.
	KindThirdPartyMessage = "third_party_message"
	// KindAboutPerson covers whole sentences about a third party of one of
	// Roles (register roles: "other child", "other") that do not turn to
	// the requester: another young person in a placement, a stranger the
	// record names in passing. What they did, felt or were told is their
	// own story, whatever its words; no lexicon is needed.
	KindAboutPerson = "about_person"
)

func init() {
	kinds[KindAbout] = true
	kinds[KindThirdPartyMessage] = true
	kinds[KindAboutPerson] = true
}
