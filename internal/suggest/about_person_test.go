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
		{name: "the requester's own message about a parent's health",
			doc: emailDoc("Robin Fell <robin.fell@example.org>", "Owen Tallis <owen.tallis@northtown.example>",
				"hi owen\ni passed my driving theory test!!\nmy mum is in hospital again with her chest so i cant come on friday.\nrobin"),
			cover: map[string]string{"is in hospital again with her chest": "about-health:redact"},
			keep:  []string{"i passed my driving theory test!!", "so i cant come on friday."}},
		{name: "the requester's own story about a relative described first",
			doc:   doc("o7", "My story\nI came to this country when I was fifteen.\nMy little sister has stopped going to school because she looks after our grandad.\nRobin"),
			cover: map[string]string{"has stopped going to school": "about-private-life"},
			keep:  []string{"I came to this country when I was fifteen."}},
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

// TestOrganisationUpdateLabel: a paragraph opened by a label saying another
// organisation sent it ("Update from <Name> Homes (housing association),
// <date>: …") is that organisation's as a whole; the council's own
// paragraphs around it, and an update from the requester or the council's
// own service, stay.
func TestOrganisationUpdateLabel(t *testing.T) {
	runAbout(t, mustRules(t), []aboutCase{
		{name: "a housing association's update inside a plan",
			doc:   doc("u1", "Accommodation\nRobin has asked to go on the housing register.\nUpdate from Brackenmoor Homes (housing association), 03/04/2023: Our records show arrears on an earlier tenancy in another name. The panel will ask for a guarantor before an offer is made.\nMoney\nRobin saves every week."),
			cover: map[string]string{"Our records show arrears on an earlier tenancy in another name. The panel will ask for a guarantor before an offer is made.": "pa-agency-heading"},
			keep:  []string{"Robin has asked to go on the housing register.", "Robin saves every week."}},
		{name: "an organisation known by its bracketed description",
			doc:   doc("u2", "Feedback from Fellgate (youth charity): the sessions stopped after two weeks because of a volunteer's illness.\nRobin said she liked the art room."),
			cover: map[string]string{"the sessions stopped after two weeks because of a volunteer's illness.": "pa-agency-heading"},
			keep:  []string{"Robin said she liked the art room."}},
		{name: "the organisation's name first",
			doc:   doc("u3", "Brackenmoor Homes update, 5 May 2023: the flat on the second floor is offered from June.\nRobin is pleased."),
			cover: map[string]string{"the flat on the second floor is offered from June.": "pa-agency-heading"},
			keep:  []string{"Robin is pleased."}},
		{name: "updates from the requester and from the council's own service",
			doc:  doc("u4", "Update from Robin: she has started college and likes it.\nUpdate from Oakridge Leaving Care Service, 02/02/2023: Robin has moved into her flat."),
			keep: []string{"she has started college and likes it.", "Robin has moved into her flat."}},
	})
}
