package service

import "testing"

func TestCleanNames(t *testing.T) {
	files := []struct{ in, want string }{
		{"visit.txt", "visit.txt"},
		{"../../etc/passwd.txt", "passwd.txt"},
		{`C:\Users\me\Desktop\letter 1.docx`, "letter 1.docx"},
		{".bashrc.txt", "bashrc.txt"},
		{"..", ""},
		{".pdf", "file.pdf"},
		{"report\x00\n name?.pdf", "report name_.pdf"},
		{"Zoë's notes (final).txt", "Zoë's notes (final).txt"},
		{"a<b>|c:d*e.csv", "a_b__c_d_e.csv"},
		{string(make([]byte, 300)) + ".pdf", "file.pdf"},
	}
	for _, tt := range files {
		if got := cleanFileName(tt.in); got != tt.want {
			t.Errorf("cleanFileName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	long := cleanFileName(string(make([]rune, 200, 200)) + "ééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééé.pdf")
	if len(long) > 120 {
		t.Errorf("cleanFileName of a long name = %d bytes, want at most 120", len(long))
	}
	locs := []struct{ in, want string }{
		{"Archive box 4", "Archive box 4"},
		{"../../etc", "etc"},
		{"subject.json", "subject_json"},
		{"  --  ", ""},
		{"Mailbox: J. Smith's", "Mailbox_ J_ Smith_s"},
	}
	for _, tt := range locs {
		if got := cleanLocation(tt.in); got != tt.want {
			t.Errorf("cleanLocation(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCheckType(t *testing.T) {
	tests := []struct {
		name string
		head string
		ok   bool
	}{
		{"a.pdf", "%PDF-1.7\n", true},
		{"a.pdf", "hello", false},
		{"a.docx", "PK\x03\x04\x14\x00", true},
		{"a.docx", "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", false}, // an old .doc renamed
		{"a.png", "\x89PNG\r\n\x1a\n", true},
		{"a.jpg", "\xff\xd8\xff\xe0", true},
		{"a.tiff", "II*\x00", true},
		{"a.tif", "%PDF-", false},
		{"a.csv", "name,date\nx,y\n", true},
		{"a.eml", "From: a@b\r\nSubject: x\r\n\r\nhi", true},
		{"a.txt", "\x00\x01\x02binary", false},
		{"a.doc", "\xd0\xcf\x11\xe0", false},
		{"a.doc", "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00", true},
		{"a.xls", "PK\x03\x04", false},
		{"a.xlsx", "PK\x03\x04\x14\x00", true},
		{"a.odt", "PK\x03\x04\x14\x00", true},
		{"a.rtf", "{\\rtf1\\ansi", true},
		{"a.rtf", "plain text", false},
		{"a.pptx", "PK\x03\x04\x14\x00", true},
		{"a.zip", "PK\x03\x04\x14\x00", true},
		{"a.zip", "Rar!\x1a\x07", false},
		{"a.msg", "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00", true},
		{"a.msg", "From: a@b\r\n", false},
		{"a.pst", "!BDN\x00\x00", true},
		{"a.ost", "PK\x03\x04", false},
		{"noext", "text", false},
	}
	for _, tt := range tests {
		if err := checkType(tt.name, []byte(tt.head)); (err == nil) != tt.ok {
			t.Errorf("checkType(%q, %q) = %v, want ok=%v", tt.name, tt.head, err, tt.ok)
		}
	}
}
