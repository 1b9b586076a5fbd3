package ingest

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/disclose-sar/disclose/internal/extract"
	"github.com/disclose-sar/disclose/internal/record"
)

// The same document is often kept in several places (ICO, "Right of access"
// guidance: a controller need not supply the same information twice). Dedup
// finds the copies so the bundle includes one, and reports which copy is kept
// and why, so an IG officer can check the choice.

// NearThreshold is the shingled-text Jaccard similarity at and above which two
// documents are treated as the same document.
const NearThreshold = 0.95

// dedup holds the union of documents found to be copies of one another.
type dedup struct {
	docs   []record.Document
	parent []int // parent[i] = i for a kept document
	dups   []Duplicate
	kept   []int // kept[k] is the index of dups[k].Kept
}

// Dedup marks every copy in docs with DuplicateOf (the ID of the copy kept)
// and returns one report line per copy. Order of checks: identical text, the
// same email saved twice, near-identical text, then earlier messages of a
// thread that a later reply quotes whole.
func Dedup(docs []record.Document) []Duplicate {
	d := &dedup{docs: docs, parent: make([]int, len(docs))}
	for i := range d.parent {
		d.parent[i] = i
	}
	d.exact()
	d.sameEmail()
	d.near()
	d.threads()
	for i := range docs {
		if r := d.find(i); r != i {
			docs[i].DuplicateOf = docs[r].ID
		} else {
			docs[i].DuplicateOf = ""
		}
	}
	for k := range d.dups {
		// Point every line at the copy finally kept, naming the direct match
		// when it was itself dropped later.
		if r := d.find(d.kept[k]); r != d.kept[k] {
			m := d.dups[k].Kept
			d.dups[k].Matched = &m
			d.dups[k].Kept = ref(&docs[r])
		}
	}
	return d.dups
}

func (d *dedup) find(i int) int {
	for d.parent[i] != i {
		d.parent[i] = d.parent[d.parent[i]]
		i = d.parent[i]
	}
	return i
}

// drop marks the group of i as a copy of the group of keep.
func (d *dedup) drop(i, keep int, why string) bool {
	ri, rk := d.find(i), d.find(keep)
	if ri == rk {
		return false
	}
	d.parent[ri] = rk
	d.dups = append(d.dups, Duplicate{Kept: ref(&d.docs[rk]), Dropped: ref(&d.docs[ri]), Why: why})
	d.kept = append(d.kept, rk)
	return true
}

// keepGroup keeps the most authoritative document of a group and drops the rest.
func (d *dedup) keepGroup(group []int, why string) {
	if len(group) < 2 {
		return
	}
	sort.Slice(group, func(a, b int) bool { return d.before(group[a], group[b]) })
	for _, i := range group[1:] {
		d.drop(i, group[0], why)
	}
}

// before orders copies by authority: the case system's export is the record
// of reference, then other locations alphabetically; an original file before
// an attachment carrying it.
func (d *dedup) before(i, j int) bool {
	a, b := &d.docs[i], &d.docs[j]
	if ra, rb := authority(a.Location), authority(b.Location); ra != rb {
		return ra < rb
	}
	if (a.Parent == "") != (b.Parent == "") {
		return a.Parent == ""
	}
	if a.Location != b.Location {
		return a.Location < b.Location
	}
	if a.Path != b.Path {
		return a.Path < b.Path
	}
	return a.Part < b.Part
}

func authority(location string) int {
	l := strings.ToLower(location)
	if strings.Contains(l, "case") && (strings.Contains(l, "system") || strings.Contains(l, "export")) {
		return 0
	}
	return 1
}

func ref(doc *record.Document) DocRef { return DocRef{ID: doc.ID, Path: doc.Path, Part: doc.Part} }

var emptyTextHash = extract.TextHash("")

// hasText reports whether a document has words to compare: documents with
// no text (scans not yet OCR'd) are never copies of one another.
func hasText(doc *record.Document) bool {
	return doc.TextHash != "" && doc.TextHash != emptyTextHash && strings.TrimSpace(doc.Text) != ""
}

func (d *dedup) exact() {
	groups := map[string][]int{}
	var keys []string
	for i := range d.docs {
		if !hasText(&d.docs[i]) {
			continue
		}
		h := d.docs[i].TextHash
		if groups[h] == nil {
			keys = append(keys, h)
		}
		groups[h] = append(groups[h], i)
	}
	for _, k := range keys {
		d.keepGroup(groups[k], "identical text")
	}
}

// sameEmail finds one message saved in two mailboxes: the same Message-ID, or
// (when a client dropped it) the same subject, date, sender and body.
func (d *dedup) sameEmail() {
	byID := map[string][]int{}
	byContent := map[string][]int{}
	var idKeys, contentKeys []string
	for i := range d.docs {
		doc := &d.docs[i]
		if doc.Email == nil || !hasText(doc) {
			continue
		}
		if id := normID(doc.Email.MessageID); id != "" {
			if byID[id] == nil {
				idKeys = append(idKeys, id)
			}
			byID[id] = append(byID[id], i)
			continue
		}
		if len(doc.Email.From) == 0 || doc.Date.IsZero() {
			continue
		}
		k := strings.Join([]string{
			threadSubject(doc.Email.Subject),
			doc.Date.UTC().Truncate(time.Minute).Format(time.RFC3339),
			strings.ToLower(doc.Email.From[0].Email),
			extract.TextHash(body(doc)),
		}, "\x00")
		if byContent[k] == nil {
			contentKeys = append(contentKeys, k)
		}
		byContent[k] = append(byContent[k], i)
	}
	for _, k := range idKeys {
		d.keepGroup(byID[k], "same email (Message-ID)")
	}
	for _, k := range contentKeys {
		d.keepGroup(byContent[k], "same email (subject, date, sender and body)")
	}
}

// near finds documents whose text is at least NearThreshold the same by
// Jaccard similarity of word 5-shingles. MinHash signatures are banded (LSH)
// so only documents sharing a band are compared: linear in the record's size
// rather than quadratic in its documents.
func (d *dedup) near() {
	var sets [][]uint64
	var sigs [][]uint64
	var idx []int
	for i := range d.docs {
		if d.find(i) != i || !hasText(&d.docs[i]) {
			continue
		}
		s := shingles(extract.NormaliseText(d.docs[i].Text))
		if len(s) < minShingles {
			continue
		}
		idx = append(idx, i)
		sets = append(sets, s)
		sigs = append(sigs, minhash(s))
	}
	buckets := map[uint64][]int{} // band hash → positions in idx
	for p, sig := range sigs {
		for _, key := range bandKeys(sig) {
			buckets[key] = append(buckets[key], p)
		}
	}
	seen := map[[2]int]bool{}
	var pairs [][2]int
	for _, members := range buckets {
		if len(members) < 2 {
			continue
		}
		for a := 0; a < len(members); a++ {
			for b := a + 1; b < len(members) && b < a+maxBucketCompare; b++ {
				pr := [2]int{min(members[a], members[b]), max(members[a], members[b])}
				if !seen[pr] {
					seen[pr] = true
					pairs = append(pairs, pr)
				}
			}
		}
	}
	sort.Slice(pairs, func(a, b int) bool {
		if pairs[a][0] != pairs[b][0] {
			return pairs[a][0] < pairs[b][0]
		}
		return pairs[a][1] < pairs[b][1]
	})
	for _, pr := range pairs {
		j := jaccard(sets[pr[0]], sets[pr[1]])
		if j < NearThreshold {
			continue
		}
		a, b := idx[pr[0]], idx[pr[1]]
		ra, rb := d.find(a), d.find(b)
		if ra == rb {
			continue
		}
		if !d.before(ra, rb) {
			ra, rb = rb, ra
		}
		d.drop(rb, ra, fmt.Sprintf("near-identical text (%.0f%% the same)", 100*j))
	}
}

func normID(id string) string {
	return strings.ToLower(strings.Trim(strings.TrimSpace(id), "<>"))
}

// body is an email's text without its header fields.
func body(doc *record.Document) string {
	var b strings.Builder
	for _, bl := range doc.Blocks {
		if bl.Kind == record.BlockField || bl.Start < 0 || bl.End > len(doc.Text) || bl.Start > bl.End {
			continue
		}
		b.WriteString(doc.Text[bl.Start:bl.End])
		b.WriteByte('\n')
	}
	if b.Len() == 0 && len(doc.Blocks) == 0 {
		return doc.Text
	}
	return b.String()
}
