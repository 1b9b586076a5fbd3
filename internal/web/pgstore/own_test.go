package pgstore_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/net/html"

	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/web"
	"github.com/disclose-sar/disclose/internal/web/pgstore"
	"github.com/disclose-sar/disclose/internal/workflow"
)

// Invented documents for own redactions: a word ("Groot") no suggestion
// covers, twice in one letter, once in a note, and in a duplicate of the
// letter (duplicates are not in the bundle and not counted).
func addOwnDocs(t *testing.T, e *env) {
	t.Helper()
	docs := []record.Document{
		{ID: "doc-letter", Location: "shared-drive", Path: "letters/letter.txt", Format: record.FormatText, Title: "Letter", Pages: 1,
			Text: "Groot came to the door. Later Groot left with the dog."},
		{ID: "doc-note", Location: "case-system", Path: "notes.csv", Part: "4", Format: record.FormatCaseNote, Title: "Note", Pages: 1,
			Text: "Phoned about Groot; no answer."},
		{ID: "doc-copy", Location: "shared-drive", Path: "letters/copy.txt", Format: record.FormatText, Title: "Letter", Pages: 1,
			Text: "Groot came to the door. Later Groot left with the dog.", DuplicateOf: "doc-letter"},
	}
	if _, err := e.db.SaveDocuments(context.Background(), e.reqID, docs); err != nil {
		t.Fatalf("SaveDocuments: %v", err)
	}
}

// own lists the current own decisions of the request as "doc start-end batch?".
func ownRows(t *testing.T, e *env) []string {
	t.Helper()
	ds, err := e.db.Decisions(context.Background(), e.reqID)
	if err != nil {
		t.Fatalf("Decisions: %v", err)
	}
	var out []string
	for _, d := range ds {
		if d.SuggestionID == 0 {
			out = append(out, fmt.Sprintf("%s %d-%d", d.DocKey, d.Start, d.End))
		}
	}
	return out
}

// TestOwnRedactionStoredOnce: the same document, span and kind is stored
// once — saved again, or by two reviewers at once, the existing decision
// is answered — and a manual redaction without the officer's choice of
// where it applies is refused.
func TestOwnRedactionStoredOnce(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, nil)
	addOwnDocs(t, e)
	st := pgstore.New(e.db, nil)
	u := e.users[string(workflow.RoleIGOfficer)].user
	in := web.DecisionInput{DocID: "doc-letter", AppliesTo: web.AppliesDocument,
		DecisionInput: workflow.DecisionInput{Kind: workflow.DecisionRedact, Start: 0, End: 5, Code: "TP"}}
	first, err := st.Decide(ctx, u, e.reqID, in)
	if err != nil || len(first) != 1 || first[0].Own == nil || first[0].Own.Existing {
		t.Fatalf("Decide own = %+v, %v; want one new own redaction", first, err)
	}
	again, err := st.Decide(ctx, u, e.reqID, in)
	if err != nil || len(again) != 1 || !again[0].Own.Existing || again[0].ID != first[0].ID {
		t.Fatalf("Decide own again = %+v, %v; want the existing %s", again, err, first[0].ID)
	}
	// Two at once: one row between them.
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		in := in
		in.Start, in.End = 30, 35 // the second "Groot"
		wg.Go(func() { _, errs[i] = st.Decide(ctx, u, e.reqID, in) })
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("concurrent Decide %d: %v", i, err)
		}
	}
	if diff := cmp.Diff([]string{"doc-letter 0-5", "doc-letter 30-35"}, ownRows(t, e)); diff != "" {
		t.Errorf("own redactions stored (-want +got):\n%s", diff)
	}
	// Without a choice of where it applies, nothing is stored.
	c := e.login(string(workflow.RoleIGOfficer))
	res, body := c.post(fmt.Sprintf("/requests/%d/decisions", e.reqID), url.Values{"decision": {"redact"}, "doc_id": {"doc-note"},
		"text": {"Groot"}, "code": {"TP"}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "this document only, or every occurrence") {
		t.Errorf("manual redaction without applies_to = %d, want 422 asking where it applies", res.StatusCode)
	}
	if n := len(ownRows(t, e)); n != 2 {
		t.Errorf("own redactions after a refused one = %d, want 2", n)
	}
}

// TestOwnRedactionEveryOccurrence: typed text redacted at every occurrence
// is one batch, one decision per exact occurrence in every document that is
// not a duplicate; the review screen shows each with its reach and the page
// says what was applied; undoing one undoes the batch. "This document"
// stays in its document, and a later "every occurrence" stores only the
// occurrences not yet redacted.
func TestOwnRedactionEveryOccurrence(t *testing.T) {
	e := newEnv(t, nil)
	addOwnDocs(t, e)
	c := e.login(string(workflow.RoleIGOfficer))
	decide := func(doc, where string) string {
		t.Helper()
		res, _ := c.post(fmt.Sprintf("/requests/%d/decisions", e.reqID), url.Values{"decision": {"redact"}, "doc_id": {doc},
			"text": {"Groot"}, "code": {"TP"}, "applies_to": {where}, "next": {"/"}})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("redact %s in %s = %d, want 303", where, doc, res.StatusCode)
		}
		_, page := c.do("GET", res.Header.Get("Location"), nil, nil)
		return page
	}

	page := decide("doc-note", web.AppliesEvery)
	want := []string{"doc-letter 0-5", "doc-letter 30-35", "doc-note 13-18"}
	if diff := cmp.Diff(want, ownRows(t, e)); diff != "" {
		t.Fatalf("every occurrence stored (-want +got):\n%s", diff)
	}
	if got := textOf(t, page, "flash"); !strings.Contains(got, "Redacted every occurrence: 3 occurrences in 2 documents.") {
		t.Errorf("flash after every occurrence = %q", got)
	}
	ds, _ := e.db.Decisions(context.Background(), e.reqID)
	if ds[0].Batch == "" || ds[0].Batch != ds[1].Batch || ds[1].Batch != ds[2].Batch {
		t.Errorf("every occurrence batches = %q %q %q, want one batch", ds[0].Batch, ds[1].Batch, ds[2].Batch)
	}

	// The letter's review screen highlights both and lists the current one.
	_, page = c.do("GET", fmt.Sprintf("/requests/%d/documents/doc-letter?s=%s%d", e.reqID, web.OwnPrefix, ds[0].ID), nil, nil)
	marks := marksOf(t, page)
	wantMarks := []string{web.OwnPrefix + strconv.FormatInt(ds[0].ID, 10), web.OwnPrefix + strconv.FormatInt(ds[1].ID, 10)}
	if diff := cmp.Diff(wantMarks, marks); diff != "" {
		t.Errorf("highlighted own redactions (-want +got):\n%s", diff)
	}
	if got := textOf(t, page, "own-applies"); got != "Every occurrence: 3 occurrences in 2 documents (undone together)" {
		t.Errorf("applies to = %q", got)
	}
	if got := textOf(t, page, "decision-state"); !strings.Contains(got, "Redact") || !strings.Contains(got, "by Test ig_officer") {
		t.Errorf("decision state = %q, want the redaction with who made it", got)
	}

	// Undo one: the batch goes.
	res, _ := c.post(fmt.Sprintf("/requests/%d/undo", e.reqID), url.Values{"suggestion_id": {wantMarks[1]}, "next": {"/"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("undo own = %d, want 303", res.StatusCode)
	}
	if got := ownRows(t, e); len(got) != 0 {
		t.Errorf("own redactions after undoing one of the batch = %q, want none", got)
	}
	res, _ = c.post(fmt.Sprintf("/requests/%d/undo", e.reqID), url.Values{"suggestion_id": {wantMarks[1]}, "next": {"/"}})
	if res.StatusCode != http.StatusNotFound {
		t.Errorf("undo an undone own redaction = %d, want 404", res.StatusCode)
	}

	// This document: the letter's two occurrences, not the note's.
	page = decide("doc-letter", web.AppliesDocument)
	if diff := cmp.Diff([]string{"doc-letter 0-5", "doc-letter 30-35"}, ownRows(t, e)); diff != "" {
		t.Errorf("this document stored (-want +got):\n%s", diff)
	}
	if got := textOf(t, page, "flash"); !strings.Contains(got, "Redacted in this document only: 2 occurrences.") {
		t.Errorf("flash after this document = %q", got)
	}
	// Every occurrence now adds only the note's.
	page = decide("doc-letter", web.AppliesEvery)
	if diff := cmp.Diff(want, ownRows(t, e)); diff != "" {
		t.Errorf("every occurrence after this document (-want +got):\n%s", diff)
	}
	if got := textOf(t, page, "flash"); !strings.Contains(got, "3 occurrences in 2 documents. 2 of them were already redacted") {
		t.Errorf("flash after every occurrence over existing ones = %q", got)
	}

	// What the bundle applies: each own redaction where it was decided, and
	// nowhere else (Local).
	out, err := e.db.Redactions(context.Background(), e.reqID)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, r := range out.Redactions {
		if r.RuleID == "manual" {
			n++
			if !r.Local {
				t.Errorf("own redaction %s %d-%d is not Local: the bundle would spread it", r.DocID, r.Start, r.End)
			}
		}
	}
	if n != 3 {
		t.Errorf("own redactions in Redactions = %d, want 3", n)
	}
}

// TestOwnRedactionRefusedOverApprovedDisclosure: an own redaction (every
// occurrence too) over text legal approved for disclosure is refused with a
// message naming the approval, and nothing of the batch is stored.
func TestOwnRedactionRefusedOverApprovedDisclosure(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, nil)
	addOwnDocs(t, e)
	st := pgstore.New(e.db, nil)
	officer := e.users[string(workflow.RoleIGOfficer)].user
	items, err := st.Suggestions(ctx, e.reqID, e.docKey)
	if err != nil {
		t.Fatal(err)
	}
	sg := items[0] // "Drax Destroyer"
	if _, err := st.Decide(ctx, officer, e.reqID, web.DecisionInput{SuggestionID: sg.ID, DocID: e.docKey, Version: sg.Version,
		DecisionInput: workflow.DecisionInput{Kind: workflow.DecisionDisclose, Basis: workflow.BasisKnown, Reason: "known to the requester"}}); err != nil {
		t.Fatal(err)
	}
	aps, err := e.db.Approvals(ctx, e.reqID, true)
	if err != nil || len(aps) != 1 {
		t.Fatalf("Approvals = %d, %v; want 1", len(aps), err)
	}
	if _, err := e.db.DecideApproval(ctx, e.users[string(workflow.RoleLegal)].user, aps[0].ID, aps[0].Version, true, "already known"); err != nil {
		t.Fatalf("DecideApproval: %v", err)
	}
	_, err = st.Decide(ctx, officer, e.reqID, web.DecisionInput{DocID: e.docKey, AppliesTo: web.AppliesEvery, Text: "Drax",
		DecisionInput: workflow.DecisionInput{Kind: workflow.DecisionRedact, Code: "TP"}})
	var we *workflow.Error
	if !errors.As(err, &we) || !strings.Contains(we.Message, "approved for disclosure") {
		t.Fatalf("every occurrence over an approved disclosure: err = %v, want a conflict naming the approval", err)
	}
	if got := ownRows(t, e); len(got) != 0 {
		t.Errorf("own redactions after the refusal = %q, want none (one batch)", got)
	}
}

// marksOf returns the item IDs of the highlighted own redactions.
func marksOf(t *testing.T, page string) []string {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "mark" && strings.HasPrefix(attr(n, "id"), "s-"+web.OwnPrefix) {
			out = append(out, strings.TrimPrefix(attr(n, "id"), "s-"))
		}
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			walk(ch)
		}
	}
	walk(doc)
	return out
}

// textOf returns the text of the element with the id, or of the first
// element with the class when no id matches.
func textOf(t *testing.T, page, key string) string {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var found *html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if found != nil {
			return
		}
		if n.Type == html.ElementNode && (attr(n, "id") == key || strings.Contains(" "+attr(n, "class")+" ", " "+key+" ")) {
			found = n
			return
		}
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			walk(ch)
		}
	}
	walk(doc)
	if found == nil {
		return ""
	}
	return strings.Join(strings.Fields(text(found)), " ")
}
