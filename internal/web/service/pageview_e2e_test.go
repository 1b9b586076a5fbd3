package service_test

import (
	"encoding/json"
	"fmt"
	"image"
	"image/draw"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/disclose-sar/disclose/internal/bundle"
	"github.com/disclose-sar/disclose/internal/postgres"
	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/samples"
	"github.com/disclose-sar/disclose/internal/suggest"
	"github.com/disclose-sar/disclose/internal/web"
	"github.com/disclose-sar/disclose/internal/workflow"
)

// originalTop is the stamp band above a source page shown as itself in
// the bundle, in points (bundle's bandTop): the source page's (x, y) is
// the bundle page's (x, y+originalTop).
const originalTop = 36

// TestPageReview: a PDF document's review screen shows its page image with
// the suggestions as boxes. The officer draws a box with the mouse over a
// word no rule suggested and saves it as an area: it is stored with its
// page coordinates and the word under it. A second box is made with the
// keyboard (b, arrows, Shift+arrows, Esc, Enter) and undone (u). A scanned
// page shows the boxes of the words OCR read, and a Word document is shown
// as its pages. The bundle the server builds has the area black and its
// word gone from the text, and passes the leak check and score.py.
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
	officer = e.firstSignIn(officer)
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

	rec, err := e.db.Record(e.ctx, reqID)
	if err != nil {
		t.Fatal(err)
	}
	sugs, err := e.db.Suggestions(e.ctx, reqID, postgres.SuggestionFilter{})
	if err != nil {
		t.Fatal(err)
	}
	doc, word := areaTarget(t, rec, sugs)
	pi := doc.PageInfo[0]

	// The mouse: a box drawn inside the word's box touches that word only.
	e.open(reqPath + "/documents/" + doc.ID)
	img := `document.querySelector("#doc-pages figure[data-page='1'] img")`
	e.waitJS(img + ` && ` + img + `.complete && ` + img + `.naturalWidth > 0 && document.querySelectorAll("#doc-pages .page-box").length > 0`)
	e.eval(`(function(){` + img + `.scrollIntoView({block: "center"}); return ""})()`)
	e.shot("review-pages")
	var r struct{ Left, Top, Width, Height float64 }
	if err := json.Unmarshal([]byte(e.eval(`(function(){const r=`+img+`.getBoundingClientRect(); return JSON.stringify({Left:r.left,Top:r.top,Width:r.width,Height:r.height})})()`)), &r); err != nil {
		t.Fatal(err)
	}
	at := func(x, y float32) (float64, float64) {
		return r.Left + float64(x)/float64(pi.Width)*r.Width, r.Top + float64(y)/float64(pi.Height)*r.Height
	}
	x0, y0 := at(word.Box.X0+1, word.Box.Y0+1)
	x1, y1 := at(word.Box.X1-1, word.Box.Y1-1)
	e.do(chromedp.MouseEvent(input.DispatchMouseEventTypeMousePressed, x0, y0, chromedp.ButtonLeft),
		chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, (x0+x1)/2, (y0+y1)/2, chromedp.ButtonLeft),
		chromedp.MouseEvent(input.DispatchMouseEventTypeMouseReleased, x1, y1, chromedp.ButtonLeft))
	e.waitJS(`!document.getElementById("area-form").hidden && /1 word under it/.test(document.getElementById("area-status").textContent)`)
	e.shot("review-area-drawn")
	const why = "name written in the margin"
	e.do(chromedp.SendKeys(chromedp.ID("area-reason"), why), chromedp.Click(chromedp.ID("area-save")))
	e.waitFor(20*time.Second, func() bool { return len(e.areas(reqID)) == 1 })
	area := e.areas(reqID)[0]
	box := area.Box
	if area.DocID != doc.ID || area.Page != 1 || area.Code != "TP" || area.Reason != why || area.Decider != officer.email ||
		len(area.Words) != 1 || area.Words[0] != [2]int{word.Start, word.End} {
		t.Errorf("stored area %+v: want page 1 of %s, code TP, the officer's reason and email, and the word %d-%d under it",
			area.Area, doc.ID, word.Start, word.End)
	}
	if !(box.X0 > word.Box.X0 && box.Y0 > word.Box.Y0 && box.X1 < word.Box.X1 && box.Y1 < word.Box.Y1) || area.PageWidth != pi.Width {
		t.Errorf("stored box %+v on a page %v wide: want it inside the word's %+v on the page %v wide", box, area.PageWidth, word.Box, pi.Width)
	}
	areaID := web.AreaPrefix + strconv.FormatInt(area.ID, 10)
	e.waitJS(`document.querySelector("#current") && document.querySelector("#current").dataset.sid === ` + strconv.Quote(areaID) +
		` && /The area drawn on page 1/.test(document.getElementById("own-applies").textContent) && document.querySelector("#doc-pages .page-area.current") !== null`)
	e.shot("review-area-saved")
	e.checkAudit(reqID, postgres.AuditAreaAdd, "area "+strconv.FormatInt(area.ID, 10))

	// The keyboard: b starts a box at the open entry (the area), arrows
	// move it, Shift+arrows resize it, Esc cancels, Enter saves; u undoes.
	e.key("b")
	e.waitJS(`!document.getElementById("area-form").hidden`)
	before := e.areaInputs()
	e.do(chromedp.KeyEvent(kb.ArrowRight), chromedp.KeyEvent(kb.ArrowRight), chromedp.KeyEvent(kb.ArrowDown, chromedp.KeyModifiers(chromedp.ModifierShift)))
	after := e.areaInputs()
	if d := [4]float64{after[0] - before[0], after[1] - before[1], after[2] - before[2], after[3] - before[3]}; !near(d, [4]float64{4, 0, 4, 2}) {
		t.Errorf("box after two Right and one Shift+Down moved by %v, want [4 0 4 2] points", d)
	}
	e.do(chromedp.KeyEvent(kb.Escape))
	e.waitJS(`document.getElementById("area-form").hidden && document.querySelector("#doc-pages .page-draw") === null`)
	e.key("b")
	e.waitJS(`!document.getElementById("area-form").hidden`)
	e.do(chromedp.KeyEvent(kb.Enter))
	e.waitFor(20*time.Second, func() bool { return len(e.areas(reqID)) == 2 })
	e.waitJS(`document.querySelector("#current") && /^area-/.test(document.querySelector("#current").dataset.sid) && document.querySelector("#current").dataset.sid !== ` + strconv.Quote(areaID))
	e.key("u")
	e.waitFor(20*time.Second, func() bool { return len(e.areas(reqID)) == 1 })
	e.checkAudit(reqID, postgres.AuditAreaUndo, "")

	// A scanned page shows the words OCR read; a Word document its pages.
	if scan := scannedDoc(rec); scan != nil {
		e.open(reqPath + "/documents/" + scan.ID)
		simg := `document.querySelector("#doc-pages figure img")`
		e.waitJS(`document.querySelectorAll("#doc-pages .page-word").length > 10 && ` + simg + `.complete && ` + simg + `.naturalWidth > 0`)
		e.shot("review-scan-words")
	} else {
		t.Error("no scanned page with OCR words in the sample")
	}
	if _, err := exec.LookPath("soffice"); err == nil {
		if wd := wordDoc(rec); wd != nil {
			e.open(reqPath + "/documents/" + wd.ID)
			wimg := `document.querySelector("#doc-pages figure[data-page='1'] img")`
			e.waitFor(3*time.Minute, func() bool {
				return e.eval(`(function(){const i=`+wimg+`; return String(!!(i && i.complete && i.naturalWidth > 0))})()`) == "true"
			})
			e.shot("review-word-pages")
		} else {
			t.Error("no Word document in the sample")
		}
	}

	// The bundle, built by the server: the area is black and its word gone.
	u, err := e.db.Authenticate(e.ctx, officer.email, officer.password)
	if err != nil {
		t.Fatal(err)
	}
	decideAll(t, e.db, u, reqID)
	e.open(reqPath + "/bundles")
	e.do(chromedp.Click(chromedp.CSS(`form[action$="/bundles"] button`)))
	e.waitFor(10*time.Minute, func() bool {
		bs, _ := e.db.Bundles(e.ctx, reqID)
		return len(bs) > 0 && (bs[0].State == "ready" || bs[0].State == "failed")
	})
	bs, _ := e.db.Bundles(e.ctx, reqID)
	if bs[0].State != "ready" {
		t.Fatalf("bundle %d is %s: %s", bs[0].ID, bs[0].State, bs[0].Error)
	}
	e.open(reqPath + "/bundles")
	e.do(chromedp.Click(chromedp.CSS(`form[action$="/download"] button`)))
	e.waitJS(`document.querySelector("#bundle-password") !== null`)
	password := e.eval(`document.querySelector("#bundle-password").textContent`)
	file := e.download(`#bundle-file`)
	e.score(file, password)

	var rows []bundle.ScheduleRow
	raw, _ := json.Marshal(bs[0].Schedule)
	if err := json.Unmarshal(raw, &rows); err != nil {
		t.Fatalf("schedule: %v", err)
	}
	page := 0
	for _, row := range rows {
		if row.Kind == bundle.KindArea {
			if page != 0 || row.SourcePage != 1 || row.Note != why || row.Decider != officer.email || row.Code != "TP" {
				t.Errorf("area row %+v: want one, on source page 1, with the officer's reason", row)
			}
			page = row.Page
		}
	}
	if page == 0 {
		t.Fatalf("no %q row in the schedule", bundle.KindArea)
	}
	// The page's text is the source page's text layer without the word
	// (the rest of the bundle may hold the same word elsewhere).
	text, err := exec.Command("pdftotext", "-upw", password, "-f", strconv.Itoa(page), "-l", strconv.Itoa(page), file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	wordText := doc.Text[word.Start:word.End]
	if strings.Contains(strings.ToLower(string(text)), wordText) || len(strings.Fields(string(text))) < 20 {
		t.Errorf("bundle page %d's text holds the word under the area, or is not the source page's text:\n%s", page, text)
	}
	got := renderPage(t, file, password, page, 150)
	for name, b := range map[string]record.Box{"area": box, "word": word.Box} {
		if dark := darkShare(got, b, originalTop, 150); dark < 0.7 {
			t.Errorf("bundle page %d: the %s's box %+v is %.2f dark, want black", page, name, b, dark)
		} else {
			t.Logf("bundle page %d: the %s's box is %.2f dark", page, name, dark)
		}
	}
}

// areaTarget is a word on page 1 of a born-digital PDF that no suggestion
// covers and that appears nowhere else in the record, in a document that is
// neither withheld nor a duplicate: what an officer would box by hand.
func areaTarget(t *testing.T, rec *record.Record, sugs []postgres.Suggestion) (*record.Document, record.Word) {
	t.Helper()
	var all strings.Builder
	for _, d := range rec.Documents {
		all.WriteString(strings.ToLower(d.Text))
		all.WriteString("\n")
	}
	corpus := all.String()
	for i := range rec.Documents {
		d := &rec.Documents[i]
		if d.Format != record.FormatPDF || d.Part != "" || d.DuplicateOf != "" || len(d.PageInfo) == 0 || d.PageInfo[0].Scanned {
			continue
		}
		var spans [][2]int
		whole := false
		for _, s := range sugs {
			if s.DocID != d.ID {
				continue
			}
			if s.Scope != suggest.ScopeSpan || s.Action == suggest.ActionWithhold {
				whole = true
			}
			spans = append(spans, [2]int{s.Start, s.End})
		}
		if whole {
			continue
		}
	words:
		for _, w := range bundle.PageWords(d, 1) {
			txt := d.Text[w.Start:w.End]
			if len(txt) < 7 || strings.IndexFunc(txt, func(r rune) bool { return !unicode.IsLower(r) }) >= 0 ||
				strings.Count(corpus, txt) != 1 || w.Box.X1-w.Box.X0 < 20 || w.Box.Y1-w.Box.Y0 < 5 {
				continue
			}
			for _, s := range spans {
				if s[0] < w.End+2 && w.Start-2 < s[1] {
					continue words
				}
			}
			return d, w
		}
	}
	t.Fatal("no PDF word in the sample to draw an area over")
	return nil, record.Word{}
}

func scannedDoc(rec *record.Record) *record.Document {
	for i := range rec.Documents {
		d := &rec.Documents[i]
		for _, pi := range d.PageInfo {
			if pi.Scanned && pi.Width > 0 && len(bundle.PageWords(d, pi.Number)) > 10 && d.DuplicateOf == "" {
				return d
			}
		}
	}
	return nil
}

func wordDoc(rec *record.Record) *record.Document {
	for i := range rec.Documents {
		d := &rec.Documents[i]
		if d.Format == record.FormatDOCX && d.Part == "" && d.DuplicateOf == "" {
			return d
		}
	}
	return nil
}

// areas is the request's current areas.
func (e *e2e) areas(reqID int64) []postgres.Area {
	e.t.Helper()
	as, err := e.db.Areas(e.ctx, reqID, "")
	if err != nil {
		e.t.Fatalf("Areas: %v", err)
	}
	return as
}

// areaInputs is the box the area form would save: x0, y0, x1, y1.
func (e *e2e) areaInputs() [4]float64 {
	e.t.Helper()
	var out [4]float64
	for i, id := range []string{"area-x0", "area-y0", "area-x1", "area-y1"} {
		v, err := strconv.ParseFloat(e.eval(`document.getElementById(`+strconv.Quote(id)+`).value`), 64)
		if err != nil {
			e.t.Fatalf("%s: %v", id, err)
		}
		out[i] = v
	}
	return out
}

func near(a, b [4]float64) bool {
	for i := range a {
		if a[i]-b[i] > 0.05 || b[i]-a[i] > 0.05 {
			return false
		}
	}
	return true
}

// checkAudit fails unless the request's audit log has an action (on
// object, when given).
func (e *e2e) checkAudit(reqID int64, action, object string) {
	e.t.Helper()
	log, err := e.db.AuditLog(e.ctx, reqID, 100000)
	if err != nil {
		e.t.Fatalf("AuditLog: %v", err)
	}
	for _, a := range log {
		if a.Action == action && (object == "" || a.Object == object) {
			return
		}
	}
	e.t.Errorf("no %s audit row for %q", action, object)
}

// renderPage renders page n of a PDF with poppler at dpi, grey.
func renderPage(t *testing.T, file, password string, n, dpi int) *image.Gray {
	t.Helper()
	base := filepath.Join(t.TempDir(), "p")
	args := []string{"-r", strconv.Itoa(dpi), "-gray", "-png", "-f", strconv.Itoa(n), "-l", strconv.Itoa(n), "-singlefile", "-upw", password, file, base}
	if out, err := exec.Command("pdftoppm", args...).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	f, err := os.Open(base + ".png")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	g := image.NewGray(image.Rect(0, 0, img.Bounds().Dx(), img.Bounds().Dy()))
	draw.Draw(g, g.Rect, img, img.Bounds().Min, draw.Src)
	return g
}

// darkShare is the share of dark pixels in box (source page points, below
// a band of top points) of a page rendered at dpi, a pixel in from its
// edges.
func darkShare(g *image.Gray, b record.Box, top, dpi float64) float64 {
	k := dpi / 72
	r := image.Rect(int(float64(b.X0)*k)+1, int((float64(b.Y0)+top)*k)+1, int(float64(b.X1)*k)-1, int((float64(b.Y1)+top)*k)-1).Intersect(g.Rect)
	n, dark := 0, 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			n++
			if g.Pix[y*g.Stride+x] < 96 {
				dark++
			}
		}
	}
	if n == 0 {
		return 0
	}
	return float64(dark) / float64(n)
}
