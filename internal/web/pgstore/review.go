package pgstore

import (
	"context"
	"sort"
	"strconv"
	"strings"

	"github.com/disclose-sar/disclose/internal/postgres"
	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/web"
	"github.com/disclose-sar/disclose/internal/workflow"
)

// Documents implements web.ReviewStore, with decided counts per document.
func (s *Store) Documents(ctx context.Context, requestID int64) ([]web.DocSummary, error) {
	docs, err := s.DB.Documents(ctx, requestID)
	if err != nil {
		return nil, err
	}
	counts, err := s.DB.ProgressByDoc(ctx, requestID)
	if err != nil {
		return nil, err
	}
	byKey := make(map[string]postgres.DocProgress, len(counts))
	for _, c := range counts {
		byKey[c.Key] = c
	}
	out := make([]web.DocSummary, 0, len(docs))
	for _, d := range docs {
		c := byKey[d.Key]
		out = append(out, web.DocSummary{ID: d.Key, Location: d.Location, Path: d.Path, Part: d.Part, Title: d.Title, Type: d.Type,
			Date: d.Date, Pages: d.Pages, Duplicate: d.DuplicateOf != "", Suggestions: c.Total, Decided: c.Decided})
	}
	sortDocs(out)
	return out, nil
}

// sortDocs orders the document list by location, path, then part (as
// NextDocKey does).
func sortDocs(out []web.DocSummary) {
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Location != b.Location {
			return a.Location < b.Location
		}
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		return a.Part < b.Part
	})
}

// NextDocument implements web.ReviewStore.
func (s *Store) NextDocument(ctx context.Context, requestID int64, docID string) (string, error) {
	return s.DB.NextDocKey(ctx, requestID, docID)
}

// Document implements web.ReviewStore.
func (s *Store) Document(ctx context.Context, requestID int64, docID string) (record.Document, error) {
	return s.DB.Document(ctx, requestID, docID)
}

// DocumentText implements the web package's optional docTextStore: the
// review screen's document without its boxes.
func (s *Store) DocumentText(ctx context.Context, requestID int64, docID string) (record.Document, error) {
	return s.DB.DocumentText(ctx, requestID, docID)
}

// Suggestions implements web.ReviewStore. A suggestion's web ID is its row
// id, which decisions refer to.
func (s *Store) Suggestions(ctx context.Context, requestID int64, docID string) ([]web.Item, error) {
	if docID != "" {
		return s.docSuggestions(ctx, requestID, docID)
	}
	sugs, err := s.DB.Suggestions(ctx, requestID, postgres.SuggestionFilter{})
	if err != nil {
		return nil, err
	}
	decs, err := s.DB.Decisions(ctx, requestID)
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]postgres.Decision, len(decs))
	for _, d := range decs {
		byID[d.ID] = d
	}
	out := make([]web.Item, len(sugs))
	for i, sg := range sugs {
		var cur *postgres.Decision
		if d, ok := byID[sg.DecisionID]; ok {
			cur = &d
		}
		out[i] = s.item(ctx, sg, cur)
	}
	return out, nil
}

// docSuggestions is Suggestions for one document: the review screen's, in
// one query.
func (s *Store) docSuggestions(ctx context.Context, requestID int64, docID string) ([]web.Item, error) {
	sugs, err := s.DB.DocSuggestions(ctx, requestID, docID)
	if err != nil {
		return nil, err
	}
	out := make([]web.Item, len(sugs))
	for i := range sugs {
		out[i] = s.item(ctx, sugs[i].Suggestion, sugs[i].Current)
	}
	return out, nil
}

// item dresses a stored suggestion for the web; cur is its current
// decision when known (a decision no longer current shows its kind only).
func (s *Store) item(ctx context.Context, sg postgres.Suggestion, cur *postgres.Decision) web.Item {
	it := web.Item{Suggestion: sg.Suggestion, Version: int64(sg.Version)}
	it.ID = strconv.FormatInt(sg.DBID, 10)
	if sg.DecisionID != 0 {
		d := postgres.Decision{Kind: workflow.DecisionKind(sg.Decision)}
		if cur != nil {
			d = *cur
		}
		it.Decision = &web.Decision{Kind: d.Kind, Start: d.Start, End: d.End, Reason: d.Reason, Basis: d.Basis,
			By: s.userName(ctx, d.By), At: d.At, Approval: d.Approval}
	}
	return it
}

// Decide implements web.ReviewStore: one suggestion, every occurrence of
// its person, or a reviewer's own redaction (decideOwn).
// The request's cached progress follows: one document recounted, or all of
// it dropped when every occurrence of a person was decided.
func (s *Store) Decide(ctx context.Context, u web.User, requestID int64, in web.DecisionInput) ([]web.Item, error) {
	if in.SuggestionID == "" {
		if in.DocID == "" {
			return nil, workflow.Errorf(workflow.ErrInvalid, "say which document to redact in")
		}
		return s.decideOwn(ctx, u, requestID, in)
	}
	sg, err := s.suggestion(ctx, requestID, in.DocID, in.SuggestionID)
	if err != nil {
		return nil, err
	}
	sid := sg.DBID
	if in.AllOfPerson && sg.PersonKey != "" {
		defer s.Changed(requestID)
		if sg.Version != int(in.Version) {
			return nil, workflow.Errorf(workflow.ErrConflict, "someone else decided this suggestion first; the page now shows their decision")
		}
		_, err := s.DB.DecidePerson(ctx, u.ID, requestID, sg.PersonKey, in.DecisionInput)
		return nil, err
	}
	defer s.docChanged(requestID, sg.DocID)
	_, err = s.DB.Decide(ctx, u.ID, sid, int(in.Version), in.DecisionInput)
	return nil, err
}

// suggestion finds a suggestion by its web ID within one request (and
// document, when known): an ID from another request is not found.
func (s *Store) suggestion(ctx context.Context, requestID int64, docID, id string) (postgres.Suggestion, error) {
	sid, err := strconv.ParseInt(id, 10, 64)
	if err != nil {
		return postgres.Suggestion{}, workflow.Errorf(workflow.ErrNotFound, "no such suggestion")
	}
	sg, err := s.DB.SuggestionByID(ctx, sid)
	if err != nil {
		return sg, err
	}
	if docID != "" && sg.DocID != docID {
		return sg, workflow.Errorf(workflow.ErrNotFound, "no such suggestion in this document")
	}
	// The row has no request id: check it is among the request's
	// suggestions for its document.
	list, err := s.DB.Suggestions(ctx, requestID, postgres.SuggestionFilter{DocKey: sg.DocID})
	if err != nil {
		return sg, err
	}
	for _, x := range list {
		if x.DBID == sid {
			return x, nil
		}
	}
	return sg, workflow.Errorf(workflow.ErrNotFound, "no such suggestion in this request")
}

// Undo implements web.ReviewStore: it undoes the suggestion's current
// decision, if it is still the one the reviewer saw, or an own redaction.
func (s *Store) Undo(ctx context.Context, u web.User, requestID int64, suggestionID string, version int64) error {
	if strings.HasPrefix(suggestionID, web.OwnPrefix) {
		return s.undoOwn(ctx, u, requestID, suggestionID)
	}
	defer s.Changed(requestID)
	sg, err := s.suggestion(ctx, requestID, "", suggestionID)
	if err != nil {
		return err
	}
	if sg.DecisionID == 0 {
		return workflow.Errorf(workflow.ErrInvalid, "this suggestion has no decision to undo")
	}
	if version != 0 && int64(sg.Version) != version {
		return workflow.Errorf(workflow.ErrConflict, "someone else changed this decision first; the page now shows it")
	}
	return s.DB.Undo(ctx, u.ID, sg.DecisionID)
}
