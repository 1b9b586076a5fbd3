package extract

import (
	"bytes"
	"context"
	"net/mail"
	"strings"

	"github.com/disclose-sar/disclose/internal/record"
	"github.com/jhillyerd/enmime/v2"
)

// emlParser is safe to share: enmime's Parser holds only options. A part's
// declared charset is trusted: guessing it (chardet) cost 80% of the time
// to read a message, and parts that declare none are still guessed.
var emlParser = enmime.NewParser(enmime.DisableCharacterDetection(true))

// eml reads one RFC 5322 message, the part `part` of file rel. Its text is
// the header lines a reader sees (From, To, Cc, Bcc, Date, Subject, as
// BlockField blocks labelled with the header name) then the body's
// paragraphs; an HTML-only body is turned into text. Each attachment is
// read as a document of its own by the format its name says, linked to the
// message by Parent; one that cannot be read is reported and the message
// still comes in.
func (x *Extractor) eml(ctx context.Context, rel, part string, data []byte) ([]record.Document, []error) {
	env, err := emlParser.ReadEnvelope(bytes.NewReader(data))
	if err != nil {
		return nil, []error{fileError(rel, ErrCorrupt, "%snot a readable email: %s", partPrefix(part), emlProblem(err))}
	}
	doc := record.Document{Format: record.FormatEmail, Type: "email"}
	em := &record.Email{
		Subject:    oneLine(env.GetHeader("Subject")),
		MessageID:  strings.TrimSpace(env.GetHeader("Message-ID")),
		InReplyTo:  strings.TrimSpace(env.GetHeader("In-Reply-To")),
		References: strings.Fields(env.GetHeader("References")),
	}
	var b textBuilder
	headers := 0
	for _, h := range []struct {
		name string
		list *[]record.Address
	}{{"From", &em.From}, {"To", &em.To}, {"Cc", &em.Cc}, {"Bcc", nil}, {"Date", nil}, {"Subject", nil}} {
		raw := oneLine(env.GetHeader(h.name))
		if raw == "" {
			continue
		}
		headers++
		shown := raw
		if h.list != nil {
			if addrs, err := env.AddressList(h.name); err == nil && len(addrs) > 0 {
				*h.list = convertAddresses(addrs)
				shown = formatAddresses(*h.list)
			}
		}
		b.add(record.BlockField, 0, h.name, h.name+": "+shown)
	}
	if t, err := env.Date(); err == nil {
		doc.Date = t // in the sender's zone: its calendar day is the one they wrote on
	}
	// A body not valid UTF-8 after enmime's conversion is read as
	// Windows-1252, as a text file would be.
	body, _, _ := decodeText([]byte(env.Text))
	addParagraphs(&b, body, false, false)
	if headers == 0 && strings.TrimSpace(body) == "" && len(env.Attachments) == 0 {
		return nil, []error{fileError(rel, ErrCorrupt, "%sno email headers or body", partPrefix(part))}
	}
	b.fill(&doc)
	doc.Email = em
	doc.Title = clipTitle(em.Subject)
	if len(em.From) > 0 {
		doc.Author = em.From[0].Name
		if doc.Author == "" {
			doc.Author = em.From[0].Email
		}
	}
	var files []childFile
	for i, a := range emailAttachments(env) {
		files = append(files, childFile{name: attachmentName(a, i+1), data: a.Content})
	}
	children, errs := x.readChildren(ctx, rel, part, &doc, files)
	return append([]record.Document{doc}, children...), errs
}

// emlProblem names what is wrong with a message without enmime's text: its
// errors quote the offending line ("malformed MIME header initial line:
// <the line>"), which is the message's own content.
func emlProblem(err error) string {
	msg := err.Error()
	switch {
	case strings.Contains(msg, "malformed MIME header"):
		return "a header line is malformed (is it an email?)"
	case strings.Contains(msg, "boundary"):
		return "a MIME part boundary is missing or broken"
	case strings.Contains(msg, "too large"):
		return "a header is too large"
	case strings.Contains(msg, "EOF"):
		return "the message ends early"
	}
	return "the MIME structure cannot be parsed"
}

// emailAttachments lists the parts that carry a file: attachments, and
// inline parts with a file name (pictures and documents shown in the body
// are part of the record too).
func emailAttachments(env *enmime.Envelope) []*enmime.Part {
	out := append([]*enmime.Part(nil), env.Attachments...)
	for _, p := range append(append([]*enmime.Part(nil), env.Inlines...), env.OtherParts...) {
		if p.FileName != "" || p.ContentType == "message/rfc822" {
			out = append(out, p)
		}
	}
	return out
}

// attachmentName is the attachment's file name made safe as a part name
// (no slashes), or one made from its content type.
func attachmentName(p *enmime.Part, n int) string {
	ext := map[string]string{
		"message/rfc822": ".eml", "text/plain": ".txt", "application/pdf": ".pdf",
		"application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
		"image/png": ".png", "image/jpeg": ".jpg", "image/tiff": ".tif", "text/csv": ".csv",
	}[strings.ToLower(p.ContentType)]
	if ext == "" {
		ext = ".bin"
	}
	return safeName(p.FileName, n, ext)
}

func convertAddresses(in []*mail.Address) []record.Address {
	out := make([]record.Address, 0, len(in))
	for _, a := range in {
		out = append(out, record.Address{Name: oneLine(a.Name), Email: strings.TrimSpace(a.Address)})
	}
	return out
}

// formatAddresses writes addresses as a mail program shows them:
// "Name <addr>, addr".
func formatAddresses(as []record.Address) string {
	var sb strings.Builder
	for i, a := range as {
		if i > 0 {
			sb.WriteString(", ")
		}
		if a.Name != "" {
			sb.WriteString(a.Name)
			sb.WriteString(" <")
			sb.WriteString(a.Email)
			sb.WriteByte('>')
		} else {
			sb.WriteString(a.Email)
		}
	}
	return sb.String()
}

// oneLine collapses white space (folded header lines) to single spaces.
func oneLine(s string) string {
	return strings.Join(strings.Fields(strings.ToValidUTF8(s, "\uFFFD")), " ")
}

func partPrefix(part string) string {
	if part == "" {
		return ""
	}
	return part + ": "
}
