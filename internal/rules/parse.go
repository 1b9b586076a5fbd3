package rules

import (
	"fmt"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"
)

var ruleKeys = map[string]bool{
	"id": true, "category": true, "code": true, "explanation": true, "action": true,
	"scope": true, "confidence": true, "detector": true, "examples": true,
}

var detectorKeys = map[string]bool{
	"kind": true, "pattern": true, "flags": true, "keywords": true, "validator": true,
	"group": true, "bounded": true, "context": true, "window": true, "roles": true,
	"other_councils": true, "needs": true, "near": true, "role": true, "limit": true,
}

// Detector roles: what a regex rule's matches are, for the detectors that
// do more with them than suggest the span. A pack names them; Go never
// picks a rule by its id.
const (
	RoleAddress     = "address"       // an address line: letters' address blocks are built from it
	RoleDateOfBirth = "date_of_birth" // a date of birth: never the requester's own
	// RolePlace: a place named alone (a street with no number), where
	// something happened as often as where someone lives; in a sentence
	// that is the requester's alone it stays.
	RolePlace = "place"
)

var detectorRoles = map[string]bool{RoleAddress: true, RoleDateOfBirth: true, RolePlace: true}

var scopes = map[string]bool{ScopeMatch: true, ScopeSentence: true, ScopeBlock: true, ScopeSection: true, ScopeDocument: true}

// parseRule reads, compiles and checks one rule; nil when it is unusable.
func (p *parser) parseRule(n *yaml.Node) *Rule {
	f := p.mapping(n, "rule", ruleKeys)
	if f == nil {
		return nil
	}
	r := &Rule{File: p.file, Line: n.Line, Scope: ScopeMatch, Confidence: 0.8}
	r.ID = p.str(f["id"], "id")
	if v := f["id"]; v != nil {
		r.Line = v.Line
	}
	what := fmt.Sprintf("rule %q", r.ID)
	for _, k := range []string{"id", "category", "code", "explanation", "action", "detector"} {
		if _, ok := f[k]; !ok {
			p.errf(n.Line, "%s: missing %q", what, k)
		}
	}
	r.Category = p.str(f["category"], "category")
	r.Code = p.str(f["code"], "code")
	r.Explanation = p.str(f["explanation"], "explanation")
	r.Action = p.str(f["action"], "action")
	if v := f["action"]; v != nil && r.Action != ActionRedact && r.Action != ActionWithhold && r.Action != ActionFlag {
		p.errf(v.Line, "%s: unknown action %q (want redact, withhold or flag)", what, r.Action)
	}
	if v := f["scope"]; v != nil {
		r.Scope = p.str(v, "scope")
		if !scopes[r.Scope] {
			p.errf(v.Line, "%s: unknown scope %q", what, r.Scope)
		}
	}
	if v := f["confidence"]; v != nil {
		if p.decode(v, "confidence", &r.Confidence) && (r.Confidence <= 0 || r.Confidence > 1) {
			p.errf(v.Line, "%s: confidence %v outside (0, 1]", what, r.Confidence)
		}
	}
	n0 := len(p.errs)
	if v := f["detector"]; v != nil {
		p.parseDetector(v, what, &r.Detector)
	}
	if v := f["examples"]; v != nil {
		ef := p.mapping(v, "examples", map[string]bool{"should_match": true, "should_not_match": true})
		if ef != nil {
			r.Examples.ShouldMatch = p.strs(ef["should_match"], "should_match")
			r.Examples.ShouldNotMatch = p.strs(ef["should_not_match"], "should_not_match")
		}
		if len(p.errs) == n0 {
			p.checkExamples(r, v)
		}
	} else if r.Detector.re != nil {
		p.errf(n.Line, "%s: missing \"examples\" (should_match / should_not_match are run at load)", what)
	}
	return r
}

func (p *parser) parseDetector(n *yaml.Node, what string, d *Detector) {
	f := p.mapping(n, what+" detector", detectorKeys)
	if f == nil {
		return
	}
	d.Kind = p.str(f["kind"], "kind")
	if v := f["kind"]; v == nil {
		p.errf(n.Line, "%s: detector: missing \"kind\"", what)
		return
	} else if !kinds[d.Kind] {
		p.errf(v.Line, "%s: unknown detector kind %q", what, d.Kind)
		return
	}
	d.Pattern = p.str(f["pattern"], "pattern")
	d.Flags = p.str(f["flags"], "flags")
	d.Keywords = p.strs(f["keywords"], "keywords")
	d.Validator = p.str(f["validator"], "validator")
	d.Roles = p.strs(f["roles"], "roles")
	p.decode(f["group"], "group", &d.Group)
	p.decode(f["bounded"], "bounded", &d.Bounded)
	p.decode(f["window"], "window", &d.Window)
	p.decode(f["other_councils"], "other_councils", &d.OtherCouncils)
	d.Needs = p.str(f["needs"], "needs")
	p.decode(f["near"], "near", &d.Near)
	d.Role = p.str(f["role"], "role")
	p.decode(f["limit"], "limit", &d.Limit)
	if d.Kind == KindAboutPerson && len(d.Roles) == 0 {
		p.errf(n.Line, "%s: detector %s needs roles (the register roles it covers)", what, d.Kind)
	}
	if d.Kind == KindFindingLimit && d.Limit <= 0 {
		p.errf(n.Line, "%s: detector %s needs a limit above 0", what, d.Kind)
	}
	if v := f["role"]; v != nil && !detectorRoles[d.Role] {
		p.errf(v.Line, "%s: role %q: want %q, %q or %q", what, d.Role, RoleAddress, RoleDateOfBirth, RolePlace)
	}
	if v := f["needs"]; v != nil && d.Needs != "digit" && len(d.Needs) != 1 && !needWords(d.Needs) {
		p.errf(v.Line, "%s: needs %q: want \"digit\", one character or words joined by |", what, d.Needs)
	}
	if v := f["context"]; v != nil {
		cf := p.mapping(v, "context", map[string]bool{"words": true, "window": true})
		if cf != nil {
			d.Context = &Context{Words: p.strs(cf["words"], "words"), Window: 60}
			p.decode(cf["window"], "window", &d.Context.Window)
			for i, w := range d.Context.Words {
				d.Context.Words[i] = strings.ToLower(w)
			}
			if len(d.Context.Words) == 0 {
				p.errf(v.Line, "%s: context needs words", what)
			}
		}
	}
	if d.Validator != "" {
		if _, ok := Validators[d.Validator]; !ok {
			p.errf(f["validator"].Line, "%s: unknown validator %q", what, d.Validator)
		}
	}
	for _, c := range d.Flags {
		if !strings.ContainsRune("ims", c) {
			p.errf(f["flags"].Line, "%s: unknown regex flag %q (want i, m or s)", what, c)
		}
	}
	switch d.Kind {
	case KindRegex, KindDocMarker, KindSectionMarker, KindSenderDomain, KindFolder:
		if d.Pattern == "" {
			p.errf(n.Line, "%s: detector %s needs a pattern", what, d.Kind)
			return
		}
		src := d.Pattern
		if d.Flags != "" {
			src = "(?" + d.Flags + ")" + src
		}
		re, err := regexp.Compile(src)
		if err != nil {
			p.errf(f["pattern"].Line, "%s: bad pattern: %v", what, err)
			return
		}
		if d.Group > re.NumSubexp() {
			p.errf(f["group"].Line, "%s: group %d but the pattern has %d", what, d.Group, re.NumSubexp())
			return
		}
		d.re = re
		d.minDigits = minDigits(src)
		if startsAtLine(src) {
			d.lineRe = regexp.MustCompile(`\A(?:` + src + `)`)
		}
	case KindKeywords, KindPersonContext, KindReportedSpeech, KindAbout, KindThirdPartyMessage:
		if len(d.Keywords) == 0 {
			p.errf(n.Line, "%s: detector %s needs keywords", what, d.Kind)
			return
		}
		d.re = keywordRegexp(d.Keywords)
	}
}

// keywordRegexp compiles a keyword list to one case-insensitive,
// whole-word alternation (Go's regexp runs in linear time, so a long text
// cannot blow up). The last word may carry an inflection ("conviction"
// finds "convictions", "arrest" finds "arrested"); a keyword starting with
// "-" is a word ending ("-azepam" finds "diazepam"). Package suggest
// matches the same way with its stemmer.
func keywordRegexp(words []string) *regexp.Regexp {
	alts := make([]string, len(words))
	for i, w := range words {
		if suf, ok := strings.CutPrefix(w, "-"); ok && !strings.ContainsAny(suf, " \t") {
			alts[i] = `[a-z]+` + regexp.QuoteMeta(suf) + `s?`
			continue
		}
		parts := strings.Fields(w)
		for j, part := range parts {
			parts[j] = regexp.QuoteMeta(part)
		}
		alts[i] = strings.Join(parts, `\s+`) + `(?:s|es|d|ed|ing|'s)?`
	}
	return regexp.MustCompile(`(?i)\b(?:` + strings.Join(alts, "|") + `)\b`)
}

// checkExamples runs every example through the rule's own detector.
func (p *parser) checkExamples(r *Rule, n *yaml.Node) {
	if r.Detector.re == nil {
		return
	}
	for _, ex := range r.Examples.ShouldMatch {
		if r.Detector.Needs != "" && NeedIndex(ex, r.Detector.Needs) < 0 {
			p.errf(n.Line, "rule %q: example %q lacks what the detector needs (%s)", r.ID, ex, r.Detector.Needs)
		}
		if !r.Detector.Matches(ex) {
			p.errf(n.Line, "rule %q: example %q should match but does not", r.ID, ex)
		}
	}
	for _, ex := range r.Examples.ShouldNotMatch {
		if r.Detector.Matches(ex) {
			p.errf(n.Line, "rule %q: example %q should not match but does", r.ID, ex)
		}
	}
}
