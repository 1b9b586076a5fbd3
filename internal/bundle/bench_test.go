package bundle

import (
	"context"
	"fmt"
	"io"
	"math/rand"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/disclose-sar/disclose/internal/record"
)

var benchWords = strings.Fields(`the visit went well and she said that school was fine but she misses her
brother at weekends social worker agreed to arrange family time at the centre placement stable carer reports
good sleep and eating review booked with the IRO pathway plan discussed college course catering money
housing support personal adviser will call next week LAC review minutes agreed actions health assessment due`)

var benchNames = []string{"Oswin Threlkeld", "Garrick Threlkeld", "Philippa Quenby", "Marnie Ashdown", "Corin Vellacott", "14 Larchmere Road", "07700 900461"}

// benchInput makes a record of about pages pages (2,500 characters each)
// in documents of five pages, with a redaction roughly every 300
// characters and one document in twenty withheld.
func benchInput(pages int) Input {
	rng := rand.New(rand.NewSource(1))
	in := Input{Reasons: testReasons}
	for n := 0; n < pages/5; n++ {
		var sb strings.Builder
		d := record.Document{ID: fmt.Sprintf("d%05d", n), Location: []string{"case-system-export", "shared-drive", "mailbox-a"}[n%3],
			Path: fmt.Sprintf("loc/doc-%05d.docx", n), Format: record.FormatDOCX, Type: "record", Title: "Record of work",
			Date: time.Date(2010, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, n)}
		for sb.Len() < 5*2500 {
			start := sb.Len()
			for k := 0; k < 60; k++ {
				if k > 0 {
					sb.WriteByte(' ')
				}
				if rng.Intn(50) == 0 {
					name := benchNames[rng.Intn(len(benchNames))]
					s := sb.Len()
					sb.WriteString(name)
					in.Redactions = append(in.Redactions, record.Redaction{DocID: d.ID, Start: s, End: sb.Len(), Code: "TP", Label: "Sibling A", Decider: "auto", Text: name})
					continue
				}
				sb.WriteString(benchWords[rng.Intn(len(benchWords))])
			}
			sb.WriteString(".")
			d.Blocks = append(d.Blocks, record.Block{Kind: record.BlockParagraph, Start: start, End: sb.Len()})
			sb.WriteByte('\n')
		}
		d.Text = sb.String()
		if n%20 == 7 {
			in.Redactions = append(in.Redactions, record.Redaction{DocID: d.ID, Withhold: true, Code: "PA", Decider: "auto"})
		}
		in.Docs = append(in.Docs, d)
	}
	return in
}

// BenchmarkBundle writes, encrypts and leak-checks (raw objects and content
// streams; no PDFium text here) a 5,000-page record. Reports pages/s and
// peak heap.
func BenchmarkBundle(b *testing.B) {
	if _, err := loadFonts(""); err != nil {
		b.Skip(err)
	}
	in := benchInput(5000)
	runtime.GC()
	var peak uint64
	done := make(chan struct{})
	go func() {
		var ms runtime.MemStats
		for {
			select {
			case <-done:
				return
			case <-time.After(50 * time.Millisecond):
				runtime.ReadMemStats(&ms)
				peak = max(peak, ms.HeapInuse+ms.StackInuse)
			}
		}
	}()
	b.ResetTimer()
	pages := 0
	for range b.N {
		res, err := Write(context.Background(), io.Discard, in, Options{Reference: "BENCH-1", Password: "bench", Date: time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			b.Fatal(err)
		}
		pages += res.Pages
	}
	b.StopTimer()
	close(done)
	b.ReportMetric(float64(pages)/b.Elapsed().Seconds(), "pages/s")
	b.ReportMetric(float64(peak)/(1<<20), "peak-MiB")
	b.ReportMetric(float64(pages)/float64(b.N), "pages")
}
