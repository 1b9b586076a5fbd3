package extract

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/disclose-sar/disclose/internal/record"
	"github.com/disclose-sar/disclose/internal/synth"
)

func TestMSG(t *testing.T) {
	needTool(t, "msgconvert", "libemail-outlook-message-perl")
	big := strings.Repeat("A long attachment line that spills past the mini stream. ", 120)
	data := synth.MSG("Ada Brackley", "ada.brackley@example.org", "Olu Tern", "olu.tern@example.org",
		"Contact arrangements", "First paragraph of the message.\n\nSecond paragraph names the pottery club.",
		time.Date(2021, 5, 6, 9, 30, 0, 0, time.UTC),
		synth.Attachment{Name: "minutes.txt", MIME: "text/plain", Data: []byte("The minutes mention the bramble hedge.")},
		synth.Attachment{Name: "long.txt", MIME: "text/plain", Data: []byte(big)})
	x := New(Options{NoOCR: true})
	defer x.Close()
	docs, errs := x.fromBytes(context.Background(), "mail/contact.msg", "", "contact.msg", data)
	if len(errs) > 0 {
		t.Fatalf("msg errors: %v", errs)
	}
	if len(docs) != 3 {
		t.Fatalf("msg gave %d documents, want the message and 2 attachments", len(docs))
	}
	m := docs[0]
	if m.Format != record.FormatEmail || m.Title != "Contact arrangements" || m.Meta["converted_from"] != "msg" {
		t.Errorf("message = format %q title %q meta %v", m.Format, m.Title, m.Meta)
	}
	if m.Email == nil || len(m.Email.From) != 1 || m.Email.From[0].Email != "ada.brackley@example.org" {
		t.Errorf("message From = %+v", m.Email)
	}
	if !strings.Contains(m.Text, "pottery club") || !m.Date.Equal(time.Date(2021, 5, 6, 9, 30, 0, 0, time.UTC)) {
		t.Errorf("message text %q date %v", m.Text, m.Date)
	}
	if m.Hash != HashBytes(data) {
		t.Errorf("message hash is not the .msg file's")
	}
	id := DocID("mail/contact.msg", "")
	for i, want := range []string{"bramble hedge", "spills past the mini stream"} {
		a := docs[i+1]
		if a.Parent != id || !strings.Contains(a.Text, want) || !strings.HasPrefix(a.Part, "attachment-") {
			t.Errorf("attachment %d: parent %q part %q, text has %q: %v", i+1, a.Parent, a.Part, want, strings.Contains(a.Text, want))
		}
	}
}

func TestMSGBad(t *testing.T) {
	needTool(t, "msgconvert", "libemail-outlook-message-perl")
	x := New(Options{NoOCR: true})
	defer x.Close()
	for _, tt := range []struct {
		name string
		data []byte
	}{
		{"not OLE", []byte("From: a@b\r\n\r\nhello")},
		{"OLE header only", append(append([]byte{}, oleMagic...), make([]byte, 600)...)},
	} {
		_, errs := x.fromBytes(context.Background(), "bad.msg", "", "bad.msg", tt.data)
		if len(errs) != 1 || !errors.Is(errs[0], ErrCorrupt) || !strings.Contains(errs[0].Error(), "bad.msg") {
			t.Errorf("%s: errors %v, want one ErrCorrupt naming the file", tt.name, errs)
		}
	}
}

func TestPST(t *testing.T) {
	needTool(t, "readpst", "pst-utils")
	data := synth.PST("Inbox",
		synth.PSTMessage{Subject: "Contact plans", Body: "The plan mentions the hazel copse.", FromName: "Ada Brackley", FromEmail: "ada.brackley@example.org", To: "Team"},
		synth.PSTMessage{Subject: "Second", Body: "Another message about the ferry.", FromName: "Olu Tern", FromEmail: "olu.tern@example.org", To: "Team"})
	x := New(Options{NoOCR: true})
	defer x.Close()
	docs, errs := x.fromBytes(context.Background(), "mail/archive.pst", "", "archive.pst", data)
	if len(errs) > 0 || len(docs) != 2 {
		t.Fatalf("%d documents, errors %v", len(docs), errs)
	}
	for i, want := range []struct{ part, subject, text, from string }{
		{"Personal Folders/Inbox/1.eml", "Contact plans", "hazel copse", "ada.brackley@example.org"},
		{"Personal Folders/Inbox/2.eml", "Second", "the ferry", "olu.tern@example.org"},
	} {
		d := docs[i]
		checkBlocks(t, d)
		if d.Part != want.part || d.Meta["folder"] != "Personal Folders/Inbox" || d.Format != record.FormatEmail || d.Title != want.subject {
			t.Errorf("message %d: part %q meta %v format %s title %q", i+1, d.Part, d.Meta, d.Format, d.Title)
		}
		if !strings.Contains(d.Text, want.text) || d.Email == nil || len(d.Email.From) != 1 || d.Email.From[0].Email != want.from {
			t.Errorf("message %d: text %q email %+v", i+1, d.Text, d.Email)
		}
	}
}

func TestPSTBad(t *testing.T) {
	needTool(t, "readpst", "pst-utils")
	x := New(Options{NoOCR: true})
	defer x.Close()
	for _, tt := range []struct {
		name string
		data []byte
	}{
		{"not a PST", []byte("hello")},
		{"header only", append([]byte("!BDN"), make([]byte, 1000)...)},
	} {
		_, errs := x.fromBytes(context.Background(), "box.pst", "", "box.pst", tt.data)
		if len(errs) != 1 || !strings.Contains(errs[0].Error(), "box.pst") {
			t.Errorf("%s: errors %v, want one naming the file", tt.name, errs)
		}
	}
}
