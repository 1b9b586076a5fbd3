package web

// Reviewers' own redactions on the review screen: made from a selection
// or typed text, where the officer explicitly chose (this document, or
// every occurrence), shown among the suggestions and undone like them.

import (
	"fmt"
	"sort"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/disclose-sar/disclose/internal/record"
)

// decideOwn stores a reviewer's own redaction and says on the next screen
// what was applied where.
func (s *Server) decideOwn(c *gin.Context, reqID int64, in DecisionInput) error {
	if in.DocID == "" {
		return invalid("say which document to redact in")
	}
	if in.AppliesTo != AppliesDocument && in.AppliesTo != AppliesEvery {
		return invalid("choose where your redaction applies: this document only, or every occurrence")
	}
	check := in.DecisionInput
	if in.End <= in.Start && in.Kind != "withhold" {
		if strings.TrimSpace(in.Text) == "" {
			return invalid("select the text to redact, or type it")
		}
		check.Start, check.End = 0, len(in.Text)
	}
	if err := check.Validate(); err != nil {
		return err
	}
	items, err := s.store.Decide(c.Request.Context(), user(c), reqID, in)
	if err != nil {
		return err
	}
	if isAPI(c) {
		return s.done(c, "", gin.H{"decided": items, "message": ownMessage(in.AppliesTo, items)})
	}
	s.flash(c, ownMessage(in.AppliesTo, items))
	to := safeNext(c.PostForm("next"))
	for _, it := range items {
		if it.DocID == in.DocID {
			to = docURL(reqID, in.DocID, it.ID, ReviewFilter{})
			break
		}
	}
	return s.done(c, to, nil)
}

// ownMessage says which choice was applied and how many occurrences in
// how many documents, never the text itself.
func ownMessage(appliesTo string, items []Item) string {
	added, docs := 0, map[string]bool{}
	for _, it := range items {
		if it.Own == nil || !it.Own.Existing {
			added++
		}
		docs[it.DocID] = true
	}
	before := len(items) - added
	n := plural(len(items), "occurrence", "occurrences")
	var msg string
	switch {
	case added == 0 && appliesTo == AppliesEvery:
		return fmt.Sprintf("Every occurrence (%s in %s) was already redacted; nothing new was saved.", n, plural(len(docs), "document", "documents"))
	case added == 0:
		return "This was already redacted in this document; nothing new was saved."
	case appliesTo == AppliesEvery:
		msg = fmt.Sprintf("Redacted every occurrence: %s in %s.", n, plural(len(docs), "document", "documents"))
	default:
		msg = fmt.Sprintf("Redacted in this document only: %s.", n)
	}
	if before > 0 {
		msg += fmt.Sprintf(" %d of them %s already redacted and %s not saved again.", before, was(before), was(before))
	}
	return msg + " Undo it from its entry on the review screen (u)."
}

func was(n int) string {
	if n == 1 {
		return "was"
	}
	return "were"
}

// ownRedactions loads a document's own redactions with their text.
func (s *Server) ownRedactions(c *gin.Context, reqID int64, doc record.Document) ([]Item, error) {
	own, err := s.store.OwnRedactions(c.Request.Context(), reqID, doc.ID)
	if err != nil {
		return nil, err
	}
	for i := range own {
		it := &own[i]
		if it.Text == "" && 0 <= it.Start && it.Start < it.End && it.End <= len(doc.Text) {
			it.Text = doc.Text[it.Start:it.End]
		}
	}
	return own, nil
}

// withOwn merges own redactions into a document's suggestions in text
// order (a suggestion first where both start at one offset), so they are
// highlighted and moved through with j and k like suggestions.
func withOwn(all, own []Item) []Item {
	if len(own) == 0 {
		return all
	}
	out := append(append(make([]Item, 0, len(all)+len(own)), all...), own...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}
