package suggest

import "sort"

// A street named alone (a place-role rule: no house number) says where
// something happened as often as where someone lives. In a sentence that is
// the requester's alone — its topic the requester, everyone it points at the
// requester (or the member of staff writing), and no word of where anyone
// lives — it is part of their own story and stays: "<requester> was
// arrested on <street>". Anywhere else it is taken out: a relative, a
// friend or a residence word in the sentence may make it someone's home.

// ownPlace notes text[s:e] as the requester's alone when it is.
func (st *aboutState) ownPlace(s, e int, refs []referent, topic referent) {
	c := st.c
	if len(c.places) == 0 || len(refs) == 0 {
		return
	}
	// in the requester's own writing "I" is them, and a sentence that
	// names only them is theirs wherever they stand in it ("<a place> on
	// <street> is where I feel most at peace")
	g := st.regionAt(s)
	mine := g != nil && g.author.who == subjectIdx || c.fromSubject()
	if (topic.who != subjectIdx || topic.unsure) && (topic.kind != 0 && topic.kind != refFirst || !mine) {
		return
	}
	for _, r := range refs {
		switch {
		case r.who == subjectIdx, r.kind == refFirst && mine:
		case r.kind == refFirst && r.who >= 0 && c.e.reg.people[r.who].Staff():
		default:
			return
		}
	}
	if k := sort.Search(len(c.mentions), func(k int) bool { return c.mentions[k].end > s }); k < len(c.mentions) && c.mentions[k].start < e {
		return // a third party named in it, though no referent (initials)
	}
	text, prev := c.d.Text, ""
	k := sort.Search(len(c.toks), func(i int) bool { return c.toks[i].start >= s })
	for ; k < len(c.toks) && c.toks[k].end <= e; k++ {
		w := fold(text[c.toks[k].start:c.toks[k].end])
		if st.w.residence[w] || st.w.residence[trimPossessive(w)] || prev != "" && st.w.residence[prev+" "+w] {
			return
		}
		prev = w
	}
	c.own = append(c.own, [2]int{s, e})
}

// keepOwnPlaces drops the places named alone that lie in a sentence that is
// the requester's alone.
func (c *docCtx) keepOwnPlaces() {
	if len(c.places) == 0 || len(c.own) == 0 {
		return
	}
	drop := map[int]bool{}
	for _, i := range c.places {
		sg := &c.out[i]
		k := sort.Search(len(c.own), func(k int) bool { return c.own[k][1] > sg.Start })
		if k < len(c.own) && c.own[k][0] <= sg.Start && sg.End <= c.own[k][1] {
			drop[i] = true
		}
	}
	if len(drop) == 0 {
		return
	}
	out := c.out[:0]
	for i, sg := range c.out {
		if !drop[i] {
			out = append(out, sg)
		}
	}
	c.out = out
}
