package review

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/rules"
	"github.com/disclose-sar/disclose/internal/suggest"
)

func sug(id, doc string, start, end int, action, scope, code string) suggest.Suggestion {
	return suggest.Suggestion{ID: id, DocID: doc, Start: start, End: end, Action: action, Scope: scope, Code: code, Text: "x", RuleID: "r-" + id}
}

// testPolicy: TP's disclosure needs legal; PA and LPP need legal both ways.
var testPolicy = Policy{Codes: map[string]rules.Code{
	"TP":  {Code: "TP", Approval: []string{rules.ApproveDisclose}},
	"PA":  {Code: "PA", Approval: []string{rules.ApproveWithhold, rules.ApproveDisclose}},
	"LPP": {Code: "LPP", Approval: []string{rules.ApproveWithhold, rules.ApproveDisclose}},
	"ID":  {Code: "ID", Approval: []string{}},
}}

func TestApply(t *testing.T) {
	tp := sug("s1", "d1", 10, 20, suggest.ActionRedact, suggest.ScopeSpan, "TP")
	pa := sug("s2", "d2", 0, 0, suggest.ActionWithhold, suggest.ScopeDocument, "PA")
	flagSpan := sug("s3", "d1", 30, 40, suggest.ActionFlag, suggest.ScopeSpan, "TP")
	flagDoc := sug("s4", "d3", 0, 0, suggest.ActionFlag, suggest.ScopeDocument, "LPP")
	over := sug("s5", "d1", 5, 25, suggest.ActionRedact, suggest.ScopeSpan, "TP") // covers s1 and more
	paSection := sug("s6", "d4", 100, 200, suggest.ActionWithhold, suggest.ScopeSection, "PA")
	sugs := []suggest.Suggestion{tp, pa, flagSpan, flagDoc}

	span := func(doc string, s, e int, code, decider string) record.Redaction {
		return record.Redaction{DocID: doc, Start: s, End: e, Code: code, Decider: decider}
	}
	whole := func(doc, code, decider string) record.Redaction {
		return record.Redaction{DocID: doc, Withhold: true, Code: code, Decider: decider}
	}
	section := func(doc string, s, e int, code, decider string) record.Redaction {
		return record.Redaction{DocID: doc, Start: s, End: e, Withhold: true, Code: code, Decider: decider}
	}
	// An own redaction applies where it was decided, never spread.
	local := func(r record.Redaction) record.Redaction { r.Local = true; return r }
	base := []record.Redaction{span("d1", 10, 20, "TP", "auto"), span("d1", 30, 40, "TP", "auto"), whole("d2", "PA", "auto"), whole("d3", "LPP", "auto")}
	tests := []struct {
		name                     string
		sugs                     []suggest.Suggestion
		decisions                []Decision
		want                     []record.Redaction
		wantPending, wantRefused int
	}{
		{"batch applies everything, flags withheld", sugs, nil, base, 0, 0},
		{"reject discloses without approval", sugs,
			[]Decision{{SuggestionID: "s1", Kind: Reject, User: "ig"}},
			base[1:], 0, 0},
		{"disclose waits for legal approval", sugs,
			[]Decision{{SuggestionID: "s1", Kind: Disclose, User: "ig", Approval: ApprovalPending}},
			base, 1, 0},
		{"refused disclosure stays redacted", sugs,
			[]Decision{{SuggestionID: "s1", Kind: Disclose, User: "ig", Approval: ApprovalRefused}},
			base, 0, 1},
		{"approved disclosure goes out", sugs,
			[]Decision{{SuggestionID: "s1", Kind: Disclose, User: "ig", Approval: ApprovalApproved}},
			base[1:], 0, 0},
		{"changed span and an own redaction", sugs,
			[]Decision{{SuggestionID: "s1", Kind: ChangeSpan, Start: 12, End: 20, User: "ig"}, {Kind: Redact, DocID: "d1", Start: 50, End: 55, Code: "TP", User: "ig", Scope: suggest.ScopeSpan}},
			[]record.Redaction{span("d1", 12, 20, "TP", "ig"), span("d1", 30, 40, "TP", "auto"), local(span("d1", 50, 55, "TP", "ig")), whole("d2", "PA", "auto"), whole("d3", "LPP", "auto")}, 0, 0},
		{"accept on a withhold suggestion is a withholding, pending legal", sugs,
			[]Decision{{SuggestionID: "s2", Kind: Accept, User: "ig", Approval: ApprovalPending}},
			[]record.Redaction{span("d1", 10, 20, "TP", "auto"), span("d1", 30, 40, "TP", "auto"), whole("d2", "PA", "ig"), whole("d3", "LPP", "auto")}, 1, 0},
		{"accept on a flagged LPP document withholds it, pending legal", sugs,
			[]Decision{{SuggestionID: "s4", Kind: Accept, User: "ig"}},
			[]record.Redaction{span("d1", 10, 20, "TP", "auto"), span("d1", 30, 40, "TP", "auto"), whole("d2", "PA", "auto"), whole("d3", "LPP", "ig")}, 1, 0},
		{"accept on a withheld section keeps the section", []suggest.Suggestion{paSection},
			[]Decision{{SuggestionID: "s6", Kind: Accept, User: "ig", Approval: ApprovalApproved}},
			[]record.Redaction{section("d4", 100, 200, "PA", "ig")}, 0, 0},
		{"approved disclosure wins over an overlapping accepted redaction", append([]suggest.Suggestion{over}, sugs...),
			[]Decision{{SuggestionID: "s1", Kind: Disclose, User: "ig", Approval: ApprovalApproved}, {SuggestionID: "s5", Kind: Accept, User: "ig"}},
			[]record.Redaction{span("d1", 5, 10, "TP", "ig"), span("d1", 20, 25, "TP", "ig"), span("d1", 30, 40, "TP", "auto"), whole("d2", "PA", "auto"), whole("d3", "LPP", "auto")}, 0, 0},
		{"own withholding of a whole document", sugs,
			[]Decision{{Kind: Withhold, DocID: "d9", Code: "PA", User: "ig", Scope: suggest.ScopeDocument, Approval: ApprovalApproved}},
			append(append([]record.Redaction{}, base...), local(whole("d9", "PA", "ig"))), 0, 0},
		{"refused own exemption redaction falls away", sugs,
			[]Decision{{Kind: Redact, DocID: "d1", Start: 50, End: 55, Code: "LPP", User: "ig", Scope: suggest.ScopeSpan, Approval: ApprovalRefused}},
			base, 0, 1},
	}
	ignore := cmp.FilterPath(func(p cmp.Path) bool {
		switch p.Last().String() {
		case ".RuleID", ".Text", ".Label", ".Category", ".Reason", ".Approver":
			return true
		}
		return false
	}, cmp.Ignore())
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := testPolicy.Apply(tt.sugs, tt.decisions)
			if diff := cmp.Diff(tt.want, o.Redactions, ignore); diff != "" {
				t.Errorf("Apply redactions (-want +got):\n%s", diff)
			}
			if len(o.Pending) != tt.wantPending || len(o.Refused) != tt.wantRefused {
				t.Errorf("Apply pending, refused = %d, %d; want %d, %d", len(o.Pending), len(o.Refused), tt.wantPending, tt.wantRefused)
			}
		})
	}
}

func TestApprovalNeededIsData(t *testing.T) {
	pa := sug("s2", "d2", 0, 0, suggest.ActionWithhold, suggest.ScopeDocument, "PA")
	tp := sug("s1", "d1", 10, 20, suggest.ActionRedact, suggest.ScopeSpan, "TP")
	tests := []struct {
		kind Kind
		code string
		s    *suggest.Suggestion
		want string
	}{
		{Accept, "", &pa, ApprovalExemption},
		{Withhold, "", &pa, ApprovalExemption},
		{Accept, "", &tp, ""},
		{Disclose, "", &tp, ApprovalThirdPartyDisclosure},
		{Reject, "", &tp, ""},
		{Withhold, "", &tp, ""}, // TP lists only disclose
		{Redact, "TP", nil, ""},
		{Redact, "LPP", nil, ApprovalExemption},
		{Redact, "XX", nil, ApprovalExemption}, // a code nobody described needs sign-off
		{Disclose, "ID", &tp, ""},              // the override code's list decides
	}
	for _, tt := range tests {
		if got := testPolicy.ApprovalNeeded(tt.kind, tt.code, tt.s); got != tt.want {
			t.Errorf("ApprovalNeeded(%s, %q, %v) = %q, want %q", tt.kind, tt.code, tt.s != nil, got, tt.want)
		}
	}
	// The shipped packs say it, not Go.
	set, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	if got := PolicyFrom(set).ApprovalNeeded(Disclose, "", &tp); got != ApprovalThirdPartyDisclosure {
		t.Errorf("shipped packs: disclosing TP needs %q, want third-party disclosure approval", got)
	}
}

func TestFillText(t *testing.T) {
	d := &record.Document{ID: "d1", Text: "Met Alice Brown today"}
	rs := []record.Redaction{{DocID: "d1", Start: 4, End: 15}}
	if err := FillText(rs, map[string]*record.Document{"d1": d}); err != nil {
		t.Fatal(err)
	}
	if rs[0].Text != "Alice Brown" {
		t.Errorf("FillText = %q, want %q", rs[0].Text, "Alice Brown")
	}
	bad := []record.Redaction{{DocID: "d1", Start: 4, End: 99}}
	if err := FillText(bad, map[string]*record.Document{"d1": d}); err == nil {
		t.Error("FillText with range past the end: no error")
	}
}

// Rejecting a merged item keeps the people named inside it redacted.
func TestRejectMergedKeepsNames(t *testing.T) {
	s := sug("s9", "d1", 0, 40, suggest.ActionRedact, suggest.ScopeSpan, "TP")
	s.Also = []suggest.Reason{{Start: 5, End: 14, Text: "Jo Bloggs", RuleID: "tp-name-known", Code: "TP", PersonKey: "p2", PersonLabel: "Aunt"},
		{Start: 20, End: 28, Text: "NT1 1AA", RuleID: "id-postcode", Code: "TP"}}
	o := testPolicy.Apply([]suggest.Suggestion{s}, []Decision{{SuggestionID: "s9", Kind: Reject, Reason: "not about anyone", User: "ig"}})
	if len(o.Redactions) != 1 || o.Redactions[0].Start != 5 || o.Redactions[0].End != 14 {
		t.Errorf("after rejecting a merged item, redactions = %+v; want the named person's span only", o.Redactions)
	}
}

// An area follows the approval rule of an own redaction under its code:
// TP needs none; PA needs an exemption approval, applies while pending
// (removing only ever removes more) and falls away once refused.
func TestApplyAreas(t *testing.T) {
	area := func(id int64, code, approval string) Area {
		return Area{Area: record.Area{ID: id, DocID: "d1", Page: 1, Code: code}, Approval: approval}
	}
	if got := testPolicy.AreaApproval("TP"); got != "" {
		t.Errorf("AreaApproval(TP) = %q, want none", got)
	}
	if got := testPolicy.AreaApproval("PA"); got != ApprovalExemption {
		t.Errorf("AreaApproval(PA) = %q, want %q", got, ApprovalExemption)
	}
	if got := testPolicy.AreaApproval("XX"); got != ApprovalExemption {
		t.Errorf("AreaApproval(XX) = %q: a code nobody described needs sign-off", got)
	}
	o := testPolicy.ApplyAreas([]Area{
		area(1, "TP", ""),
		area(2, "PA", ApprovalPending),
		area(3, "PA", ApprovalApproved),
		area(4, "LPP", ApprovalRefused),
		area(5, "PA", ""),              // drawn before PA needed sign-off: pending, never asked
		area(6, "TP", ApprovalRefused), // TP needs no approval: a stray answer changes nothing
	})
	ids := func(as []Area) []int64 {
		var out []int64
		for _, a := range as {
			out = append(out, a.ID)
		}
		return out
	}
	var applied []int64
	for _, a := range o.Areas {
		applied = append(applied, a.ID)
	}
	if diff := cmp.Diff([]int64{1, 2, 3, 5, 6}, applied); diff != "" {
		t.Errorf("applied areas (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]int64{2, 5}, ids(o.Pending)); diff != "" {
		t.Errorf("pending areas (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]int64{4}, ids(o.Refused)); diff != "" {
		t.Errorf("refused areas (-want +got):\n%s", diff)
	}
	set, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	shipped := PolicyFrom(set)
	for code, want := range map[string]string{"TP": "", "PA": ApprovalExemption, "LPP": ApprovalExemption, "SH": ApprovalExemption} {
		if got := shipped.AreaApproval(code); got != want {
			t.Errorf("shipped packs: an area under %s needs %q, want %q", code, got, want)
		}
	}
}
