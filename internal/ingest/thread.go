package ingest

import (
	"regexp"
	"sort"
	"strings"

	"github.com/disclose-sar/disclose/internal/extract"
)

// minQuotedBody is the shortest normalised body (bytes) that can be found
// "quoted whole" in a reply; shorter ones ("Thanks") would match anything.
const minQuotedBody = 40

// replyPrefix matches reply and forward markers at the start of a subject,
// repeated ("RE: Fwd: Re[2]:").
var replyPrefix = regexp.MustCompile(`^(?i)\s*((re|fw|fwd|aw|sv|wg)(\[\d+\])?\s*:\s*)+`)

// threadSubject is a subject with reply/forward markers removed, folded.
func threadSubject(s string) string {
	return extract.NormaliseText(replyPrefix.ReplaceAllString(s, ""))
}

// threads finds emails of one conversation — linked by In-Reply-To and
// References, or sharing a subject once "Re:"/"FW:" are removed — and marks a
// message whose whole body appears (quoted) in a later message as a copy of
// the fullest message quoting it, so each thread is disclosed once, whole.
func (d *dedup) threads() {
	u := newKeyUnion()
	var msgs []int
	for i := range d.docs {
		doc := &d.docs[i]
		if doc.Email == nil || d.find(i) != i || !hasText(doc) {
			continue
		}
		msgs = append(msgs, i)
		self := "doc:" + doc.ID
		if id := normID(doc.Email.MessageID); id != "" {
			u.union(self, "id:"+id)
		}
		if id := normID(doc.Email.InReplyTo); id != "" {
			u.union(self, "id:"+id)
		}
		for _, r := range doc.Email.References {
			if id := normID(r); id != "" {
				u.union(self, "id:"+id)
			}
		}
		if s := threadSubject(doc.Email.Subject); s != "" {
			u.union(self, "subject:"+s)
		}
	}
	groups := map[string][]int{}
	var keys []string
	for _, i := range msgs {
		k := u.find("doc:" + d.docs[i].ID)
		if groups[k] == nil {
			keys = append(keys, k)
		}
		groups[k] = append(groups[k], i)
	}
	for _, k := range keys {
		d.thread(groups[k])
	}
}

// thread marks each message of one conversation contained in a fuller one.
func (d *dedup) thread(g []int) {
	if len(g) < 2 {
		return
	}
	bodies := make([]string, len(g))
	texts := make([]string, len(g))
	for n, i := range g {
		bodies[n] = extract.NormaliseText(unquote(body(&d.docs[i])))
		texts[n] = extract.NormaliseText(unquote(d.docs[i].Text))
	}
	// The fullest containing message wins, so try the longest first.
	order := make([]int, len(g))
	for n := range order {
		order[n] = n
	}
	sort.SliceStable(order, func(a, b int) bool { return len(texts[order[a]]) > len(texts[order[b]]) })
	for n, i := range g {
		if len(bodies[n]) < minQuotedBody {
			continue
		}
		for _, m := range order {
			j := g[m]
			if m == n || len(texts[m]) <= len(texts[n]) {
				continue
			}
			if !d.docs[j].Date.IsZero() && !d.docs[i].Date.IsZero() && d.docs[j].Date.Before(d.docs[i].Date) {
				continue // a message cannot quote a later one
			}
			if strings.Contains(texts[m], bodies[n]) {
				d.drop(i, j, "earlier message of a thread, quoted whole in a later reply")
				break
			}
		}
	}
}

// unquote removes quote markers ("> ", ">> ") from the start of lines so a
// quoted message reads as its original.
func unquote(s string) string {
	if !strings.Contains(s, ">") {
		return s
	}
	lines := strings.Split(s, "\n")
	for k, l := range lines {
		t := strings.TrimLeft(l, " \t")
		if strings.HasPrefix(t, ">") {
			lines[k] = strings.TrimLeft(t, "> \t")
		}
	}
	return strings.Join(lines, "\n")
}

// keyUnion is a union-find over string keys.
type keyUnion struct{ parent map[string]string }

func newKeyUnion() *keyUnion { return &keyUnion{parent: map[string]string{}} }

func (u *keyUnion) find(k string) string {
	p, ok := u.parent[k]
	if !ok {
		u.parent[k] = k
		return k
	}
	if p == k {
		return k
	}
	r := u.find(p)
	u.parent[k] = r
	return r
}

func (u *keyUnion) union(a, b string) {
	ra, rb := u.find(a), u.find(b)
	if ra != rb {
		u.parent[ra] = rb
	}
}
