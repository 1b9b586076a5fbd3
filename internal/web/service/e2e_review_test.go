package service_test

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/disclose-sar/disclose/internal/postgres"
	"github.com/disclose-sar/disclose/internal/workflow"
)

// ownRedaction finishes a manual redaction after the text was selected:
// m asks where it applies (nothing is chosen for the officer), the officer
// chooses (the radio button's id) and presses Redact.
func (e *e2e) ownRedaction(where string) {
	e.t.Helper()
	e.key("m")
	e.waitJS(`document.activeElement && document.activeElement.id === "applies-document" &&
		/Choose this document only or every occurrence/.test(document.getElementById("manual-status").textContent)`)
	e.do(chromedp.Click(chromedp.ID(where)), chromedp.Click(chromedp.CSS(`#manual-form button[data-key="m"]`)))
}

// refusedOverDisclosure selects the text of a suggestion legal approved for
// disclosure and redacts it by hand: the screen refuses, naming the
// approval, and no decision is stored.
func (e *e2e) refusedOverDisclosure(reqID int64, docPath, sid string) {
	e.t.Helper()
	e.open(docPath + "?s=" + sid)
	mark := `document.getElementById(` + strconv.Quote("s-"+sid) + `)`
	e.waitJSOr(mark+` !== null && /Disclose/.test(document.querySelector("#decision-state").textContent) &&
		/approved/.test(document.querySelector("#decision-state").textContent)`, func() string {
		return e.disclosureState(reqID, sid, mark)
	})
	before := e.decisionCount(reqID)
	e.eval(`(function(){const m=` + mark + `; const r=document.createRange(); r.setStart(m.firstChild, 0); r.setEnd(m.firstChild, m.firstChild.length);
		const sel=window.getSelection(); sel.removeAllRanges(); sel.addRange(r); return sel.toString()})()`)
	e.ownRedaction("applies-document")
	e.waitJS(`/approved for disclosure/.test(document.querySelector("main").textContent)`)
	e.shot("review-refused-over-disclosure")
	msg := e.eval(`document.querySelector("main").textContent`)
	if !strings.Contains(msg, "approved by Legal adviser") || !strings.Contains(msg, "undo decision") {
		e.t.Errorf("refusal does not name the approval and how to reopen it: %q", strings.Join(strings.Fields(msg), " "))
	}
	// Give a wrongly accepted request time to land before counting.
	time.Sleep(500 * time.Millisecond)
	if n := e.decisionCount(reqID); n != before {
		e.t.Errorf("decisions after the refused redaction = %d, want %d (nothing stored)", n, before)
	}
}

// disclosureState says what the review screen and the store show of the
// suggestion sid, when the screen does not show it disclosed.
func (e *e2e) disclosureState(reqID int64, sid, mark string) string {
	screen := e.eval(`(function(){const d=document.querySelector("#decision-state"); const c=document.querySelector("#current");
		return "mark " + (` + mark + ` !== null) + ", current " + (c ? c.dataset.sid : "none") + ", decision " + (d ? d.textContent : "none")})()`)
	sugs, err := e.db.Suggestions(e.ctx, reqID, postgres.SuggestionFilter{})
	if err != nil {
		return screen + "; Suggestions: " + err.Error()
	}
	var store []string
	for _, s := range sugs {
		if s.ID == sid || s.Decision == string(workflow.DecisionDisclose) {
			store = append(store, fmt.Sprintf("%s %s %d-%d rule %s decision %q", s.ID, s.DocID, s.Start, s.End, s.RuleID, s.Decision))
		}
	}
	return screen + "; store: " + strings.Join(store, "; ")
}

// changeRole changes one family member's role on the People page with its
// form (to another family kind, so what is redacted stays the same) and
// checks the page and the audit log.
func (e *e2e) changeRole(reqID int64, reqPath string) {
	e.t.Helper()
	key := e.eval(`(function(){const r=[...document.querySelectorAll("#persons tr[data-role='family']")]
		.find(r => r.dataset.kind !== "relative" && r.querySelector("select[name=kind]")); return r ? r.dataset.key : ""})()`)
	if key == "" {
		e.t.Fatalf("People page: no family member whose role can be changed")
	}
	id := func(prefix string) string { return `[id=` + strconv.Quote(prefix+key) + `]` }
	e.do(chromedp.Click(chromedp.CSS(id("person-")+` details.role-change summary`)),
		chromedp.SetValue(chromedp.CSS(id("role-")), "relative"),
		chromedp.Click(chromedp.CSS(id("role-confirm-"))))
	e.waitJS(`location.pathname === ` + strconv.Quote(reqPath+"/persons") + ` && document.querySelector(".flash") !== null &&
		document.querySelector(` + strconv.Quote(id("kind-")) + `).textContent === "Relative"`)
	e.shot("persons-role-changed")
	if got := e.eval(`document.querySelector(` + strconv.Quote(id("person-")) + `).dataset.kind`); got != "relative" {
		e.t.Errorf("person %s kind after the change = %q, want relative", key, got)
	}
	log, err := e.db.AuditLog(e.ctx, reqID, 100000)
	if err != nil {
		e.t.Fatalf("AuditLog: %v", err)
	}
	for _, a := range log {
		if a.Action == postgres.AuditPersonRole && a.Object == "person "+key && a.Detail["to_kind"] == "relative" {
			return
		}
	}
	e.t.Errorf("no %s audit row for person %s to relative", postgres.AuditPersonRole, key)
}
