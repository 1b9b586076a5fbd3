package web

import (
	"context"
	"fmt"
	"html/template"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/suggest"
	"github.com/disclose-sar/disclose/internal/workflow"
)

// DocumentsPage lists a request's documents with review progress.
type DocumentsPage struct {
	*Page
	Request   Request
	Documents []DocSummary
}

// ReviewPage is the review screen: one document, its suggestions
// highlighted, and the current suggestion's panel.
type ReviewPage struct {
	*Page
	Request  Request
	Doc      record.Document
	Segments []Segment2
	DocHTML  template.HTML // Segments as HTML (docTextHTML)
	Items    []Item        // after filters
	Current  *Item
	Index    int // 1-based position of Current in Items
	Decided  int // decided in this document
	Total    int
	Prev     string // URLs; "" at the ends
	Next     string
	NextDoc  string
	Filter   ReviewFilter
	Cats     []string
	People   []string
	DocLevel []Item // document-scope suggestions (shown as a banner)
	Bases    []string
	ThisURL  string
	Withheld bool
	Own      int    // reviewers' own redactions in this document (among Items)
	Areas    int    // areas drawn on its pages (among Items)
	DocURL   string // this document at its first undecided suggestion
}

// Segment2 is a run of document text for the review screen: plain, or
// covered by a suggestion (Item set). Offset is its byte offset in the
// document text, for turning a selection into a manual redaction.
type Segment2 struct {
	Text   string
	Offset int
	Item   *Item
	Break  bool // a block break: render a new paragraph
}

// ReviewFilter narrows the suggestions moved through with j and k.
type ReviewFilter struct {
	Category string `form:"category"`
	Person   string `form:"person"`
	Open     bool   `form:"open"` // only undecided
}

func (f ReviewFilter) query() string {
	v := url.Values{}
	if f.Category != "" {
		v.Set("category", f.Category)
	}
	if f.Person != "" {
		v.Set("person", f.Person)
	}
	if f.Open {
		v.Set("open", "true")
	}
	return v.Encode()
}

func (s *Server) documents(c *gin.Context) error {
	r, err := s.withProgress(c)
	if err != nil {
		return err
	}
	docs, err := s.store.Documents(c.Request.Context(), r.ID)
	if err != nil {
		return err
	}
	p := &DocumentsPage{Page: s.page(c, "Documents · "+r.Reference), Request: r, Documents: docs}
	return s.renderOrJSON(c, "documents", p, gin.H{"documents": docs})
}

// suggestions answers every suggestion of a request (API and plain list).
func (s *Server) suggestions(c *gin.Context) error {
	r := currentRequest(c)
	doc := c.Query("doc")
	items, err := s.store.Suggestions(c.Request.Context(), r.ID, doc)
	if err != nil {
		return err
	}
	object := "suggestions"
	if doc != "" {
		object = "suggestions of document " + doc
	}
	if err := s.auditRead(c, "suggestion.list", AuditEntry{UserID: user(c).ID, RequestID: r.ID, Object: object,
		Detail: map[string]any{"count": len(items)}}); err != nil {
		return err
	}
	if !isAPI(c) {
		if len(items) > 0 {
			return s.done(c, docURL(r.ID, items[0].DocID, items[0].ID, ReviewFilter{}), nil)
		}
		return s.done(c, reqURL(r.ID, "documents"), nil)
	}
	c.JSON(200, gin.H{"suggestions": items})
	return nil
}

// docURL is the review screen of a document at one suggestion.
func docURL(reqID int64, docID, sugID string, f ReviewFilter) string {
	u := fmt.Sprintf("/requests/%d/documents/%s", reqID, url.PathEscape(docID))
	q := f.query()
	if sugID != "" {
		if q != "" {
			q += "&"
		}
		q += "s=" + url.QueryEscape(sugID)
	}
	if q != "" {
		u += "?" + q
	}
	return u + "#current"
}

// reviewPage shows a document with its suggestions. Every view is audited.
func (s *Server) reviewPage(c *gin.Context) error {
	ctx := c.Request.Context()
	r, err := s.withProgress(c)
	if err != nil {
		return err
	}
	docID := c.Param("doc")
	doc, err := s.reviewDocument(c, r.ID, docID)
	if err != nil {
		return err
	}
	all, err := s.store.Suggestions(ctx, r.ID, docID)
	if err != nil {
		return err
	}
	own, err := s.ownRedactions(c, r.ID, doc)
	if err != nil {
		return err
	}
	areas, err := s.store.Areas(ctx, r.ID, docID)
	if err != nil {
		return err
	}
	if err := s.audit(c, user(c), "document.view", r.ID, docID); err != nil {
		return err
	}
	var f ReviewFilter
	_ = c.ShouldBindQuery(&f)
	if isAPI(c) {
		c.JSON(200, gin.H{"document": doc, "suggestions": all, "own_redactions": own, "areas": areas})
		return nil
	}
	// The document's counts come from the count the request's line, the
	// dashboard and the bundle check use, not from the items listed.
	dp, err := s.store.DocProgress(ctx, r.ID, docID)
	if err != nil {
		return err
	}
	p := &ReviewPage{Page: s.page(c, "Review · "+docTitle(doc)), Request: r, Doc: doc, Filter: f,
		Total: dp.Suggestions, Decided: dp.Suggestions - dp.SuggestionsRemaining, Bases: workflow.Bases, Own: len(own), Areas: len(areas)}
	all = withOwn(all, append(own, areaItems(areas, doc)...))
	cats, people := map[string]bool{}, map[string]bool{}
	for i := range all {
		it := &all[i]
		cats[it.Category], people[it.PersonLabel] = true, true
		if it.Scope == suggest.ScopeDocument {
			p.DocLevel = append(p.DocLevel, *it)
			if it.Decision != nil && it.Decision.Kind == workflow.DecisionWithhold {
				p.Withheld = true
			}
		}
		if f.Category != "" && it.Category != f.Category || f.Person != "" && it.PersonLabel != f.Person || f.Open && it.Decision != nil {
			continue
		}
		p.Items = append(p.Items, *it)
	}
	checksFirst(p.Items)
	p.Cats, p.People = sortedKeys(cats), sortedKeys(people)
	cur := c.Query("s")
	idx := -1
	for i := range p.Items {
		if p.Items[i].ID == cur || cur == "" && p.Items[i].Decision == nil {
			idx = i
			break
		}
	}
	if idx < 0 && len(p.Items) > 0 {
		idx = 0
	}
	if idx >= 0 {
		p.Current, p.Index = &p.Items[idx], idx+1
		if idx > 0 {
			p.Prev = docURL(r.ID, docID, p.Items[idx-1].ID, f)
		}
		if idx+1 < len(p.Items) {
			p.Next = docURL(r.ID, docID, p.Items[idx+1].ID, f)
		}
	}
	p.NextDoc, err = s.nextDoc(c, r.ID, docID)
	if err != nil {
		return err
	}
	p.ThisURL = docURL(r.ID, docID, cur, f)
	p.DocURL = docURL(r.ID, docID, "", f)
	p.Segments = segments(doc, all, p.Current)
	p.DocHTML = docTextHTML(p.Segments, p.Current)
	s.render(c, 200, "review", p)
	return nil
}

// docTextStore is a ReviewStore that can load a document without its
// word and character boxes, which the review screen never shows (the JSON
// API still answers the whole document).
type docTextStore interface {
	DocumentText(ctx context.Context, requestID int64, docID string) (record.Document, error)
}

// reviewDocument loads the document the review screen shows.
func (s *Server) reviewDocument(c *gin.Context, reqID int64, docID string) (record.Document, error) {
	if ds, ok := s.store.(docTextStore); ok && !isAPI(c) {
		return ds.DocumentText(c.Request.Context(), reqID, docID)
	}
	return s.store.Document(c.Request.Context(), reqID, docID)
}

// nextDoc is the review screen of the document after docID, or "".
func (s *Server) nextDoc(c *gin.Context, reqID int64, docID string) (string, error) {
	next, err := s.store.NextDocument(c.Request.Context(), reqID, docID)
	if err != nil || next == "" {
		return "", err
	}
	return docURL(reqID, next, "", ReviewFilter{}), nil
}

// segments cuts the document text into plain runs, block breaks and runs
// covered by a span suggestion. Overlapping suggestions after the first
// are listed in the panel but not highlighted twice, except the current
// one (nil: none): the suggestion the screen is at is always highlighted,
// and those it overlaps give way to it.
func segments(doc record.Document, items []Item, current *Item) []Segment2 {
	text := doc.Text
	var out []Segment2
	plain := func(from, to int) {
		for from < to {
			nl := strings.IndexByte(text[from:to], '\n')
			if nl < 0 {
				out = append(out, Segment2{Text: text[from:to], Offset: from})
				return
			}
			if nl > 0 {
				out = append(out, Segment2{Text: text[from : from+nl], Offset: from})
			}
			out = append(out, Segment2{Break: true})
			from += nl + 1
		}
	}
	cur := current
	if cur != nil && (cur.Scope == suggest.ScopeDocument || cur.End <= cur.Start || cur.End > len(text)) {
		cur = nil
	}
	pos := 0
	for i := range items {
		it := &items[i]
		if it.Scope == suggest.ScopeDocument || it.End <= it.Start || it.Start < pos || it.End > len(text) {
			continue
		}
		if cur != nil && it.ID != cur.ID && it.Start < cur.End && cur.Start < it.End {
			continue
		}
		plain(pos, it.Start)
		out = append(out, Segment2{Text: text[it.Start:it.End], Offset: it.Start, Item: it})
		pos = it.End
	}
	plain(pos, len(text))
	return out
}

func docTitle(d record.Document) string {
	if d.Title != "" {
		return d.Title
	}
	return d.Path
}

// decisionForm reads a decision from a form or JSON body.
func decisionForm(c *gin.Context) (DecisionInput, error) {
	var in DecisionInput
	if isAPI(c) {
		if err := c.ShouldBindJSON(&in); err != nil {
			return in, invalid("the body is not a decision")
		}
		return in, nil
	}
	in.SuggestionID = c.PostForm("suggestion_id")
	in.DocID = c.PostForm("doc_id")
	in.Version, _ = strconv.ParseInt(c.PostForm("version"), 10, 64)
	in.Kind = workflow.DecisionKind(c.PostForm("decision"))
	in.Reason = strings.TrimSpace(c.PostForm("reason"))
	in.Basis = c.PostForm("basis")
	in.Code = c.PostForm("code")
	in.AllOfPerson = c.PostForm("all_of_person") != ""
	in.Start, _ = strconv.Atoi(c.PostForm("start"))
	in.End, _ = strconv.Atoi(c.PostForm("end"))
	in.AppliesTo = c.PostForm("applies_to")
	if in.End <= in.Start {
		in.Text = c.PostForm("text") // typed: no selection
	}
	return in, nil
}

// defaultReasons fill an empty reason for one-key decisions. Disclosing
// and withholding always need the reviewer's own reason.
var defaultReasons = map[workflow.DecisionKind]string{
	workflow.DecisionReject: "not third-party information (false positive)",
}

// decide records a decision at once. A stale version is a 409: someone
// else decided first, and the page shows their decision.
func (s *Server) decide(c *gin.Context) error {
	ctx := c.Request.Context()
	r := currentRequest(c)
	in, err := decisionForm(c)
	if err != nil {
		return err
	}
	if in.Reason == "" {
		in.Reason = defaultReasons[in.Kind]
	}
	if in.SuggestionID == "" {
		return s.decideOwn(c, r.ID, in)
	}
	if err := in.Validate(); err != nil {
		return err
	}
	items, err := s.store.Decide(ctx, user(c), r.ID, in)
	if err != nil {
		return err
	}
	return s.done(c, safeNext(c.PostForm("next")), gin.H{"decided": items})
}

// undo withdraws the latest decision on a suggestion, a reviewer's own
// redaction (with the rest of its batch), or an area drawn on a page.
func (s *Server) undo(c *gin.Context) error {
	r := currentRequest(c)
	var in struct {
		SuggestionID string `json:"suggestion_id" form:"suggestion_id"`
		Version      int64  `json:"version" form:"version"`
	}
	if err := c.ShouldBind(&in); err != nil || in.SuggestionID == "" {
		return invalid("say which suggestion to undo")
	}
	if strings.HasPrefix(in.SuggestionID, AreaPrefix) {
		return s.undoArea(c, r.ID, in.SuggestionID)
	}
	if err := s.store.Undo(c.Request.Context(), user(c), r.ID, in.SuggestionID, in.Version); err != nil {
		return err
	}
	if strings.HasPrefix(in.SuggestionID, OwnPrefix) && !isAPI(c) {
		s.flash(c, "Your redaction was undone, with every occurrence stored with it.")
	}
	return s.done(c, safeNext(c.PostForm("next")), nil)
}

// checksFirst puts what no rule settled — the "check this" flags — first,
// for a person to decide; the rest keep the document's order.
func checksFirst(items []Item) {
	sort.SliceStable(items, func(i, j int) bool {
		return items[i].Action == suggest.ActionFlag && items[j].Action != suggest.ActionFlag
	})
}
