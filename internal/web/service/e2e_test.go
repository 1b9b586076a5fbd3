package service_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/disclose-sar/disclose/internal/pgtest"
	"github.com/disclose-sar/disclose/internal/postgres"
	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/samples"
	"github.com/disclose-sar/disclose/internal/web"
	"github.com/disclose-sar/disclose/internal/web/service"
	"github.com/disclose-sar/disclose/internal/workflow"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

const chromiumPath = "/usr/bin/chromium"

// sharedDir is ../shared seen from the repository root.
var sharedDir = filepath.Join("..", "..", "..", "..", "shared")

// e2e is one browser session against a running service.
type e2e struct {
	t     *testing.T
	ctx   context.Context
	base  string
	shots string
	n     int
	axe   string
	db    *postgres.DB
}

// TestEndToEnd drives the workbench in headless Chromium: sign in, log a
// request from the sample record, wait for ingestion, decide suggestions by
// keyboard, approve a third-party disclosure as legal, generate the bundle,
// download it and score it. Every screen is saved as a screenshot and
// checked with axe-core.
func TestEndToEnd(t *testing.T) {
	if _, err := os.Stat(chromiumPath); err != nil {
		if os.Getenv("DISCLOSE_TESTDB") == "required" {
			t.Fatalf("chromium not found at %s (DISCLOSE_TESTDB=required)", chromiumPath)
		}
		t.Skipf("chromium not found at %s", chromiumPath)
	}
	recordDir := samples.Record(t)
	e := start(t, recordDir)
	officer := e.user("officer@example.test", "IG officer", workflow.RoleIGOfficer)
	legal := e.ready(e.user("legal@example.test", "Legal adviser", workflow.RoleLegal))

	// Sign in: the first sign-in with a one-time password asks for a
	// password of the officer's own before anything else.
	e.open("/login")
	e.shot("login")
	officer = e.firstSignIn(officer)
	e.waitJS(`location.pathname === "/requests"`)
	e.shot("dashboard-empty")

	// Log a request from the sample record.
	e.open("/requests/new")
	e.shot("request-new")
	subj := readSubject(t, recordDir)
	e.do(chromedp.SendKeys(chromedp.ID("subject_name"), subj.Name),
		chromedp.SendKeys(chromedp.ID("subject_aliases"), strings.Join(subj.Aliases, ", ")),
		chromedp.SetValue(chromedp.ID("subject_dob"), subj.DOB),
		chromedp.SetValue(chromedp.ID("record_path"), recordDir),
		chromedp.Click(chromedp.CSS(`form[action="/requests"] button[type=submit]`)))
	e.waitJS(`/^\/requests\/\d+$/.test(location.pathname)`)
	reqPath := e.eval(`location.pathname`)
	var reqID int64
	fmt.Sscanf(reqPath, "/requests/%d", &reqID)

	// Wait for ingestion and suggestions.
	e.waitFor(5*time.Minute, func() bool {
		p, err := e.db.Progress(e.ctx, reqID)
		return err == nil && p.Suggestions > 0 && p.Documents > 0 && !e.ingesting(reqID)
	})
	e.open("/requests")
	e.shot("dashboard")
	e.open(reqPath)
	e.shot("request")
	// The lifecycle as the officer drives it: ID asked and received on the
	// clock move the status by themselves; the status form does the rest.
	e.clockEvent(reqPath, "id_asked")
	e.waitStatus(reqID, workflow.StatusAwaitingID)
	e.clockEvent(reqPath, "id_received")
	e.waitStatus(reqID, workflow.StatusInProgress)
	e.setStatus(reqPath, reqID, workflow.StatusInReview, "Record gathered and ingested.")
	e.shot("request-in-review")
	e.open(reqPath + "/documents")
	e.shot("documents")

	// Review by keyboard: a document with suggestions.
	e.openFirstReview()
	e.shot("review")
	before := e.decided(reqID)
	e.key("a") // accept the first suggestion
	e.waitFor(20*time.Second, func() bool { return e.decided(reqID) == before+1 })
	e.waitJS(`document.querySelector("mark.current") !== null`)
	e.shot("review-after-accept")
	// Each key press waits for the screen to move to another suggestion
	// (its id), not for text the previous screen may already show.
	sid := e.currentSID()
	e.key("j")
	e.waitJS(`document.querySelector("#current") && document.querySelector("#current").dataset.sid !== ` + strconv.Quote(sid) +
		` && /Not decided/.test(document.querySelector("#decision-state").textContent)`)
	sid = e.currentSID()
	e.key("r") // reject (keep the text): the screen moves to the next one
	e.waitFor(20*time.Second, func() bool { return e.decided(reqID) == before+2 })
	// Back to the rejected one with k if the screen has moved on.
	e.waitJS(`document.querySelector("#current") && (document.querySelector("#current").dataset.sid !== ` + strconv.Quote(sid) +
		` || /Reject/.test(document.querySelector("#decision-state").textContent))`)
	if e.currentSID() != sid {
		e.key("k")
	}
	e.waitJS(`document.querySelector("#current").dataset.sid === ` + strconv.Quote(sid) +
		` && /Reject/.test(document.querySelector("#decision-state").textContent)`)
	e.key("u") // and undo it
	e.waitFor(20*time.Second, func() bool { return e.decided(reqID) == before+1 })
	e.waitJS(`/Not decided/.test(document.querySelector("#decision-state").textContent)`)
	e.shot("review-after-undo")

	// Select text in the document and press m: a manual redaction.
	decisions := e.decisionCount(reqID)
	e.eval(`(function(){const s=[...document.querySelectorAll("#doctext span[data-o]")].sort((a,b)=>b.textContent.length-a.textContent.length)[0]; const r=document.createRange();
		r.setStart(s.firstChild, 0); r.setEnd(s.firstChild, Math.min(4, s.firstChild.length));
		const sel=window.getSelection(); sel.removeAllRanges(); sel.addRange(r); return sel.toString()})()`)
	e.ownRedaction("applies-document")
	e.waitFor(20*time.Second, func() bool { return e.decisionCount(reqID) == decisions+1 })
	// It is on the screen like a suggestion: highlighted, current, with its
	// code, who and when, and where it applies; the page says what was done.
	e.waitJS(`document.querySelector("mark.current[id^='s-own-']") !== null && document.querySelector("#own-applies") !== null`)
	e.shot("review-own-redaction")
	if got := e.eval(`document.querySelector("#own-applies").textContent`); got != "This document only" {
		t.Errorf("own redaction applies to %q, want This document only", got)
	}
	if got := e.eval(`document.querySelector(".flash").textContent`); !strings.Contains(got, "Redacted in this document only: 1 occurrence.") {
		t.Errorf("flash after the own redaction = %q", got)
	}
	if got := e.eval(`document.querySelector("#decision-state").textContent`); !strings.Contains(got, "Redact") || !strings.Contains(got, "IG officer") {
		t.Errorf("own redaction's decision = %q, want it and who made it", got)
	}
	// And undone with u: the decision goes, and so does the highlight.
	e.key("u")
	e.waitFor(20*time.Second, func() bool { return e.decisionCount(reqID) == decisions })
	e.waitJS(`document.querySelector("#doctext") !== null && document.querySelector("mark[id^='s-own-']") === null`)

	// Disclose one third-party suggestion: needs legal approval.
	// The undo re-renders the screen: wait until htmx is idle so the
	// reason is typed into the form that is then submitted.
	e.waitJS(`document.querySelector("#basis") !== null && document.querySelector(".htmx-request") === null`)
	disclosedSID, disclosedDoc := e.currentSID(), e.eval(`location.pathname`)
	e.do(chromedp.SetValue(chromedp.ID("reason"), "The requester already knows this person's name."),
		chromedp.SetValue(chromedp.ID("basis"), workflow.BasisKnown))
	e.waitJS(`document.getElementById("reason").value !== "" && document.getElementById("basis").value !== ""`)
	e.do(chromedp.Click(chromedp.CSS(`button[value="disclose"]`)))
	e.waitFor(20*time.Second, func() bool { return e.pendingApprovals(reqID) == 1 })
	e.setStatus(reqPath, reqID, workflow.StatusAwaitingApproval, "A third-party disclosure needs legal sign-off.")

	// Other screens.
	e.open(reqPath + "/search?q=school")
	e.shot("search")
	e.open(reqPath + "/persons")
	e.shot("persons")
	e.changeRole(reqID, reqPath)
	e.open(reqPath + "/consultations")
	e.shot("consultations")

	// Decide every remaining suggestion (accept) as the officer would with
	// "a" on each; through the store to keep the test short.
	e.acceptRest(reqID, officer)

	// Legal approves the disclosure.
	e.signOut()
	e.signIn(legal)
	e.open("/approvals")
	e.shot("approvals")
	// Accepting a withholding under an exemption or partner-agency code is a
	// withholding: each waits for legal too. Legal approves them one by one.
	if n := e.pendingApprovals(reqID); n < 2 {
		t.Errorf("pending approvals after accepting everything = %d: accepting a withhold suggestion must ask legal too", n)
	}
	for i := 0; e.pendingApprovals(reqID) > 0 && i < 200; i++ {
		left := e.pendingApprovals(reqID)
		e.open("/approvals")
		e.do(chromedp.SetValue(chromedp.CSS(`form[action^="/approvals/"] input[name=reason]`), "Reasonable: already known to the requester."),
			chromedp.Click(chromedp.CSS(`form[action^="/approvals/"] button[value=approved]`)))
		e.waitFor(20*time.Second, func() bool { return e.pendingApprovals(reqID) < left })
	}
	e.shot("approvals-done")

	// The officer redacts over the text legal approved for disclosure: it
	// is refused, naming the approval, and nothing is stored.
	e.signOut()
	e.signIn(officer)
	e.refusedOverDisclosure(reqID, disclosedDoc, disclosedSID)

	// The officer generates the bundle and downloads it.
	e.setStatus(reqPath, reqID, workflow.StatusReady, "")
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
	e.shot("bundles")
	e.do(chromedp.Click(chromedp.CSS(`form[action$="/download"] button`)))
	e.waitJS(`document.querySelector("#bundle-password") !== null`)
	e.shot("bundle-password")
	password := e.eval(`document.querySelector("#bundle-password").textContent`)
	file := e.download(`#bundle-file`)
	e.score(file, password)
	e.checkScans(file, password, reqID)

	// Release it and read it as a support worker would.
	e.open(reqPath + "/bundles")
	e.do(chromedp.Click(chromedp.CSS(`form[action$="/release"] button`)))
	e.waitFor(20*time.Second, func() bool {
		bs, _ := e.db.Bundles(e.ctx, reqID)
		return bs[0].State == "released"
	})
	// Marking the bundle sent moves the request to disclosed by itself.
	e.waitStatus(reqID, workflow.StatusDisclosed)
	e.setStatus(reqPath, reqID, workflow.StatusClosed, "")
	e.shot("request-closed")
	e.checkHistory(reqID, []workflow.Status{workflow.StatusLogged, workflow.StatusInProgress, workflow.StatusAwaitingID, workflow.StatusInProgress,
		workflow.StatusInReview, workflow.StatusAwaitingApproval, workflow.StatusReady, workflow.StatusDisclosed, workflow.StatusClosed})
	support := e.ready(e.user("support@example.test", "Support worker", workflow.RoleSupportWorker))
	e.signOut()
	e.signIn(support)
	e.waitJS(`location.pathname === "/reading"`)
	e.shot("reading-list")
	e.open(reqPath + "/read")
	e.shot("reading")
	e.do(chromedp.Click(chromedp.CSS(`form[action="/prefs/text-size"] button`)))
	e.waitJS(`document.body.classList.contains("large-text")`)
	e.shot("reading-large-text")

	// An administrator adds a legal adviser to the team, spelt with other
	// capitals: the one-time password is shown once.
	admin := e.ready(e.user("admin@example.test", "Administrator", workflow.RoleAdmin))
	e.signOut()
	e.signIn(admin)
	e.open("/admin/users")
	e.shot("admin-users")
	e.do(chromedp.SendKeys(chromedp.ID("new-email"), "adviser@example.test"), chromedp.SendKeys(chromedp.ID("new-name"), "Second adviser"),
		chromedp.Click(chromedp.CSS(`form[action="/admin/users"] input[value=legal]`)), chromedp.SendKeys(chromedp.ID("new-team"), "ig"),
		chromedp.Click(chromedp.CSS(`form[action="/admin/users"] button[type=submit]`)))
	e.waitJS(`document.querySelector("#one-time-password") !== null`)
	e.shot("admin-user-added")
	users, err := e.db.Accounts(e.ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range users {
		if u.Email == "adviser@example.test" && u.TeamName != "IG" {
			t.Errorf("adviser added to team %q, want the existing team IG", u.TeamName)
		}
	}
}

// start runs the service on a fresh database and a headless Chromium.
func start(t *testing.T, recordDir string) *e2e {
	t.Helper()
	pool := pgtest.NewPool(t)
	db := postgres.New(pool)
	axe, err := os.ReadFile(filepath.Join("..", "testdata", "axe.min.js"))
	if err != nil {
		t.Fatalf("axe-core: %v", err)
	}
	svc, err := service.New(service.Config{Web: web.Config{Addr: "127.0.0.1:0"},
		DataDir: t.TempDir(), RecordRoots: []string{filepath.Dir(recordDir)}, Workers: 2}, db)
	if err != nil {
		t.Fatalf("service.New: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() { done <- svc.Run(ctx, func(addr string) { ready <- addr }) }()
	var addr string
	select {
	case addr = <-ready:
	case err := <-done:
		t.Fatalf("service: %v", err)
	}
	t.Cleanup(func() {
		cancel()
		<-done
	})
	shots := os.Getenv("DISCLOSE_ARTIFACTS")
	if shots == "" {
		shots = filepath.Join("..", "..", "..", "artifacts")
	}
	shots = filepath.Join(shots, "e2e")
	if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1366, 900),
	}
	actx, acancel := chromedp.NewExecAllocator(context.Background(), opts...)
	bctx, bcancel := chromedp.NewContext(actx)
	t.Cleanup(func() { bcancel(); acancel() })
	if err := chromedp.Do(bctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return &e2e{t: t, ctx: bctx, base: "http://" + addr, shots: shots, axe: string(axe), db: db}
}

type login struct{ email, password string }

// user adds a user with a one-time password (firstSignIn changes it in
// the browser); ready gives them a password of their own through the store.
func (e *e2e) user(email, name string, role workflow.Role) login {
	e.t.Helper()
	_, pw, err := e.db.CreateUser(e.ctx, 0, postgres.NewUser{Email: email, Name: name, Roles: []workflow.Role{role}, Team: "IG"})
	if err != nil {
		e.t.Fatalf("CreateUser %s: %v", email, err)
	}
	return login{email, pw}
}

// ready sets a password of the user's own, as their first sign-in would.
func (e *e2e) ready(u login) login {
	e.t.Helper()
	users, err := e.db.Users(e.ctx)
	if err != nil {
		e.t.Fatal(err)
	}
	for _, x := range users {
		if x.Email == u.email {
			u.password = "own password of " + x.Email
			if err := e.db.SetPassword(e.ctx, x.ID, u.password); err != nil {
				e.t.Fatalf("SetPassword %s: %v", u.email, err)
			}
			return u
		}
	}
	e.t.Fatalf("no user %s", u.email)
	return u
}

// firstSignIn signs in with a one-time password, is sent to the
// change-password page, is refused a common password there and then
// chooses one of their own; it returns the login with that password.
func (e *e2e) firstSignIn(u login) login {
	e.t.Helper()
	e.signIn(u)
	e.waitJS(`location.pathname === "/account/password"`)
	e.shot("password-forced")
	e.submit("/account/password", [][2]string{{"current", u.password}, {"new", "password1234"}, {"confirm", "password1234"}})
	e.waitJS(`document.querySelector(".error-summary") !== null && /commonly used/.test(document.querySelector(".error-summary").textContent)`)
	otp := u.password
	u.password = "quiet meadow lantern 7"
	e.submit("/account/password", [][2]string{{"current", otp}, {"new", u.password}, {"confirm", u.password}})
	e.waitJS(`location.pathname !== "/account/password"`)
	return u
}

// do runs browser actions with a time limit.
func (e *e2e) do(actions ...chromedp.Action[chromedp.Void]) {
	e.t.Helper()
	ctx, cancel := context.WithTimeout(e.ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		e.t.Fatalf("browser: %v", err)
	}
}

func (e *e2e) eval(js string) string {
	e.t.Helper()
	v, err := chromedp.Run(e.ctx, chromedp.Evaluate[string](js))
	if err != nil {
		e.t.Fatalf("evaluate %s: %v", js, err)
	}
	return v
}

// open loads a page and waits for it to be ready.
func (e *e2e) open(path string) {
	e.t.Helper()
	// The old document is marked, and the new one waited for by that mark's
	// absence before any node is looked up: on a loaded machine the
	// browser's DOM events can lag a navigation, and a node found in the
	// old document is gone ("Could not find node with given id").
	e.eval(`String(window.__leaving = true)`)
	e.do(chromedp.Navigate(e.base + path))
	e.waitJS(`window.__leaving === undefined && document.readyState === "complete"`)
	e.do(chromedp.WaitReady(chromedp.CSS("main")))
}

// waitJS waits until a JavaScript condition holds (htmx swaps pages without
// a load event).
func (e *e2e) waitJS(cond string) {
	e.t.Helper()
	e.waitJSOr(cond, nil)
}

// waitJSOr is waitJS that, on a timeout, also says what describe finds
// (the state the condition waited for), so a failure on a CI machine can
// be understood from its log alone.
func (e *e2e) waitJSOr(cond string, describe func() string) {
	e.t.Helper()
	e.waitForOr(30*time.Second, func() bool {
		v, err := chromedp.Run(e.ctx, chromedp.Evaluate[bool](`(function(){try{return !!(`+cond+`)}catch(e){return false}})()`))
		return err == nil && v
	}, describe)
}

func (e *e2e) waitFor(limit time.Duration, ok func() bool) {
	e.t.Helper()
	e.waitForOr(limit, ok, nil)
}

func (e *e2e) waitForOr(limit time.Duration, ok func() bool, describe func() string) {
	e.t.Helper()
	deadline := time.Now().Add(limit)
	for !ok() {
		if time.Now().After(deadline) {
			e.shot("timeout")
			if describe != nil {
				e.t.Fatalf("timed out after %s: %s", limit, describe())
			}
			e.t.Fatalf("timed out after %s", limit)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// currentSID is the id of the suggestion the review screen shows.
func (e *e2e) currentSID() string {
	e.t.Helper()
	return e.eval(`(document.querySelector("#current") || {dataset: {}}).dataset.sid || ""`)
}

// key presses a key on the page, as a reviewer does.
func (e *e2e) key(k string) {
	e.t.Helper()
	e.do(chromedp.KeyEvent(k))
}

func (e *e2e) signIn(u login) {
	e.t.Helper()
	if e.eval(`location.pathname`) != "/login" {
		e.open("/login")
	}
	e.submit("/login", [][2]string{{"email", u.email}, {"password", u.password}})
	e.waitJS(`location.pathname !== "/login"`)
}

// submit fills a form's fields (by id) and submits it in the page, then
// waits for the document the server answers with. Sign-in and password
// forms are filled this way, not by chromedp's node lookups: a form
// posted back with an error is a new document, and on a loaded machine
// the browser's DOM events can lag it, so a field found by node id may
// already be gone ("Could not find node with given id").
func (e *e2e) submit(action string, fields [][2]string) {
	e.t.Helper()
	js := "window.__leaving = true;"
	for _, f := range fields {
		js += fmt.Sprintf("document.getElementById(%s).value = %s;", strconv.Quote(f[0]), strconv.Quote(f[1]))
	}
	js += fmt.Sprintf("document.querySelector('form[action=%s]').requestSubmit(); 'sent'", strconv.Quote(action))
	e.eval(js)
	e.waitJS(`window.__leaving === undefined && document.readyState === "complete"`)
}

func (e *e2e) signOut() {
	e.t.Helper()
	e.do(chromedp.Click(chromedp.CSS(`form[action="/logout"] button`)))
	e.waitJS(`location.pathname === "/login"`)
}

// shot saves a full-page screenshot and runs axe-core on the page: no
// serious or critical violation of WCAG 2.x A/AA is allowed.
func (e *e2e) shot(name string) {
	e.t.Helper()
	e.n++
	buf, err := chromedp.Run(e.ctx, chromedp.FullScreenshot(100))
	for try := 0; try < 10 && err != nil && strings.Contains(err.Error(), "0 width"); try++ {
		// Chromium reports a page of no width while it lays the page out
		// again (a class just toggled): the same screenshot a moment later.
		time.Sleep(200 * time.Millisecond)
		buf, err = chromedp.Run(e.ctx, chromedp.FullScreenshot(100))
	}
	if err == nil {
		err = os.WriteFile(filepath.Join(e.shots, fmt.Sprintf("%02d-%s.png", e.n, name)), buf, 0o644)
	}
	if err != nil {
		e.t.Errorf("screenshot %s: %v", name, err)
	}
	if name == "timeout" {
		return
	}
	res, err := chromedp.Run(e.ctx, chromedp.Evaluate[string](e.axe+`;
		axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}})
		  .then(r => JSON.stringify(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
		    nodes: v.nodes.slice(0, 3).map(n => n.target.join(" "))}))))`, chromedp.EvalAwaitPromise))
	if err != nil {
		e.t.Errorf("axe on %s: %v", name, err)
		return
	}
	var vs []struct {
		ID, Impact, Help string
		Nodes            []string
	}
	if err := json.Unmarshal([]byte(res), &vs); err != nil {
		e.t.Errorf("axe result on %s: %v", name, err)
	}
	for _, v := range vs {
		if v.Impact == "serious" || v.Impact == "critical" {
			e.t.Errorf("axe on %s: %s (%s): %s at %v", name, v.ID, v.Impact, v.Help, v.Nodes)
		} else {
			e.t.Logf("axe on %s: %s (%s): %s", name, v.ID, v.Impact, v.Help)
		}
	}
}

// readSubject reads the record's subject.json: the request is logged for
// the person the record is about.
func readSubject(t *testing.T, dir string) record.Subject {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "subject.json"))
	if err != nil {
		t.Fatal(err)
	}
	var s record.Subject
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatalf("subject.json: %v", err)
	}
	return s
}
