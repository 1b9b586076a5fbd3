package deadline

import (
	"math/rand/v2"
	"testing"
	"time"
)

// randomEvents draws a request between 2015 and 2029 with, sometimes, an ID
// or fee start and up to three answered clarification pauses.
func randomEvents(rng *rand.Rand) Events {
	day := func(from time.Time, max int) time.Time { return from.AddDate(0, 0, rng.IntN(max)) }
	ev := Events{Received: day(date(2015, 1, 1), 15*365)}
	if rng.IntN(3) == 0 {
		ev.IDReceived = day(ev.Received.AddDate(0, 0, -5), 30)
	}
	if rng.IntN(4) == 0 {
		ev.FeeReceived = day(ev.Received, 20)
	}
	for range rng.IntN(4) {
		a := day(ev.Received, 40)
		ev.Pauses = append(ev.Pauses, Pause{Asked: a, Answered: day(a, 15)})
	}
	ev.Extended = rng.IntN(4) == 0
	return ev
}

func TestProperties(t *testing.T) {
	cal := DefaultCalendar()
	rng := rand.New(rand.NewPCG(2025, 3))
	regimes := RegimeNames()
	for i := 0; i < 20000; i++ {
		name := regimes[rng.IntN(len(regimes))]
		r, _ := LookupRegime(name)
		n := Nations[rng.IntN(len(Nations))]
		ev := randomEvents(rng)
		if r.Extension == nil {
			ev.Extended = false
		}
		res, err := cal.Compute(name, n, ev)
		if err != nil {
			t.Fatalf("Compute(%s, %s, %+v): %v", name, n, ev, err)
		}
		if res.Due.Before(res.Start) || !res.Start.Before(res.Due) {
			t.Fatalf("Compute(%s, %s, %+v): due %s not after start %s", name, n, ev, iso(res.Due), iso(res.Start))
		}
		if res.Start.Before(ev.Received) {
			t.Fatalf("Compute(%s, %s, %+v): start %s before receipt", name, n, ev, iso(res.Start))
		}
		if (r.RollForward || r.Period.Unit == UnitWorkingDays) && !cal.WorkingDay(r.calendarFor(n), res.Due) {
			t.Fatalf("Compute(%s, %s, %+v): due %s is not a working day", name, n, ev, iso(res.Due))
		}
		if res.Extended {
			if res.Due.Before(res.FirstDue) {
				t.Fatalf("Compute(%s, %s, %+v): extended due %s before first due %s", name, n, ev, iso(res.Due), iso(res.FirstDue))
			}
		}
		// One more pause never brings the due date forward.
		a := res.Start.AddDate(0, 0, rng.IntN(60)-5)
		more := ev
		more.Pauses = append(append([]Pause(nil), ev.Pauses...), Pause{Asked: a, Answered: a.AddDate(0, 0, rng.IntN(20))})
		if more.Pauses[len(more.Pauses)-1].Answered.Before(ev.Received) {
			continue
		}
		res2, err := cal.Compute(name, n, more)
		if err != nil {
			t.Fatalf("Compute(%s, %s, %+v): %v", name, n, more, err)
		}
		if res2.Due.Before(res.Due) {
			t.Fatalf("Compute(%s, %s): adding pause %v moved due %s → %s", name, n, more.Pauses[len(more.Pauses)-1], iso(res.Due), iso(res2.Due))
		}
		// A later receipt never brings the due date forward. (Not with pauses:
		// 29 and 30 Jan both give 28 Feb, and a pause begun on 29 Jan then
		// loses a day to the clamp at the start.)
		if len(ev.Pauses) > 0 {
			continue
		}
		later := ev
		later.Received = ev.Received.AddDate(0, 0, 1)
		if res3, err := cal.Compute(name, n, later); err == nil && res3.Due.Before(res.Due) {
			t.Fatalf("Compute(%s, %s): receipt a day later moved due %s → %s", name, n, iso(res.Due), iso(res3.Due))
		}
	}
}

func BenchmarkCompute(b *testing.B) {
	cal := DefaultCalendar()
	ev := Events{Received: date(2025, 3, 18), IDReceived: date(2025, 3, 20),
		Pauses: []Pause{{Asked: date(2025, 3, 25), Answered: date(2025, 4, 2)}}, Extended: true}
	for b.Loop() {
		if _, err := cal.Compute("uk-gdpr", Scotland, ev); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkComputeFOI(b *testing.B) {
	cal := DefaultCalendar()
	ev := Events{Received: date(2025, 12, 15)}
	for b.Loop() {
		if _, err := cal.Compute("foi", EnglandAndWales, ev); err != nil {
			b.Fatal(err)
		}
	}
}
