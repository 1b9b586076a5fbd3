package bundle

import (
	_ "embed"
	"sort"
	"strings"
)

//go:embed glossary.tsv
var glossaryTSV string

// term is one glossary entry.
type term struct {
	Term, Plain string
	exact       bool // acronym: match case-sensitively
}

// glossary is the embedded list of UK children's social care jargon.
func glossary() []term {
	var out []term
	for _, line := range strings.Split(glossaryTSV, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		k, v, ok := strings.Cut(line, "\t")
		if !ok {
			continue
		}
		exact := strings.ToLower(k) != k
		out = append(out, term{Term: k, Plain: v, exact: exact})
	}
	return out
}

// usedTerms returns the glossary entries whose term appears in the
// disclosed text, on word boundaries; one entry per definition, sorted.
func usedTerms(texts []string) []term {
	terms := glossary()
	found := make([]bool, len(terms))
	lowered := make([]string, len(texts))
	for i, t := range texts {
		lowered[i] = strings.ToLower(t)
	}
	for ti, t := range terms {
		needle, hay := t.Term, lowered
		if t.exact {
			hay = texts
		} else {
			needle = strings.ToLower(needle)
		}
	search:
		for _, h := range hay {
			for off := 0; ; {
				i := strings.Index(h[off:], needle)
				if i < 0 {
					break
				}
				s, e := off+i, off+i+len(needle)
				if (s == 0 || !wordByte(h[s-1])) && (e == len(h) || !wordByte(h[e])) {
					found[ti] = true
					break search
				}
				off = e
			}
		}
	}
	seen := map[string]bool{}
	var out []term
	for i, t := range terms {
		if found[i] && !seen[t.Plain] {
			seen[t.Plain] = true
			out = append(out, t)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return strings.ToLower(out[i].Term) < strings.ToLower(out[j].Term) })
	return out
}

func wordByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c >= 0x80
}
