package service_test

import (
	"fmt"
	"strings"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/google/go-cmp/cmp"

	"github.com/disclose-sar/disclose/internal/workflow"
)

// clockEvent records a clock event dated today through the request page's
// clock form.
func (e *e2e) clockEvent(reqPath, kind string) {
	e.t.Helper()
	e.open(reqPath)
	e.do(chromedp.SetValue(chromedp.ID("ck-kind"), kind),
		chromedp.Click(chromedp.CSS(`form[action$="/clock"] button[type=submit]`)))
	e.waitJS(`/Clock updated/.test((document.querySelector(".flash") || {}).textContent || "")`)
}

// setStatus moves the request with the status form on its page, as an
// officer does, and waits until the store has the new status.
func (e *e2e) setStatus(reqPath string, reqID int64, to workflow.Status, note string) {
	e.t.Helper()
	e.open(reqPath)
	e.do(chromedp.SetValue(chromedp.ID("st-status"), string(to)))
	if note != "" {
		e.do(chromedp.SendKeys(chromedp.ID("st-note"), note))
	}
	e.do(chromedp.Click(chromedp.CSS(`form[action$="/status"] button[type=submit]`)))
	e.waitStatus(reqID, to)
}

func (e *e2e) waitStatus(reqID int64, want workflow.Status) {
	e.t.Helper()
	e.waitFor(20*time.Second, func() bool {
		r, err := e.db.Request(e.ctx, reqID)
		return err == nil && r.Status == string(want)
	})
}

// checkHistory compares the request's status history with the lifecycle
// it was taken through; every change names who made it.
func (e *e2e) checkHistory(reqID int64, want []workflow.Status) {
	e.t.Helper()
	hist, err := e.db.StatusHistory(e.ctx, reqID)
	if err != nil {
		e.t.Fatalf("StatusHistory: %v", err)
	}
	var got []workflow.Status
	for _, h := range hist {
		got = append(got, workflow.Status(h.To))
		if h.By == 0 || h.At.IsZero() {
			e.t.Errorf("status change to %s has no user or time", h.To)
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		e.t.Errorf("status history (-want +got):\n%s", diff)
	}
}

// checkScans: the sample record's scanned letters are in the server's
// bundle as images (pdfimages lists them) with redactions burned in, and
// no scanned page fell back to text for want of its source file.
func (e *e2e) checkScans(file, password string, reqID int64) {
	e.t.Helper()
	imgs := pdfImages(e.t, file, password)
	burned := 0
	for _, img := range imgs {
		if hasBurnedBox(img) {
			burned++
		}
	}
	e.t.Logf("bundle images: %d, with burned boxes: %d", len(imgs), burned)
	if len(imgs) == 0 || burned == 0 {
		e.t.Errorf("bundle has %d images, %d with burned boxes: want the scanned pages as images with redactions burned in", len(imgs), burned)
	}
	bs, err := e.db.Bundles(e.ctx, reqID)
	if err != nil || len(bs) == 0 {
		e.t.Fatalf("Bundles: %v", err)
	}
	if m, ok := bs[len(bs)-1].Certificate.(map[string]any); ok {
		if ws, _ := m["Warnings"].([]any); len(ws) > 0 {
			for _, w := range ws {
				e.t.Logf("bundle warning: %v", w)
				if strings.Contains(fmt.Sprint(w), "source file not found") {
					e.t.Errorf("bundle warning: %v", w)
				}
			}
		}
	}
}
