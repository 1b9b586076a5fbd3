package bundle

// defaultRetention is how long a children's social care record is kept when
// the council has not said (Council.Retention): the records of a child who
// was looked after are kept until their 75th birthday (Care Planning,
// Placement and Case Review (England) Regulations 2010 reg. 50; similar
// rules in Wales, Scotland and Northern Ireland).
const defaultRetention = "We keep the social care records of a child who was looked after until their 75th birthday (or for 15 years after their death, if that is sooner). Other children's social care records are kept for a shorter time, usually until the child's 25th birthday. After that they are securely destroyed."

// about writes "About your information": what UK GDPR Article 15(1)(a)–(h)
// says a requester must be told besides the copy itself, in plain words.
func (b *builder) about() {
	w, c := b.w, b.opts.Council
	w.newPage()
	w.pdf.Bookmark("About your information", 0, w.y)
	b.aboutPage = w.pdf.PageNo()
	w.lines("About your information", true, w.size*1.3)
	w.lines("The law (UK GDPR Article 15) says we must tell you these things as well as giving you a copy.", false, w.size)
	w.gap(0.5)
	retention := c.Retention
	if retention == "" {
		retention = defaultRetention
	}
	sections := []struct{ head, body string }{
		{"Why we have it", "We hold this information to provide children's social care: to keep children safe, to look after children in our care, to plan and review your care and support, to help you when you left care, and to meet our legal duties (for example under the Children Act 1989, the Children (Leaving Care) Act 2000 and their equivalents in Wales, Scotland and Northern Ireland)."},
		{"What kinds of information", "Your name, date of birth, addresses and contact details; details about your family and the people important to you; records of visits, meetings, reviews, plans and decisions; information about your health, education and wellbeing; and court papers about you."},
		{"Who we share it with", "When the law allows or requires it, we share information with other people who work with you or make decisions about you: health services, schools and colleges, the police, courts and the children's guardian, independent reviewing officers, foster carers and the people who run your placement, and other councils if you move."},
		{"How long we keep it", retention},
		{"Your other rights", "You can ask us to correct information that is wrong or incomplete. In some cases you can ask us to delete information, to limit how we use it, or object to how we use it. Ask us and we will explain what applies to your records."},
		{"Where it came from", "Most of your record was written by our staff. Some of it came from you and your family, and some from other organisations, such as schools, doctors, hospitals, the police and the courts. The notices in this pack say where information came from another organisation."},
		{"Decisions made by computer", "We do not make decisions about you by computer alone, and we do not use your information for automated profiling."},
		{"If you want to complain", "Please tell us first and we will look at it again. You also have the right to complain to the " + icoAddress + "; website " + icoWeb + "; helpline " + icoPhone + "."},
	}
	for _, s := range sections {
		w.lines(s.head, true, w.size*1.05)
		w.lines(s.body, false, w.size)
		w.gap(0.5)
	}
}
