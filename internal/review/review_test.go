package review

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/suggest"
)

func sug(id, doc string, start, end int, action, scope, code string) suggest.Suggestion {
	return suggest.Suggestion{ID: id, DocID: doc, Start: start, End: end, Action: action, Scope: scope, Code: code, Text: "x", RuleID: "r-" + id}
}

func TestApply(t *testing.T) {
	tp := sug("s1", "d1", 10, 20, suggest.ActionRedact, suggest.ScopeSpan, "TP")
	pa := sug("s2", "d2", 0, 0, suggest.ActionWithhold, suggest.ScopeDocument, "PA")
	flagSpan := sug("s3", "d1", 30, 40, suggest.ActionFlag, suggest.ScopeSpan, "TP")
	flagDoc := sug("s4", "d3", 0, 0, suggest.ActionFlag, suggest.ScopeDocument, "LPP")
	sugs := []suggest.Suggestion{tp, pa, flagSpan, flagDoc}

	span := func(doc string, s, e int, code, decider string) record.Redaction {
		return record.Redaction{DocID: doc, Start: s, End: e, Code: code, Decider: decider}
	}
	whole := func(doc, code, decider string) record.Redaction {
		return record.Redaction{DocID: doc, Withhold: true, Code: code, Decider: decider}
	}
	tests := []struct {
		name        string
		decisions   []Decision
		want        []record.Redaction
		wantPending int
	}{
		{"batch applies everything, flags withheld", nil,
			[]record.Redaction{span("d1", 10, 20, "TP", "auto"), span("d1", 30, 40, "TP", "auto"), whole("d2", "PA", "auto"), whole("d3", "LPP", "auto")}, 0},
		{"reject discloses without approval",
			[]Decision{{SuggestionID: "s1", Kind: Reject, User: "ig"}},
			[]record.Redaction{span("d1", 30, 40, "TP", "auto"), whole("d2", "PA", "auto"), whole("d3", "LPP", "auto")}, 0},
		{"disclose waits for legal approval",
			[]Decision{{SuggestionID: "s1", Kind: Disclose, User: "ig"}},
			[]record.Redaction{span("d1", 10, 20, "TP", "auto"), span("d1", 30, 40, "TP", "auto"), whole("d2", "PA", "auto"), whole("d3", "LPP", "auto")}, 1},
		{"approved disclosure goes out",
			[]Decision{{SuggestionID: "s1", Kind: Disclose, User: "ig", Approved: true}},
			[]record.Redaction{span("d1", 30, 40, "TP", "auto"), whole("d2", "PA", "auto"), whole("d3", "LPP", "auto")}, 0},
		{"changed span and a manual redaction",
			[]Decision{{SuggestionID: "s1", Kind: ChangeSpan, Start: 12, End: 20, User: "ig"}, {Kind: Manual, DocID: "d1", Start: 50, End: 55, Code: "TP", User: "ig"}},
			[]record.Redaction{span("d1", 12, 20, "TP", "ig"), span("d1", 30, 40, "TP", "auto"), span("d1", 50, 55, "TP", "ig"), whole("d2", "PA", "auto"), whole("d3", "LPP", "auto")}, 0},
		{"exemption withholding pending approval still withheld",
			[]Decision{{SuggestionID: "s4", Kind: Accept, User: "ig"}},
			[]record.Redaction{span("d1", 10, 20, "TP", "auto"), span("d1", 30, 40, "TP", "auto"), whole("d2", "PA", "auto"), whole("d3", "LPP", "ig")}, 1},
	}
	ignore := cmp.FilterPath(func(p cmp.Path) bool {
		switch p.Last().String() {
		case ".RuleID", ".Text", ".Label", ".Category":
			return true
		}
		return false
	}, cmp.Ignore())
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, pending := Apply(sugs, tt.decisions)
			if diff := cmp.Diff(tt.want, got, ignore); diff != "" {
				t.Errorf("Apply redactions (-want +got):\n%s", diff)
			}
			if len(pending) != tt.wantPending {
				t.Errorf("Apply pending = %d, want %d", len(pending), tt.wantPending)
			}
		})
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
