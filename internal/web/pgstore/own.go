package pgstore

// Reviewers' own redactions: stored where the officer chose (this
// document, or every occurrence), shown on the review screen among the
// suggestions, and undone by their item ID.

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/disclose-sar/disclose/internal/postgres"
	"github.com/disclose-sar/disclose/internal/suggest"
	"github.com/disclose-sar/disclose/internal/web"
	"github.com/disclose-sar/disclose/internal/workflow"
)

// decideOwn stores a reviewer's own redaction or withholding where the
// officer said: a selected span or typed text, in this document or at
// every occurrence. It answers one item per occurrence, each saying
// whether it was already stored.
func (s *Store) decideOwn(ctx context.Context, u web.User, requestID int64, in web.DecisionInput) ([]web.Item, error) {
	var (
		m   postgres.Manual
		err error
	)
	switch in.AppliesTo {
	case web.AppliesDocument:
		defer s.docChanged(requestID, in.DocID)
	case web.AppliesEvery:
		defer s.Changed(requestID)
	default:
		return nil, workflow.Errorf(workflow.ErrInvalid, "choose where your redaction applies: this document only, or every occurrence")
	}
	span := in.End > in.Start
	switch {
	case in.Kind == workflow.DecisionWithhold:
		if in.AppliesTo != web.AppliesDocument {
			return nil, workflow.Errorf(workflow.ErrInvalid, "a withholding applies to this document only")
		}
		m, err = s.DB.AddManualRedaction(ctx, u.ID, requestID, in.DocID, in.DecisionInput)
	case span && in.AppliesTo == web.AppliesDocument:
		m, err = s.DB.AddManualRedaction(ctx, u.ID, requestID, in.DocID, in.DecisionInput)
	case span:
		// Every occurrence of the selected text: the text is the
		// document's own, not what the browser sent.
		doc, derr := s.DB.DocumentText(ctx, requestID, in.DocID)
		if derr != nil {
			return nil, derr
		}
		if in.End > len(doc.Text) {
			return nil, workflow.Errorf(workflow.ErrInvalid, "the selection is outside the document")
		}
		m, err = s.DB.RedactOccurrences(ctx, u.ID, requestID, "", doc.Text[in.Start:in.End], in.DecisionInput)
	default:
		doc := in.DocID
		if in.AppliesTo == web.AppliesEvery {
			doc = ""
		} else if _, derr := s.DB.DocumentText(ctx, requestID, doc); derr != nil {
			return nil, derr // not found names the document, not the text
		}
		m, err = s.DB.RedactOccurrences(ctx, u.ID, requestID, doc, in.Text, in.DecisionInput)
	}
	if err != nil {
		return nil, err
	}
	out := make([]web.Item, len(m.Decisions))
	for i, d := range m.Decisions {
		out[i] = s.ownItem(ctx, d, web.Own{AppliesTo: m.AppliesTo, Occurrences: len(m.Decisions), Documents: m.Documents,
			Existing: m.Existing[i]})
	}
	return out, nil
}

// OwnRedactions implements web.ReviewStore.
func (s *Store) OwnRedactions(ctx context.Context, requestID int64, docID string) ([]web.Item, error) {
	ds, err := s.DB.OwnDecisions(ctx, requestID, docID)
	if err != nil {
		return nil, err
	}
	out := make([]web.Item, len(ds))
	for i, d := range ds {
		out[i] = s.ownItem(ctx, d.Decision, web.Own{AppliesTo: d.AppliesTo, Occurrences: d.Occurrences, Documents: d.Documents})
	}
	return out, nil
}

// ownItem dresses an own decision as a review item. Its text is the
// document's, which the caller fills in when it shows it.
func (s *Store) ownItem(ctx context.Context, d postgres.Decision, o web.Own) web.Item {
	if o.AppliesTo == "" {
		o.AppliesTo = web.AppliesDocument // stored before the officer was asked
	}
	it := web.Item{Own: &o}
	it.ID = web.OwnPrefix + strconv.FormatInt(d.ID, 10)
	it.DocID, it.Start, it.End, it.Code = d.DocKey, d.Start, d.End, d.Code
	it.Scope, it.Action, it.Category, it.RuleID = suggest.ScopeSpan, suggest.ActionRedact, "manual", "manual"
	if d.Kind == workflow.DecisionWithhold {
		it.Action, it.Scope = suggest.ActionWithhold, suggest.ScopeSection
		if d.Start == 0 && d.End == 0 {
			it.Scope = suggest.ScopeDocument
		}
	}
	it.Confidence = 1
	switch {
	case o.AppliesTo == web.AppliesEvery:
		it.Why = fmt.Sprintf("A reviewer's own redaction of every occurrence: %s in %s.",
			plural(o.Occurrences, "occurrence"), plural(o.Documents, "document"))
	case o.Occurrences > 1:
		it.Why = fmt.Sprintf("A reviewer's own redaction, in this document only: %s.", plural(o.Occurrences, "occurrence"))
	default:
		it.Why = "A reviewer's own redaction, in this document only."
	}
	it.Decision = &web.Decision{Kind: d.Kind, Start: d.Start, End: d.End, Reason: d.Reason, By: s.userName(ctx, d.By), At: d.At,
		Approval: d.Approval}
	return it
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}

// undoOwn undoes a reviewer's own redaction by its item ID, with the rest
// of its batch.
func (s *Store) undoOwn(ctx context.Context, u web.User, requestID int64, itemID string) error {
	id, err := strconv.ParseInt(strings.TrimPrefix(itemID, web.OwnPrefix), 10, 64)
	if err != nil {
		return workflow.Errorf(workflow.ErrNotFound, "no such redaction of yours")
	}
	if _, err := s.DB.OwnDecision(ctx, requestID, id); err != nil {
		return err
	}
	defer s.Changed(requestID)
	return s.DB.Undo(ctx, u.ID, id)
}
