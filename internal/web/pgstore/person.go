package pgstore

import (
	"context"
	"sort"
	"strings"

	"github.com/disclose-sar/disclose/internal/postgres"
	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/suggest"
	"github.com/disclose-sar/disclose/internal/web"
	"github.com/disclose-sar/disclose/internal/workflow"
)

// Persons implements web.ReviewStore: the register the last suggestion
// step built — the same people, roles and labels `disclose suggest`
// prints — with how often and as what the suggestions name each person.
func (s *Store) Persons(ctx context.Context, requestID int64) ([]web.Person, error) {
	reg, err := s.DB.Register(ctx, requestID)
	if err != nil {
		return nil, err
	}
	sugs, err := s.DB.Suggestions(ctx, requestID, postgres.SuggestionFilter{})
	if err != nil {
		return nil, err
	}
	count := map[string]int{}
	written := map[string]map[string]bool{}
	for _, sg := range sugs {
		if sg.PersonKey == "" {
			continue
		}
		count[sg.PersonKey]++
		if isName(sg.Category) && len(sg.Text) <= 60 {
			if written[sg.PersonKey] == nil {
				written[sg.PersonKey] = map[string]bool{}
			}
			written[sg.PersonKey][sg.Text] = true
		}
	}
	out := make([]web.Person, 0, len(reg.People))
	for _, p := range reg.People {
		title := p.Kind
		if k, ok := suggest.KindByID(p.Kind); ok {
			title = k.Title
		} else if p.Role == suggest.RoleSubject {
			title = "The requester"
		}
		var variants []string
		for v := range written[p.Key] {
			variants = append(variants, v)
		}
		sort.Strings(variants)
		out = append(out, web.Person{Key: p.Key, Name: p.Name, Role: p.Role, Kind: p.Kind, KindTitle: title,
			KindByOfficer: p.KindByOfficer, Label: p.Label, Source: p.Source, Variants: variants,
			Occurrences: count[p.Key], Generation: reg.Generation})
	}
	return out, nil
}

func isName(category string) bool { return strings.Contains(category, "name") }

// registerPerson finds a register entry by its key.
func (s *Store) registerPerson(ctx context.Context, requestID int64, key string) (suggest.Person, error) {
	reg, err := s.DB.Register(ctx, requestID)
	if err != nil {
		return suggest.Person{}, err
	}
	for _, p := range reg.People {
		if p.Key == key {
			return p, nil
		}
	}
	return suggest.Person{}, workflow.Errorf(workflow.ErrNotFound, "no such person in this request")
}

// SetPersonRole implements web.ReviewStore: the kind the officer chose is
// recorded with its audit row, and the suggestion step runs again with
// it, so the person's register entry and suggestions follow — now and in
// every later run.
func (s *Store) SetPersonRole(ctx context.Context, u web.User, requestID int64, in web.RoleChange) error {
	if _, err := s.DB.SetPersonKind(ctx, u.ID, requestID, postgres.KindChange{Key: in.Key, Kind: in.Kind,
		From: in.From, Generation: in.Generation}); err != nil {
		return err
	}
	return s.resuggest(ctx, requestID)
}

// MergePersons implements web.ReviewStore: the merged person's name
// becomes another name of the kept one, and the suggestions follow. A
// kept person the record's persons.json does not list keeps the kind the
// register gave them.
func (s *Store) MergePersons(ctx context.Context, u web.User, requestID int64, keep, merge string) error {
	keptP, err := s.registerPerson(ctx, requestID, keep)
	if err != nil {
		return err
	}
	mergedP, err := s.registerPerson(ctx, requestID, merge)
	if err != nil {
		return err
	}
	if keptP.Role == suggest.RoleSubject || mergedP.Role == suggest.RoleSubject {
		return workflow.Errorf(workflow.ErrInvalid, "the requester cannot be merged here")
	}
	reg, err := s.DB.Persons(ctx, requestID)
	if err != nil {
		return err
	}
	kept := record.Person{Name: keptP.Name, Role: record.RoleOther}
	listed := false
	var merged *record.Person
	for i, x := range reg {
		switch {
		case strings.EqualFold(x.Name, keptP.Name):
			kept, listed = x, true
		case strings.EqualFold(x.Name, mergedP.Name):
			merged = &reg[i]
		}
	}
	kept.Nicknames = append(kept.Nicknames, mergedP.Name)
	if merged != nil {
		kept.Nicknames = append(kept.Nicknames, merged.Nicknames...)
		if err := s.DB.DeletePerson(ctx, requestID, merged.Name); err != nil {
			return err
		}
	}
	if !listed {
		if err := s.DB.KeepPersonKind(ctx, u.ID, requestID, keptP.Name, keptP.Kind); err != nil {
			return err
		}
	}
	if err := s.DB.SavePersons(ctx, requestID, []record.Person{kept}); err != nil {
		return err
	}
	return s.resuggest(ctx, requestID)
}

func (s *Store) resuggest(ctx context.Context, requestID int64) error {
	defer s.Changed(requestID)
	if s.Resuggest == nil {
		return workflow.Errorf(workflow.ErrInvalid, "suggestions cannot be remade on this server")
	}
	return s.Resuggest(ctx, requestID)
}
