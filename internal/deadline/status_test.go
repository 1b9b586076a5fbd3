package deadline

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestStatus(t *testing.T) {
	// Received 17 Mar 2025 in England: due Thu 17 Apr 2025.
	base := Events{Received: d("2025-03-17")}
	with := func(f func(*Events)) Events {
		ev := base
		f(&ev)
		return ev
	}
	type view struct {
		State       State
		Due         string
		DaysLeft    int
		WorkingLeft int
		RAG         RAG
		Late        bool
	}
	tests := []struct {
		name   string
		regime string
		ev     Events
		today  string
		want   view
	}{
		{"green", "uk-gdpr", base, "2025-03-20", view{Running, "2025-04-17", 28, 20, Green, false}},
		{"amber at 10 working days", "uk-gdpr", base, "2025-04-03", view{Running, "2025-04-17", 14, 10, Amber, false}},
		{"green at 11 working days", "uk-gdpr", base, "2025-04-02", view{Running, "2025-04-17", 15, 11, Green, false}},
		{"red at 3 working days", "uk-gdpr", base, "2025-04-14", view{Running, "2025-04-17", 3, 3, Red, false}},
		{"red on the due day", "uk-gdpr", base, "2025-04-17", view{Running, "2025-04-17", 0, 0, Red, false}},
		{"overdue across Easter", "uk-gdpr", base, "2025-04-22", view{Overdue, "2025-04-17", -5, -1, Red, false}},
		{"extended", "uk-gdpr", with(func(e *Events) { e.Extended = true }), "2025-04-22", view{Extended, "2025-06-17", 56, 38, Green, false}},
		{"paused", "uk-gdpr", with(func(e *Events) { e.Pauses = []Pause{pause("2025-03-20", "")} }), "2025-04-22", view{Paused, "0001-01-01", 0, 0, None, false}},
		{"awaiting ID", "uk-gdpr", with(func(e *Events) { e.IDAsked = d("2025-03-18") }), "2025-03-20", view{Paused, "0001-01-01", 0, 0, None, false}},
		{"closed on time", "uk-gdpr", with(func(e *Events) { e.Closed = d("2025-04-10") }), "2025-05-01", view{Closed, "2025-04-17", 7, 5, None, false}},
		{"closed late", "uk-gdpr", with(func(e *Events) { e.Closed = d("2025-04-22") }), "2025-05-01", view{Closed, "2025-04-17", -5, -1, None, true}},
		{"closing in the future is not closed yet", "uk-gdpr", with(func(e *Events) { e.Closed = d("2025-04-10") }), "2025-04-03", view{Running, "2025-04-17", 14, 10, Amber, false}},
		{"FOI counts any UK holiday", "foi", base, "2025-03-14", view{Running, "2025-04-14", 31, 20, Green, false}},
	}
	cal := DefaultCalendar()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, err := cal.Status(tt.regime, EnglandAndWales, tt.ev, d(tt.today))
			if err != nil {
				t.Fatal(err)
			}
			got := view{st.State, st.Due.Format(DateLayout), st.DaysLeft, st.WorkingDaysLeft, st.RAG, st.Late}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Status(%s) (-want +got):\n%s", tt.today, diff)
			}
		})
	}
}
