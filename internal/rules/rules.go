// Package rules loads and validates Disclose's redaction rule packs: YAML
// files (redaction-rules/*.yaml) that say what to look for, why, under which
// law, and what to propose. Every error names the file and line, so a broken
// pack is fixed in minutes; every rule's examples are run through its real
// detector at load, so a pack that does not do what it says never loads.
package rules

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"sync"
)

// Actions a rule may propose (suggest uses the same words).
const (
	ActionRedact   = "redact"
	ActionWithhold = "withhold"
	ActionFlag     = "flag"
)

// Detector kinds. The first three are matched by this package alone; the
// others need the record (its people, blocks, email headers) and are run by
// package suggest with the parameters given here.
const (
	KindRegex         = "regex"          // Pattern (+ Flags, Validator, Context, Group)
	KindKeywords      = "keywords"       // Keywords, whole words, case-insensitive
	KindDocMarker     = "doc_marker"     // Pattern found at a line start in the document's head
	KindSectionMarker = "section_marker" // Pattern at the start of a block opens a section
	KindSenderDomain  = "sender_domain"  // Pattern matched against an email sender's domain
	KindRestricted    = "restricted"     // the case system marks the document restricted
	KindPerson        = "person"         // every occurrence of a register person's name variants
	KindPersonDOB     = "person_dob"     // a register person's date of birth, in any format
	KindPersonContext = "person_context" // Keywords in the same sentence as a third party
	// KindReportedSpeech is a reporting verb (Keywords: "told me", "said
	// that") followed by a third party and what they did or are: someone
	// passing on another person's private life.
	KindReportedSpeech = "reported_speech"
	// KindFolder is a Pattern matched against each folder name of a
	// document's path ("partner-info", "police"): the folder says where
	// the council filed what another organisation sent.
	KindFolder = "folder"
	// KindAgencyLetterhead, KindAgencyHeading and KindAttribution read the
	// packs' partner-agency vocabulary (Set.Agencies): an agency named at
	// the top of a document or as its sender; an agency's heading or
	// speaker label opening a section; a sentence passing on what an
	// agency said.
	KindAgencyLetterhead = "agency_letterhead"
	KindAgencyHeading    = "agency_heading"
	KindAttribution      = "attribution"
	// KindFindingLimit is the most findings one document may hold (Limit):
	// past it the document is suggested as one item, to be read as a whole
	// — a generated or pathological file, not a record to go through one
	// finding at a time.
	KindFindingLimit = "finding_limit"
)

var kinds = map[string]bool{
	KindRegex: true, KindKeywords: true, KindDocMarker: true, KindSectionMarker: true,
	KindSenderDomain: true, KindRestricted: true, KindPerson: true, KindPersonDOB: true,
	KindPersonContext: true, KindReportedSpeech: true, KindFolder: true,
	KindAgencyLetterhead: true, KindAgencyHeading: true, KindAttribution: true, KindFindingLimit: true,
}

// Scopes a rule's suggestion covers.
const (
	ScopeMatch    = "match"    // the matched text
	ScopeSentence = "sentence" // the sentence holding the match
	ScopeBlock    = "block"    // the block (paragraph, cell, line) holding the match
	ScopeSection  = "section"
	ScopeDocument = "document"
)

// Code is a reason code printed in the bundle's redaction key.
type Code struct {
	Code  string `json:"code"`
	Title string `json:"title"`
	Law   string `json:"law"`
	Plain string `json:"plain"` // for the care leaver: short sentences, no jargon
	// Approval lists which decisions under this code take effect only once
	// a legal user signs them off: ApproveWithhold (removing or withholding
	// under the code: an exemption applied) and ApproveDisclose (releasing
	// what the code protects). A pack that leaves it out gets both.
	Approval []string `json:"approval"`
}

// Decisions a code's Approval may list.
const (
	ApproveWithhold = "withhold"
	ApproveDisclose = "disclose"
)

// NeedsApproval reports whether a decision of the given effect (ApproveWithhold
// or ApproveDisclose) under this code needs legal sign-off.
func (c Code) NeedsApproval(effect string) bool {
	for _, a := range c.Approval {
		if a == effect {
			return true
		}
	}
	return false
}

// Set is every rule and code of the loaded packs, in file then rule order.
type Set struct {
	Rules []*Rule
	Codes map[string]Code
	// Lists are the packs' word lists by name (a pack's "lists:" section):
	// every list a detector uses lives in a pack, where a council can
	// change it.
	Lists map[string][]string
	// Agencies is the partner-agency vocabulary compiled from the lists
	// (agency.go).
	Agencies *Agencies
	// People is the person detector's vocabulary compiled from the lists
	// (people.go).
	People *People
	byID   map[string]*Rule
}

// List returns the word list of that name (nil when no pack defines it).
func (s *Set) List(name string) []string { return s.Lists[name] }

// Rule returns the rule with the given id, or nil.
func (s *Set) Rule(id string) *Rule { return s.byID[id] }

// OfKind returns the rules whose detector is of the given kind, in load order.
func (s *Set) OfKind(kind string) []*Rule {
	var out []*Rule
	for _, r := range s.Rules {
		if r.Detector.Kind == kind {
			out = append(out, r)
		}
	}
	return out
}

// CodeList returns the codes sorted by code, for printing a key.
func (s *Set) CodeList() []Code {
	out := make([]Code, 0, len(s.Codes))
	for _, c := range s.Codes {
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out
}

// Rule is one compiled rule.
type Rule struct {
	ID          string
	Category    string
	Code        string
	Explanation string // plain English, for the care leaver
	Action      string // redact, withhold or flag
	Scope       string // match (default), sentence, block, section, document
	Confidence  float64
	Detector    Detector
	Examples    Examples

	File string // pack file name
	Line int    // line of the rule's "id"
}

// Examples are texts a rule must and must not match; they are run at load.
type Examples struct {
	ShouldMatch    []string `yaml:"should_match"`
	ShouldNotMatch []string `yaml:"should_not_match"`
}

// Context requires one of Words within Window bytes either side of a match.
type Context struct {
	Words  []string `yaml:"words"`
	Window int      `yaml:"window"`

	firstOnce sync.Once
	first     *[256][]string // Words by their first byte (contextHits)
}

// Detector says how a rule finds text.
type Detector struct {
	Kind          string
	Pattern       string
	Flags         string // i (ignore case), m (multi-line), s (dot matches newline)
	Keywords      []string
	Validator     string   // a name in Validators
	Group         int      // sub-match that is the span (0 = whole match)
	Bounded       bool     // the match may not touch a letter or digit
	Context       *Context // required words nearby
	Window        int      // doc_marker: how many bytes of the head to search
	Roles         []string // person: register roles this rule covers
	OtherCouncils bool     // sender_domain: any gov.uk domain but the council's own
	// Needs names a character every match contains ("digit" or one
	// character such as "@"), or words one of which every match contains
	// ("House|Cottage|Lodge"), so long texts are searched only near one:
	// a speed hint, checked against the examples at load.
	Needs string
	Near  int // how far from a needed character a match may reach (default 160 bytes)
	// Role says what the matches are (RoleAddress, RoleDateOfBirth, RolePlace) for
	// detectors that build on them.
	Role string
	// Limit is finding_limit's most findings in one document.
	Limit int

	re *regexp.Regexp
	// minDigits is the fewest digits a match of the pattern holds.
	minDigits int
	// lineRe is the pattern anchored at the start of its text, set when
	// every match starts at a line's start (a heading, a letterhead): Find
	// tries it at each line start instead of scanning every byte.
	lineRe *regexp.Regexp
}

// Regexp returns the compiled pattern (keywords are compiled to one), or nil.
func (d *Detector) Regexp() *regexp.Regexp { return d.re }

// Error is a problem in a rule pack, at a line.
type Error struct {
	File string
	Line int
	Msg  string
}

func (e *Error) Error() string { return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg) }

// Errors is every problem found in the packs.
type Errors []*Error

func (es Errors) Error() string {
	s := make([]string, len(es))
	for i, e := range es {
		s[i] = e.Error()
	}
	return strings.Join(s, "\n")
}
