package search

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// Mention is one place a person is named: Document.Text[Start:End] of the
// document DocID (byte offsets), on Page.
type Mention struct {
	DocID    string `json:"doc_id"`
	Path     string `json:"path"`
	Location string `json:"location"`
	Page     int    `json:"page,omitempty"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	Variant  string `json:"variant"` // which of the asked forms matched
}

// mentionPage is how many hits are fetched per request while collecting.
const mentionPage = 1000

// Variants lists the usual written forms of a full name: the name itself,
// first name, surname, initial + surname with and without a full stop, and
// title-less "First Last" when there are middle names. Case (ALL CAPS, lower
// case) and the possessive ("Smith's") need no variants: FindMentions
// matches without regard to case, and a possessive is the name followed by
// an apostrophe.
func Variants(full string) []string {
	words := strings.Fields(full)
	if len(words) == 0 {
		return nil
	}
	seen := map[string]bool{}
	var out []string
	add := func(s string) {
		if s != "" && !seen[strings.ToLower(s)] {
			seen[strings.ToLower(s)] = true
			out = append(out, s)
		}
	}
	add(strings.Join(words, " "))
	if len(words) == 1 {
		return out
	}
	first, last := words[0], words[len(words)-1]
	add(first + " " + last)
	add(last)
	add(first)
	r, _ := utf8.DecodeRuneInString(first)
	add(string(r) + ". " + last)
	add(string(r) + " " + last)
	return out
}

// FindMentions finds every mention of any of the variants. bleve narrows
// the search to pages holding the words as a phrase (analysed, so case and
// possessives already fold); each page's stored text is then scanned
// case-insensitively, on word boundaries, for exact byte offsets.
func (x *Index) FindMentions(variants []string) ([]Mention, error) {
	var qs []query.Query
	var pats []*regexp.Regexp
	var names []string
	for _, v := range variants {
		v = strings.TrimSpace(v)
		if v == "" {
			continue
		}
		pq := bleve.NewMatchPhraseQuery(v)
		pq.SetField(fText)
		qs = append(qs, pq)
		pats = append(pats, variantPattern(v))
		names = append(names, v)
	}
	if len(qs) == 0 {
		return nil, nil
	}
	q := bleve.NewDisjunctionQuery(qs...)
	var out []Mention
	for from := 0; ; from += mentionPage {
		req := bleve.NewSearchRequestOptions(q, mentionPage, from, false)
		req.Fields = []string{fDocID, fPath, fLocation, fPage, fOffset, fText}
		req.SortBy([]string{"_id"})
		res, err := x.bi.Search(req)
		if err != nil {
			return nil, fmt.Errorf("search: mentions: %w", err)
		}
		for _, h := range res.Hits {
			text := str(h.Fields[fText])
			base := Mention{
				DocID:    str(h.Fields[fDocID]),
				Path:     str(h.Fields[fPath]),
				Location: str(h.Fields[fLocation]),
				Page:     num(h.Fields[fPage]),
			}
			off := num(h.Fields[fOffset])
			for _, m := range scan(text, pats, names) {
				mm := base
				mm.Start, mm.End, mm.Variant = m.Start+off, m.End+off, m.Variant
				out = append(out, mm)
			}
		}
		if len(res.Hits) < mentionPage {
			break
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Path != out[j].Path {
			return out[i].Path < out[j].Path
		}
		if out[i].DocID != out[j].DocID {
			return out[i].DocID < out[j].DocID
		}
		return out[i].Start < out[j].Start
	})
	return out, nil
}

// variantPattern matches a name form case-insensitively with any run of
// white space between words and an optional full stop after an initial.
func variantPattern(v string) *regexp.Regexp {
	words := strings.FieldsFunc(v, func(r rune) bool { return unicode.IsSpace(r) || r == '.' })
	parts := make([]string, len(words))
	for i, w := range words {
		parts[i] = regexp.QuoteMeta(w)
		if utf8.RuneCountInString(w) == 1 {
			parts[i] += `\.?`
		}
	}
	return regexp.MustCompile(`(?i)` + strings.Join(parts, `\s+`))
}

// scan finds the non-overlapping matches of the patterns in text on word
// boundaries (Unicode letters and digits, so "Zoë" and "O'Neil" work),
// preferring the longest form at each place.
func scan(text string, pats []*regexp.Regexp, names []string) []Mention {
	var all []Mention
	for i, p := range pats {
		for _, loc := range p.FindAllStringIndex(text, -1) {
			if boundary(text, loc[0], loc[1]) {
				all = append(all, Mention{Start: loc[0], End: loc[1], Variant: names[i]})
			}
		}
	}
	sort.Slice(all, func(i, j int) bool {
		if all[i].Start != all[j].Start {
			return all[i].Start < all[j].Start
		}
		return all[i].End > all[j].End
	})
	var out []Mention
	end := -1
	for _, m := range all {
		if m.Start < end {
			continue
		}
		out = append(out, m)
		end = m.End
	}
	return out
}

func boundary(text string, start, end int) bool {
	if start > 0 {
		r, _ := utf8.DecodeLastRuneInString(text[:start])
		if isWord(r) {
			return false
		}
	}
	if end < len(text) {
		r, _ := utf8.DecodeRuneInString(text[end:])
		if isWord(r) {
			return false
		}
	}
	return true
}

func isWord(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' }
