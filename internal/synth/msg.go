package synth

import (
	"encoding/binary"
	"fmt"
	"time"
	"unicode/utf16"
)

// Attachment is a file attached to a message.
type Attachment struct {
	Name, MIME string
	Data       []byte
}

// MSG returns an Outlook .msg (a compound file of MAPI properties, as
// MS-OXMSG lays them out) holding one message and its attachments:
// subject, plain body, sender, one To recipient, and the Internet headers
// Outlook keeps beside them.
func MSG(fromName, fromEmail, toName, toEmail, subject, body string, date time.Time, atts ...Attachment) []byte {
	headers := fmt.Sprintf("Date: %s\r\nFrom: %q <%s>\r\nTo: %q <%s>\r\nSubject: %s\r\n",
		date.Format(time.RFC1123Z), fromName, fromEmail, toName, toEmail, subject)
	root := cfbStorage("Root Entry",
		cfbStream("__properties_version1.0", msgProps(32, 1, len(atts))),
		cfbStream("__substg1.0_001A001F", utf16le("IPM.Note")),
		cfbStream("__substg1.0_0037001F", utf16le(subject)),
		cfbStream("__substg1.0_1000001F", utf16le(body)),
		cfbStream("__substg1.0_0C1A001F", utf16le(fromName)),
		cfbStream("__substg1.0_0C1F001F", utf16le(fromEmail)),
		cfbStream("__substg1.0_0E04001F", utf16le(toName)),
		cfbStream("__substg1.0_007D001F", utf16le(headers)),
		cfbStorage("__recip_version1.0_#00000000",
			cfbStream("__properties_version1.0", msgProps(8, 0, 0, [2]uint32{0x0C150003, 1})),
			cfbStream("__substg1.0_3001001F", utf16le(toName)),
			cfbStream("__substg1.0_3003001F", utf16le(toEmail)),
			cfbStream("__substg1.0_39FE001F", utf16le(toEmail)),
		),
	)
	for i, a := range atts {
		root.children = append(root.children, cfbStorage(fmt.Sprintf("__attach_version1.0_#%08X", i),
			cfbStream("__properties_version1.0", msgProps(8, 0, 0, [2]uint32{0x37050003, 1})),
			cfbStream("__substg1.0_3707001F", utf16le(a.Name)),
			cfbStream("__substg1.0_3704001F", utf16le(a.Name)),
			cfbStream("__substg1.0_370E001F", utf16le(a.MIME)),
			cfbStream("__substg1.0_37010102", a.Data),
		))
	}
	return writeCFB(root)
}

// msgProps is a property stream: a header of headerLen bytes (32 for the
// message, with the counts of recipients and attachments; 8 for a
// recipient or attachment) then fixed-size properties (tag, value).
func msgProps(headerLen, recips, atts int, props ...[2]uint32) []byte {
	b := make([]byte, headerLen, headerLen+16*len(props))
	if headerLen == 32 {
		binary.LittleEndian.PutUint32(b[8:], uint32(recips))
		binary.LittleEndian.PutUint32(b[12:], uint32(atts))
		binary.LittleEndian.PutUint32(b[16:], uint32(recips))
		binary.LittleEndian.PutUint32(b[20:], uint32(atts))
	}
	for _, p := range props {
		e := make([]byte, 16)
		binary.LittleEndian.PutUint32(e[0:], p[0])
		binary.LittleEndian.PutUint32(e[4:], 6) // readable, writable
		binary.LittleEndian.PutUint32(e[8:], p[1])
		b = append(b, e...)
	}
	return b
}

func utf16le(s string) []byte {
	u := utf16.Encode([]rune(s))
	b := make([]byte, 2*len(u))
	for i, c := range u {
		binary.LittleEndian.PutUint16(b[2*i:], c)
	}
	return b
}
