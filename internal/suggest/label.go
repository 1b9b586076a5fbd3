package suggest

import (
	"fmt"
	"sort"
)

// assignLabels gives every person a register key and a pseudonymous label
// from their role and the order they first appear in the record ("Sibling
// A", "Foster carer 2", "Person 3"), so the same record always gets the
// same labels. Mother and Father are unnumbered when there is only one.
func (r *register) assignLabels() {
	order := make([]int, 0, len(r.people))
	for i := range r.people {
		if i != subjectIdx {
			order = append(order, i)
		}
	}
	sort.SliceStable(order, func(a, b int) bool {
		pa, pb := r.people[order[a]], r.people[order[b]]
		if (pa.first < 0) != (pb.first < 0) {
			return pa.first >= 0
		}
		return pa.first < pb.first
	})
	count := map[string]int{}
	for _, i := range order {
		count[r.people[i].labelStem]++
	}
	seen := map[string]int{}
	r.people[subjectIdx].Kind = kindSubject.ID
	for n, i := range order {
		p := r.people[i]
		p.Key = fmt.Sprintf("p%d", n+1)
		p.Kind = kindOf(p.Role, p.labelStem).ID
		stem := p.labelStem
		if p.Staff() {
			p.Label = "Council staff"
			continue
		}
		if p.Role == RoleOwnChild {
			p.Label = "The requester's child"
			continue
		}
		if stem == "" {
			stem = "Person"
		}
		seen[stem]++
		k := seen[stem]
		switch stem {
		case "Mother", "Father", "Stepfather", "Stepmother":
			if count[stem] == 1 {
				p.Label = stem
			} else {
				p.Label = fmt.Sprintf("%s %d", stem, k)
			}
		case "Sibling":
			p.Label = "Sibling " + letters(k)
		default:
			p.Label = fmt.Sprintf("%s %d", stem, k)
		}
	}
}

// letters numbers siblings A, B, ... Z, AA, AB ...
func letters(k int) string {
	s := ""
	for k > 0 {
		k--
		s = string(rune('A'+k%26)) + s
		k /= 26
	}
	return s
}

// noteFirst records where a document first names people (person → document
// index << 32 | offset): a person's first mention in the record is the
// least, whichever order documents are read in.
func (r *register) noteFirst(first map[int]int) {
	for pi, pos := range first {
		if p := r.people[pi]; p.first < 0 || pos < p.first {
			p.first = pos
		}
	}
}
