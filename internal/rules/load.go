package rules

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"sort"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	redactionrules "github.com/disclose-sar/disclose/redaction-rules"
)

// Default loads the packs embedded in the binary.
func Default() (*Set, error) { return Load(redactionrules.FS) }

// LoadDir loads every *.yaml pack in dir, replacing the embedded packs.
func LoadDir(dir string) (*Set, error) {
	st, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("rules: %w", err)
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("rules: %s is not a directory", dir)
	}
	return Load(os.DirFS(dir))
}

// Load reads, validates and compiles every *.yaml file at the top of fsys.
// It returns Errors listing every problem with its file and line.
func Load(fsys fs.FS) (*Set, error) {
	names, err := fs.Glob(fsys, "*.yaml")
	if err != nil {
		return nil, fmt.Errorf("rules: %w", err)
	}
	yml, _ := fs.Glob(fsys, "*.yml")
	names = append(names, yml...)
	sort.Strings(names)
	if len(names) == 0 {
		return nil, fmt.Errorf("rules: no *.yaml rule packs found")
	}
	set := &Set{Codes: map[string]Code{}, Lists: map[string][]string{}, byID: map[string]*Rule{}}
	var errs Errors
	codeLine := map[string]string{}
	listLine := map[string]string{}
	listAt := map[string]Error{}
	for _, name := range names {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("rules: %w", err)
		}
		p := &parser{file: path.Base(name)}
		p.parseFile(b)
		for _, c := range p.codes {
			if where, dup := codeLine[c.code.Code]; dup {
				p.errf(c.line, "code %q already defined at %s", c.code.Code, where)
				continue
			}
			codeLine[c.code.Code] = fmt.Sprintf("%s:%d", p.file, c.line)
			set.Codes[c.code.Code] = c.code
		}
		for i := range p.lists {
			l := &p.lists[i]
			if l.file != "" {
				l.entries = p.readListFile(fsys, l)
				if len(l.entries) == 0 {
					continue
				}
			}
			if where, dup := listLine[l.name]; dup {
				p.errf(l.line, "list %q already defined at %s", l.name, where)
				continue
			}
			listLine[l.name] = fmt.Sprintf("%s:%d", p.file, l.line)
			listAt[l.name] = Error{File: p.file, Line: l.line}
			set.Lists[l.name] = l.entries
		}
		for _, r := range p.rules {
			if prev, dup := set.byID[r.ID]; dup {
				p.errf(r.Line, "rule id %q already used at %s:%d", r.ID, prev.File, prev.Line)
				continue
			}
			set.byID[r.ID] = r
			set.Rules = append(set.Rules, r)
		}
		errs = append(errs, p.errs...)
	}
	errs = append(errs, set.compileAgencies(listAt)...)
	errs = append(errs, set.compilePeople(listAt)...)
	for _, r := range set.Rules {
		if _, ok := set.Codes[r.Code]; !ok && r.Code != "" {
			errs = append(errs, &Error{r.File, r.Line, fmt.Sprintf("rule %q: unknown code %q (define it in a codes section)", r.ID, r.Code)})
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return set, nil
}

type lineCode struct {
	code Code
	line int
}

type lineList struct {
	name    string
	entries []string
	line    int
	file    string // the entries are this data file's lines (list: {file: name.txt})
}

// parser walks one file's yaml.Node tree so every error carries a line.
type parser struct {
	file  string
	errs  Errors
	rules []*Rule
	codes []lineCode
	lists []lineList
}

func (p *parser) errf(line int, format string, args ...any) {
	p.errs = append(p.errs, &Error{File: p.file, Line: line, Msg: fmt.Sprintf(format, args...)})
}

func (p *parser) parseFile(b []byte) {
	var doc yaml.Node
	if err := yaml.Unmarshal(b, &doc); err != nil {
		line, msg := 1, err.Error()
		if _, err2 := fmt.Sscanf(msg, "yaml: line %d:", &line); err2 != nil {
			line = 1
		}
		p.errf(line, "not valid YAML: %s", strings.TrimPrefix(msg, "yaml: "))
		return
	}
	if len(doc.Content) == 0 {
		p.errf(1, "empty rule pack")
		return
	}
	root := doc.Content[0]
	fields := p.mapping(root, "pack", map[string]bool{"pack": true, "description": true, "rules": true, "codes": true, "lists": true})
	if fields == nil {
		return
	}
	if _, ok := fields["pack"]; !ok {
		p.errf(root.Line, "missing key \"pack\"")
	}
	if n, ok := fields["codes"]; ok {
		for _, c := range p.seq(n, "codes") {
			p.parseCode(c)
		}
	}
	if n, ok := fields["lists"]; ok {
		p.parseLists(n)
	}
	if n, ok := fields["rules"]; ok {
		for _, r := range p.seq(n, "rules") {
			if rule := p.parseRule(r); rule != nil {
				p.rules = append(p.rules, rule)
			}
		}
	}
}

// mapping checks n is a mapping whose keys are all allowed and unique, and
// returns the value nodes by key.
func (p *parser) mapping(n *yaml.Node, what string, allowed map[string]bool) map[string]*yaml.Node {
	if n.Kind != yaml.MappingNode {
		p.errf(n.Line, "%s: want a mapping of keys", what)
		return nil
	}
	out := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if !allowed[k.Value] {
			p.errf(k.Line, "%s: unknown key %q", what, k.Value)
			continue
		}
		if _, dup := out[k.Value]; dup {
			p.errf(k.Line, "%s: key %q given twice", what, k.Value)
			continue
		}
		out[k.Value] = v
	}
	return out
}

func (p *parser) seq(n *yaml.Node, what string) []*yaml.Node {
	if n.Kind != yaml.SequenceNode {
		p.errf(n.Line, "%s: want a list", what)
		return nil
	}
	return n.Content
}

func (p *parser) str(n *yaml.Node, what string) string {
	if n == nil {
		return ""
	}
	if n.Kind != yaml.ScalarNode {
		p.errf(n.Line, "%s: want a string", what)
		return ""
	}
	return strings.TrimSpace(n.Value)
}

func (p *parser) strs(n *yaml.Node, what string) []string {
	if n == nil {
		return nil
	}
	var out []string
	for _, c := range p.seq(n, what) {
		if s := p.str(c, what); s != "" {
			out = append(out, s)
		} else {
			p.errf(c.Line, "%s: empty entry", what)
		}
	}
	return out
}

func (p *parser) decode(n *yaml.Node, what string, v any) bool {
	if n == nil {
		return true
	}
	if err := n.Decode(v); err != nil {
		p.errf(n.Line, "%s: %v", what, err)
		return false
	}
	return true
}

func (p *parser) parseCode(n *yaml.Node) {
	f := p.mapping(n, "code", map[string]bool{"code": true, "title": true, "law": true, "plain": true, "approval": true})
	if f == nil {
		return
	}
	c := Code{Code: p.str(f["code"], "code"), Title: p.str(f["title"], "title"), Law: p.str(f["law"], "law"), Plain: p.str(f["plain"], "plain")}
	// Without an approval list every decision under the code needs legal
	// sign-off: a pack that forgets to say errs on the side of a second person.
	c.Approval = []string{ApproveWithhold, ApproveDisclose}
	if a, ok := f["approval"]; ok {
		c.Approval = []string{}
		for _, v := range p.strs(a, "approval") {
			if v != ApproveWithhold && v != ApproveDisclose {
				p.errf(a.Line, "code %q: approval %q is neither %q nor %q", c.Code, v, ApproveWithhold, ApproveDisclose)
				continue
			}
			c.Approval = append(c.Approval, v)
		}
	}
	for _, k := range []string{"code", "title", "law", "plain"} {
		if v, ok := f[k]; !ok || strings.TrimSpace(v.Value) == "" {
			p.errf(n.Line, "code %q: missing %q", c.Code, k)
		}
	}
	if c.Code != "" {
		p.codes = append(p.codes, lineCode{c, n.Line})
	}
}

// readListFile reads the data file a list names: one entry a line, blank
// lines and lines starting with # left out. A missing or empty file is an
// error on the list's line.
func (p *parser) readListFile(fsys fs.FS, l *lineList) []string {
	b, err := fs.ReadFile(fsys, l.file)
	if err != nil {
		p.errf(l.line, "list %q: cannot read its file %s: %v", l.name, l.file, errors.Unwrap(err))
		return nil
	}
	if !utf8.Valid(b) {
		p.errf(l.line, "list %q: its file %s is not UTF-8 text", l.name, l.file)
		return nil
	}
	var out []string
	for _, line := range strings.Split(string(b), "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			out = append(out, line)
		}
	}
	if len(out) == 0 {
		p.errf(l.line, "list %q: its file %s has no entries", l.name, l.file)
	}
	return out
}

// parseLists reads a pack's word lists: a mapping of list name to a list
// of non-empty strings, or to {file: name.txt}, a data file beside the
// pack with one entry a line (for lists of thousands of words). Detectors read them by name (Set.List); a council's
// packs can replace any of them.
func (p *parser) parseLists(n *yaml.Node) {
	if n.Kind != yaml.MappingNode {
		p.errf(n.Line, "lists: want a mapping of list name to entries")
		return
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		name := strings.TrimSpace(k.Value)
		if name == "" || seen[name] {
			p.errf(k.Line, "lists: empty or repeated list name %q", name)
			continue
		}
		seen[name] = true
		if v.Kind == yaml.MappingNode {
			f := p.mapping(v, "list "+name, map[string]bool{"file": true})
			if f == nil || f["file"] == nil {
				p.errf(v.Line, "list %q: want a list of entries or {file: name.txt}", name)
				continue
			}
			file := strings.TrimSpace(p.str(f["file"], "list "+name+": file"))
			if file == "" || file != path.Base(file) || strings.HasPrefix(file, ".") {
				p.errf(v.Line, "list %q: file: want the name of a data file beside the pack, got %q", name, file)
				continue
			}
			p.lists = append(p.lists, lineList{name: name, line: k.Line, file: file})
			continue
		}
		entries := p.strs(v, "list "+name)
		if len(entries) == 0 {
			p.errf(k.Line, "list %q has no entries", name)
			continue
		}
		p.lists = append(p.lists, lineList{name: name, entries: entries, line: k.Line})
	}
}
