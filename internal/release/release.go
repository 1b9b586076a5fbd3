// Package release is the one bundle pipeline. Both drivers — the batch
// command (`disclose bundle`) and the server's bundle job — call Write with
// what they gathered: the record, the suggestions made over it at bundle
// time, what review says the decisions mean, and the files that could not
// be read. Everything else is decided here, once: the reference, council
// and label key on the cover pages, a notice naming every unreadable file,
// scanned pages rendered with their guards (extract.PageImager), the
// encryption, the schedule and the leak check — which searches the
// finished bundle not only for what was redacted but for every form of
// every third party's name in the register and every string a detector
// suggested, unless a decision covers it.
package release

import (
	"context"
	"errors"
	"fmt"
	"image"
	"io"
	"path"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/disclose-sar/disclose/internal/bundle"
	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/review"
	"github.com/disclose-sar/disclose/internal/rules"
	"github.com/disclose-sar/disclose/internal/suggest"
)

// Problem is a file of the record that was not read.
type Problem struct {
	Location string // top-level folder
	Path     string // record-relative, safe to show
	Reason   string
}

// Source is what one bundle is made from.
type Source struct {
	Record *record.Record // every document; duplicates are left out of the bundle
	// Suggested is a suggestion run over exactly these documents, made at
	// bundle time: its register and suggestions are what the leak check
	// watches for, whatever was decided or stored before.
	Suggested *suggest.Result
	Outcome   review.Outcome    // what the decisions mean (review.Policy.Apply)
	Decisions []review.Decision // the current decisions: which watched strings they cover
	Problems  []Problem
	Rules     *rules.Set
	// Watching, when set, has gathered the watched strings of the
	// suggestions as they were applied a document at a time (the batch
	// path, whose Suggested holds the register only): Prepare lists them
	// instead of reading Suggested's suggestions.
	Watching *Watcher
	// AsSuggested is the batch policy (every suggestion applied, nobody
	// deciding): watched strings are then redacted wherever they appear
	// rather than failing the bundle (bundle.Input.SpreadWatched).
	AsSuggested bool
	// Areas are the rectangles officers drew on pages (the server's stored
	// areas; the batch path has none): redacted by bundle like decisions.
	Areas []record.Area
}

// Settings are the bundle's presentation: who sends it, how it is laid out
// and locked, and how scanned pages and finished text are read.
type Settings struct {
	Reference string // request reference stamped on every page
	Council   bundle.Council
	Date      time.Time
	Order     string
	// Layout is bundle.LayoutOriginal (the default: PDF pages as they
	// are, burned) or bundle.LayoutReading (every document typeset).
	Layout     string
	LargePrint bool
	Password   string // empty generates one (returned once in the result)
	NoEncrypt  bool
	// EncryptedOnDownload: written unencrypted, each copy encrypted as it
	// is downloaded (the server); the letter says the pack is protected.
	EncryptedOnDownload bool
	FontDir             string
	PageImage           func(ctx context.Context, doc *record.Document, page, dpi int) (image.Image, error)
	Paginate            func(ctx context.Context, doc *record.Document) (*record.Document, map[int]string, func(ctx context.Context, page, dpi int) (image.Image, error), error)
	PDFText             func(ctx context.Context, data []byte, password string) ([]string, error)
	PageOCR             func(ctx context.Context, data []byte, password string, pages []int) ([]string, error)
	// Boxes gives a document's character and word boxes when they are
	// kept out of memory (Spool.Boxes; bundle.Options.Boxes).
	Boxes func(doc *record.Document) ([]record.Glyph, []record.Word, error)
	// PDFTextAt and PageOCRAt read the finished file where it lies
	// (bundle.Options): the batch command's leak check holds neither the
	// file nor all its text.
	PDFTextAt func(ctx context.Context, r io.ReaderAt, size int64, password string, each func(page int, text string) error) (int, error)
	PageOCRAt func(ctx context.Context, r io.ReaderAt, size int64, password string, pages []int, each func(page int, text string) error) error
	// KeepRefused: benchmarks only (bundle.Options.KeepRefused).
	KeepRefused string
}

// Write prepares the input and writes the bundle to out; the bundle
// package checks the finished file before anything is written to out.
func Write(ctx context.Context, out io.Writer, src Source, s Settings) (*bundle.Result, *bundle.Input, error) {
	in, err := Prepare(src)
	if err != nil {
		return nil, nil, err
	}
	res, err := bundle.Write(ctx, out, in, Options(src, s))
	return res, &in, err
}

// Options are the bundle options of a source and settings.
func Options(src Source, s Settings) bundle.Options {
	return bundle.Options{
		Reference: s.Reference, SubjectName: src.Record.Subject.Name, Council: s.Council, Date: s.Date,
		Order: s.Order, Layout: s.Layout, LargePrint: s.LargePrint, Password: s.Password, NoEncrypt: s.NoEncrypt, EncryptedOnDownload: s.EncryptedOnDownload, FontDir: s.FontDir,
		PageImage: s.PageImage, Paginate: s.Paginate, PDFText: s.PDFText, PageOCR: s.PageOCR,
		PDFTextAt: s.PDFTextAt, PageOCRAt: s.PageOCRAt, Boxes: s.Boxes, KeepRefused: s.KeepRefused,
	}
}

// Prepare gathers the bundle's input: the disclosed documents, the
// redactions with their text, the reason key, the label key, a notice for
// every unreadable file and the strings the leak check watches for.
func Prepare(src Source) (bundle.Input, error) {
	if src.Rules == nil {
		return bundle.Input{}, errors.New("release: no rule packs given")
	}
	rec := src.Record
	docs := make(map[string]*record.Document, len(rec.Documents))
	var kept []record.Document
	for i := range rec.Documents {
		d := &rec.Documents[i]
		docs[d.ID] = d
		if d.DuplicateOf == "" {
			kept = append(kept, *d)
		}
	}
	// The outcome's redactions are used in place (their text is filled in
	// here): on a large record they are hundreds of megabytes, and no
	// driver uses them again.
	reds := dropUnknown(src.Outcome.Redactions, docs)
	if err := review.FillText(reds, docs); err != nil {
		return bundle.Input{}, err
	}
	in := bundle.Input{Docs: kept, Redactions: reds, Reasons: map[string]bundle.Reason{}, Keep: rec.Subject.Names()}
	for _, a := range src.Areas {
		if docs[a.DocID] != nil {
			in.Areas = append(in.Areas, a)
		}
	}
	if src.Rules != nil {
		in.Words = src.Rules.People
		for code, c := range src.Rules.Codes {
			in.Reasons[code] = bundle.Reason{Code: c.Code, Title: c.Title, Law: c.Law, Plain: c.Plain}
		}
	}
	if src.Suggested != nil {
		for _, p := range src.Suggested.Register {
			if p.Label == "" || p.Role == suggest.RoleSubject || p.Kept() {
				continue
			}
			in.Labels = append(in.Labels, bundle.Label{Label: p.Label, Meaning: LabelMeaning(p.Role)})
		}
		for _, p := range src.Suggested.Register {
			if p.Kept() {
				in.Shown = append(in.Shown, p.Name)
			}
		}
		if src.Watching != nil {
			in.Watch = src.Watching.List(src.Suggested.Register, rec.Subject.Names(), src.Rules.People)
		} else {
			in.Watch = Watch(src.Suggested, src.Decisions, rec.Subject.Names(), src.Rules.People)
		}
		in.SpreadWatched = src.AsSuggested
	}
	for _, pr := range src.Problems {
		in.Unreadable = append(in.Unreadable, bundle.Unreadable{Description: FileDescription(pr.Location, pr.Path), Reason: pr.Reason})
	}
	return in, nil
}

// dropUnknown leaves out redactions of documents not in the bundle (a
// staged release of some documents), in a copy when there are any.
func dropUnknown(rs []record.Redaction, docs map[string]*record.Document) []record.Redaction {
	for i, r := range rs {
		if docs[r.DocID] == nil {
			out := append([]record.Redaction(nil), rs[:i]...)
			for _, r := range rs[i:] {
				if docs[r.DocID] != nil {
					out = append(out, r)
				}
			}
			return out
		}
	}
	return rs
}

// Watch lists what the leak check searches the finished bundle for beyond
// the redacted strings: every form of the name of every third party in the
// register (family, carers, other children, partner staff — not the
// requester, not council staff in their role) and the text of every span
// suggestion, unless a decision covers it — a rejection with a reason or a
// disclosure legal approved, for that suggestion or, for a name form, for
// every suggestion about that person. words is the packs' person
// vocabulary (see suggest.Person.SureForms).
func Watch(res *suggest.Result, decisions []review.Decision, keep []string, words *rules.People) []bundle.Watched {
	bySug := map[string]review.Decision{}
	for _, d := range decisions {
		if d.SuggestionID != "" {
			bySug[d.SuggestionID] = d
		}
	}
	covered := func(id string) bool {
		d, ok := bySug[id]
		return ok && covers(d)
	}
	// A person is released by decision when every suggestion about them
	// that was decided at all was released, and at least one was.
	released := map[string]bool{}
	withheld := map[string]bool{}
	for _, s := range res.Suggestions {
		if s.PersonKey == "" {
			continue
		}
		if covered(s.ID) {
			released[s.PersonKey] = true
		} else {
			withheld[s.PersonKey] = true
		}
	}
	out := registerWatch(res.Register, func(key string) bool { return released[key] && !withheld[key] }, keep, words)
	for i := range res.Suggestions {
		if w, ok := suggestionWatch(&res.Suggestions[i]); ok && !covered(res.Suggestions[i].ID) {
			out = append(out, w)
		}
	}
	return sortWatched(out)
}

// registerWatch lists the forms of the register's third parties' names
// to watch for; released says whether decisions released a person.
func registerWatch(register []suggest.Person, released func(key string) bool, keep []string, words *rules.People) []bundle.Watched {
	// A form that is also a word of a name the bundle shows (council staff
	// in their role, someone released by decision) cannot be told apart
	// from it by searching: it is left to the suggestions.
	shown := append([]string(nil), keep...)
	for i := range register {
		p := &register[i]
		if p.Kept() || released(p.Key) {
			shown = append(shown, p.Name)
		}
	}
	var out []bundle.Watched
	for i := range register {
		p := &register[i]
		if p.Role == suggest.RoleSubject || p.Kept() || released(p.Key) {
			continue
		}
		for _, v := range p.SureForms(words) {
			if !partOfKept(v, shown) {
				out = append(out, bundle.Watched{Text: v, Label: p.Label, Why: "a form of a third party's name in the register"})
			}
		}
	}
	return out
}

// suggestionWatch is what the leak check watches for of a suggestion no
// decision covers: the text of a span.
func suggestionWatch(s *suggest.Suggestion) (bundle.Watched, bool) {
	// Withheld spans are sections: their sentences are searched for as
	// withheld text by the bundle itself, never spread as redactions.
	if s.Scope != suggest.ScopeSpan || s.Action == suggest.ActionWithhold || strings.TrimSpace(s.Text) == "" {
		return bundle.Watched{}, false
	}
	return bundle.Watched{Text: s.Text, Label: s.PersonLabel, Code: s.Code, Why: "a string a detector suggested (" + s.Category + ")"}, true
}

// sortWatched orders watched strings by text, keeping the first of equal
// texts.
func sortWatched(out []bundle.Watched) []bundle.Watched {
	sort.SliceStable(out, func(i, j int) bool { return out[i].Text < out[j].Text })
	// A text watched twice is searched for as the first (the leak check
	// keeps the first of equal strings): a name suggested ten thousand
	// times is one entry, not ten thousand.
	return slices.CompactFunc(out, func(a, b bundle.Watched) bool { return a.Text == b.Text })
}

// Watcher gathers what Watch lists when no decision has been made (the
// batch policy) from suggestions given a document at a time, in any order
// of documents: a caller that never holds every suggestion at once
// (suggest.Kept) gives each document's to Add and sets Source.Watching.
// It keeps one entry a distinct text.
type Watcher struct {
	first map[string]watchedAt
}

type watchedAt struct {
	doc, n int // where the text was first suggested: document, position
	w      bundle.Watched
}

// Add takes document doc's suggestions (record order).
func (w *Watcher) Add(doc int, sugs []suggest.Suggestion) {
	if w.first == nil {
		w.first = map[string]watchedAt{}
	}
	for n := range sugs {
		x, ok := suggestionWatch(&sugs[n])
		if !ok {
			continue
		}
		if f, seen := w.first[x.Text]; seen && (f.doc < doc || f.doc == doc && f.n < n) {
			continue
		}
		w.first[x.Text] = watchedAt{doc: doc, n: n, w: x}
	}
}

// List is Watch of the suggestions added, with no decisions.
func (w *Watcher) List(register []suggest.Person, keep []string, words *rules.People) []bundle.Watched {
	out := registerWatch(register, func(string) bool { return false }, keep, words)
	at := make([]watchedAt, 0, len(w.first))
	for _, f := range w.first {
		at = append(at, f)
	}
	// In the order the suggestions were made: the first of equal texts is
	// kept, as Watch keeps it.
	sort.Slice(at, func(i, j int) bool { return at[i].doc < at[j].doc || at[i].doc == at[j].doc && at[i].n < at[j].n })
	for _, f := range at {
		// Its own copy: the text is cut from a document's, which the
		// bundle would otherwise hold whole for it.
		f.w.Text = strings.Clone(f.w.Text)
		out = append(out, f.w)
	}
	return sortWatched(out)
}

// ApplyKept is the batch policy over a kept suggestion pass: every
// suggestion applied as suggested, a document at a time, with what the leak
// check watches for gathered as it goes (the Watcher to set as
// Source.Watching), so the record's suggestions are never all held as
// Suggestions at once (issue 16). The redactions are policy.Apply's over
// every suggestion with no decisions — Apply orders them by document id,
// then span, and drops repeats within a document, so each document's,
// taken in document id order, make the same list. The result is Source's
// Suggested: the register, and the suggestions only when documents share
// an id (never, as ingest makes them: then they are applied all at once,
// as Apply always did, and the Watcher is nil).
func ApplyKept(rec *record.Record, kept *suggest.Kept, policy review.Policy) (review.Outcome, *Watcher, *suggest.Result) {
	order := make([]int, len(rec.Documents))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return rec.Documents[order[a]].ID < rec.Documents[order[b]].ID })
	for k := 1; k < len(order); k++ {
		if rec.Documents[order[k]].ID == rec.Documents[order[k-1]].ID {
			all := kept.Result()
			return policy.Apply(all.Suggestions, nil), nil, all
		}
	}
	w := &Watcher{}
	// One redaction a suggestion, nearly always: room made once.
	reds := make([]record.Redaction, 0, kept.Len())
	for _, i := range order {
		sugs := kept.Document(i)
		w.Add(i, sugs)
		reds = append(reds, policy.Apply(sugs, nil).Redactions...)
	}
	return review.Outcome{Redactions: reds}, w, &suggest.Result{Register: kept.Register()}
}

// covers reports whether a decision releases its suggestion's text.
func covers(d review.Decision) bool {
	switch d.Kind {
	case review.Reject:
		return strings.TrimSpace(d.Reason) != ""
	case review.Disclose:
		return d.Approval == review.ApprovalApproved
	}
	return false
}

// partOfKept reports whether v is one of the requester's own names (or a
// word of one): theirs to see.
func partOfKept(v string, keep []string) bool {
	lv := strings.ToLower(strings.TrimSpace(v))
	for _, k := range keep {
		lk := strings.ToLower(k)
		if lk == lv {
			return true
		}
		for _, w := range strings.Fields(lk) {
			if w == lv {
				return true
			}
		}
	}
	return false
}

// LabelMeaning says who a label stands for without saying who they are.
func LabelMeaning(role string) string {
	switch role {
	case suggest.RoleFamily:
		return "a member of your family"
	case suggest.RoleOtherChild:
		return "another child mentioned in your record"
	case suggest.RoleCarer:
		return "someone who looked after you, such as a foster carer"
	case suggest.RolePartnerStaff:
		return "someone who works for another organisation, such as the police, the NHS or a school"
	}
	return "another person mentioned in your record"
}

// FileDescription names an unreadable file for the notice in the bundle:
// its name, its kind and where it was kept. The bundle removes from it
// any string redacted elsewhere (a third party's name in a file name).
func FileDescription(location, rel string) string {
	rel = strings.ReplaceAll(rel, "\\", "/")
	if location == "" {
		location, _, _ = strings.Cut(rel, "/")
	}
	ext := strings.ToUpper(strings.TrimPrefix(path.Ext(rel), "."))
	kind := "a file"
	if ext != "" && len(ext) <= 5 {
		kind = "a " + ext + " file"
	}
	return fmt.Sprintf("%q, %s from %s,", path.Base(rel), kind, bundle.LocationName(location))
}

// DefaultReference is the subject's case number, or a dated reference.
func DefaultReference(rec *record.Record, now time.Time) string {
	if n := rec.Subject.Identifiers["case_number"]; n != "" {
		return "SAR-" + n
	}
	return "SAR-" + now.Format("20060102")
}
