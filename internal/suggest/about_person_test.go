package suggest

import (
	"testing"

	"github.com/disclose-sar/disclose/internal/record"
)

// TestOtherPersonsOwnStory: a sentence about another young person in the
// placement, or someone the record names in passing, that does not turn to
// the requester is theirs, whatever its words; one that takes the
// requester in stays. Every name here is invented.
func TestOtherPersonsOwnStory(t *testing.T) {
	home := func(id, text string) record.Document {
		return doc(id, "Harlow House – Daily Log\nYoung people resident: Robin F, Jordan P, Callum R\n"+text)
	}
	runAbout(t, mustRules(t), []aboutCase{
		{name: "initials in a residential log",
			doc: home("o1", "Robin went swimming with staff and enjoyed it. In the evening J.P. and C.R. argued in the lounge; C.R. kicked a bin and was given space. J.P. stayed in his room after a hard phone call with his dad."),
			cover: map[string]string{"kicked a bin and was given space": "about-other-person:redact",
				"stayed in his room after a hard phone call with his dad": "about-other-person:redact"},
			keep: []string{"Robin went swimming with staff and enjoyed it."}},
		{name: "another child's feelings and family",
			doc: home("o2", "Jordan Pryce was upset and went to bed early. Callum went on home leave to his nan's house in Dunmore. Jordan's mum rang late, asking for Jordan."),
			cover: map[string]string{"was upset and went to bed early": "about-other-person:redact",
				"went on home leave to his nan's house in Dunmore": "about-other-person:redact",
				"mum rang late, asking for":                        "about-other-person:redact"}},
		{name: "a sentence that takes the requester in stays",
			doc:  home("o3", "Jordan Pryce and Robin played pool after tea. Robin said she was tired. Callum Reid shouted at her in the kitchen. Robin said Callum winds her up."),
			keep: []string{"and Robin played pool after tea.", "shouted at her in the kitchen.", "Robin said"}},
		{name: "a possessive pronoun that cannot be the other child's",
			doc:  home("o5", "Robin said she likes maths. Callum Reid (12) helps her with her homework."),
			keep: []string{"helps her with her homework."}},
		{name: "the requester's own message about a friend",
			doc: emailDoc("Robin Fell <robin.fell@example.org>", "Owen Tallis <owen.tallis@northtown.example>",
				"Hi Owen\nJordan Pryce (15) is good at fixing bikes.\nRobin"),
			keep: []string{"is good at fixing bikes."}},
		{name: "a word that takes the requester in without naming them",
			doc:  home("o4", "Jordan Pryce visits when he can. Callum Reid was at the match too."),
			keep: []string{"visits when he can.", "was at the match too."}},
	})
}

// TestLocalOrganisationAttribution: an organisation a document names by a
// proper name and an organisation word, and that is no listed agency or
// council service, passes on what it knows as a listed agency does.
func TestLocalOrganisationAttribution(t *testing.T) {
	runAbout(t, mustRules(t), []aboutCase{
		{name: "a commissioned service's assessment and what it will share",
			doc:   doc("l1", "Return home interview\nCompleted by a worker from Brenley Young People's Service.\nRobin said she felt safe at the flat.\nBrenley's assessment: low risk; Brenley will share what they know with the school."),
			cover: map[string]string{"Brenley's assessment: low risk; Brenley will share what they know with the school.": "pa-attribution"},
			keep:  []string{"Robin said she felt safe at the flat."}},
		{name: "the council's own service is no partner",
			doc:  doc("l2", "Oakridge Leaving Care Service\nOakridge reported that Robin has settled in her flat."),
			keep: []string{"reported that Robin has settled in her flat."}},
		{name: "a national charity is a partner agency",
			doc:   doc("l3", "Robin went to the group.\nBarnardo's reported that she is doing well in the sessions."),
			cover: map[string]string{"Barnardo's reported that she is doing well in the sessions.": "pa-attribution"},
			keep:  []string{"Robin went to the group."}},
	})
}
