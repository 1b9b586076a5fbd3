package suggest

import (
	"fmt"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/disclose-sar/disclose/internal/record"
)

// Invented words for generated records: no real record's people or places.
var (
	benchFirst = []string{"Ava", "Ben", "Cara", "Dan", "Ella", "Finn", "Gwen", "Hal", "Iris", "Jon"}
	benchLast  = []string{"Arden", "Bexley", "Corran", "Dunmore", "Elstow", "Farrant", "Gilby", "Hessel"}
)

// benchRecord generates pages of case-record prose (about 2,800 bytes a
// page): visits, family members by name, phone numbers, addresses, health
// and police mentions, staff signatures.
func benchRecord(pages int) *record.Record {
	rec := &record.Record{Subject: record.Subject{Name: "Robin Arncliffe Fell", DOB: "2007-02-11",
		Identifiers: map[string]string{"case_number": "NTC-1234567"}}}
	for i, f := range benchFirst {
		rec.Persons = append(rec.Persons, record.Person{Name: f + " " + benchLast[i%len(benchLast)], Role: "relative", Relationship: "aunt"})
	}
	rec.Persons = append(rec.Persons, record.Person{Name: "Owen Tallis", Role: "professional", Relationship: "Social Worker", Agency: "Northtown Council"})
	var page strings.Builder
	for d := 0; d < pages; d++ {
		page.Reset()
		for p := 0; page.Len() < 2800; p++ {
			f, l := benchFirst[(d+p)%len(benchFirst)], benchLast[(d*3+p)%len(benchLast)]
			fmt.Fprintf(&page, "Home visit on %02d/%02d/2015 by Owen Tallis, Social Worker. Robin was seen alone and talked about school, "+
				"drawing and her friends. %s %s was present and said she has been feeling well; Mrs %s can be reached on 07700 900%03d. "+
				"Robin's uncle lives at %d Example Road, Northtown NT1 %dAB. Police attended the address last year. Robin said she "+
				"would like more family time and to keep going to football on Saturdays with her friends from the Year 6 class.\n",
				1+p%28, 1+d%12, f, l, l, (d+p)%1000, 1+p%90, p%10)
		}
		rec.Documents = append(rec.Documents, doc(fmt.Sprintf("doc%05d", d), page.String()))
		rec.Documents[d].Pages = 1
	}
	return rec
}

// BenchmarkSuggest measures suggestion alone over a generated record
// (goal: 500 pages/s on one core; run with -cpu 1). Time is linear in size:
// compare the pages/s of the sizes.
func BenchmarkSuggest(b *testing.B) {
	set := mustRules(b)
	for _, pages := range []int{500, 5000} {
		rec := benchRecord(pages)
		b.Run(fmt.Sprintf("pages=%d", pages), func(b *testing.B) {
			b.ReportAllocs()
			start, cpu0 := time.Now(), cpuSeconds()
			for i := 0; i < b.N; i++ {
				if _, err := Suggest(rec, set, Options{}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(pages*b.N)/time.Since(start).Seconds(), "pages/s")
			// Pages per second of CPU the process used: the figure that
			// holds on a shared machine, where wall-clock time also counts
			// other people's work (with -cpu 1 it is one core's rate).
			if cpu := cpuSeconds() - cpu0; cpu > 0 {
				b.ReportMetric(float64(pages*b.N)/cpu, "pages/cpu-s")
			}
		})
	}
}

// bigParagraph is a 10 MB single paragraph of ordinary prose with a name,
// a phone number and a health word now and then.
func bigParagraph() string {
	var b strings.Builder
	for b.Len() < 10<<20 {
		b.WriteString("Robin said that Ava Arden rang on 07700 900123 and was drinking again, and the visit went on for a long time without any break at all ")
	}
	return b.String()
}

func TestTenMegabyteParagraph(t *testing.T) {
	rec := benchRecord(1)
	rec.Documents = []record.Document{doc("big", bigParagraph())}
	res, err := Suggest(rec, mustRules(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Suggestions) == 0 {
		t.Fatal("no suggestions in a 10 MB paragraph full of names")
	}
}

func BenchmarkTenMegabyteParagraph(b *testing.B) {
	rec := benchRecord(1)
	rec.Documents = []record.Document{doc("big", bigParagraph())}
	set := mustRules(b)
	b.SetBytes(int64(len(rec.Documents[0].Text)))
	for i := 0; i < b.N; i++ {
		if _, err := Suggest(rec, set, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// cpuSeconds is the user and system CPU time this process has used.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds()
}
