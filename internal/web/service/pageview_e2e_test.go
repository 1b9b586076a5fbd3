package service_test

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"github.com/disclose-sar/disclose/internal/bundle"
	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/samples"
	"github.com/disclose-sar/disclose/internal/workflow"
)

// TestPageReview: a PDF document's review screen shows its page image with
// the suggestions as boxes; a box drawn over a word with the mouse fills
// "Add a redaction" with that word's offsets, and redacting stores it.
func TestPageReview(t *testing.T) {
	if _, err := os.Stat(chromiumPath); err != nil {
		if os.Getenv("DISCLOSE_TESTDB") == "required" {
			t.Fatalf("chromium not found at %s (DISCLOSE_TESTDB=required)", chromiumPath)
		}
		t.Skipf("chromium not found at %s", chromiumPath)
	}
	recordDir := samples.Record(t)
	e := start(t, recordDir)
	officer := e.user("pages@example.test", "IG officer", workflow.RoleIGOfficer)
	e.open("/login")
	e.firstSignIn(officer)
	e.waitJS(`location.pathname === "/requests"`)
	e.open("/requests/new")
	subj := readSubject(t, recordDir)
	e.do(chromedp.SendKeys(chromedp.ID("subject_name"), subj.Name),
		chromedp.SetValue(chromedp.ID("subject_dob"), subj.DOB),
		chromedp.SetValue(chromedp.ID("record_path"), recordDir),
		chromedp.Click(chromedp.CSS(`form[action="/requests"] button[type=submit]`)))
	e.waitJS(`/^\/requests\/\d+$/.test(location.pathname)`)
	reqPath := e.eval(`location.pathname`)
	var reqID int64
	fmt.Sscanf(reqPath, "/requests/%d", &reqID)
	e.waitFor(5*time.Minute, func() bool {
		p, err := e.db.Progress(e.ctx, reqID)
		return err == nil && p.Suggestions > 0 && p.Documents > 0 && !e.ingesting(reqID)
	})

	// A born-digital PDF with words on its first page.
	rec, err := e.db.Record(e.ctx, reqID)
	if err != nil {
		t.Fatal(err)
	}
	var doc *record.Document
	var word record.Word
	for i := range rec.Documents {
		d := &rec.Documents[i]
		if d.Format != record.FormatPDF || d.Part != "" || d.DuplicateOf != "" {
			continue
		}
		if ws := bundle.PageWords(d, 1); len(ws) > 10 {
			doc, word = d, ws[len(ws)/2]
			break
		}
	}
	if doc == nil {
		t.Fatal("no PDF with words in the sample")
	}
	e.open(reqPath + "/documents/" + doc.ID)
	img := `document.querySelector("#doc-pages figure[data-page='1'] img")`
	e.waitJS(img + ` && ` + img + `.complete && ` + img + `.naturalWidth > 0 && document.querySelectorAll("#doc-pages .page-box").length > 0`)
	e.eval(`(function(){` + img + `.scrollIntoView({block: "center"}); return ""})()`)
	e.shot("review-pages")

	// Drag from just outside the word's top left to its bottom right.
	var r struct{ Left, Top, Width, Height float64 }
	if err := json.Unmarshal([]byte(e.eval(`(function(){const r=`+img+`.getBoundingClientRect(); return JSON.stringify({Left:r.left,Top:r.top,Width:r.width,Height:r.height})})()`)), &r); err != nil {
		t.Fatal(err)
	}
	pi := doc.PageInfo[0]
	at := func(x, y float32) (float64, float64) {
		return r.Left + float64(x)/float64(pi.Width)*r.Width, r.Top + float64(y)/float64(pi.Height)*r.Height
	}
	x0, y0 := at(word.Box.X0-1, word.Box.Y0-1)
	x1, y1 := at(word.Box.X1+1, word.Box.Y1+1)
	e.do(chromedp.MouseEvent(input.DispatchMouseEventTypeMousePressed, x0, y0, chromedp.ButtonLeft),
		chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, (x0+x1)/2, (y0+y1)/2, chromedp.ButtonLeft),
		chromedp.MouseEvent(input.DispatchMouseEventTypeMouseReleased, x1, y1, chromedp.ButtonLeft))
	e.waitJS(`/1 word from page 1 selected/.test(document.getElementById("manual-status").textContent)`)
	e.shot("review-pages-drawn")
	if got, want := e.eval(`document.getElementById("manual-start").value + "-" + document.getElementById("manual-end").value`),
		fmt.Sprintf("%d-%d", word.Start, word.End); got != want {
		t.Fatalf("drawn box chose offsets %s, want the word's %s", got, want)
	}
	if got := e.eval(`document.getElementById("manual-text").value`); got != strings.TrimSpace(doc.Text[word.Start:word.End]) {
		t.Errorf("drawn box chose other words than the one under it")
	}
	decisions := e.decisionCount(reqID)
	e.do(chromedp.Click(chromedp.ID("applies-document")), chromedp.Click(chromedp.CSS(`#manual-form button[data-key="m"]`)))
	e.waitFor(20*time.Second, func() bool { return e.decisionCount(reqID) == decisions+1 })
}
