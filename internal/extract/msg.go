package extract

import (
	"bytes"
	"context"

	"github.com/disclose-sar/disclose/internal/record"
)

// msg reads an Outlook .msg file: msgconvert (Debian
// libemail-outlook-message-perl, the reader the Debian archive maintains;
// no maintained Go reader turns the MAPI properties into a message) writes
// it as MIME, which is read as any email is, so attachments become child
// documents of the message the one way eml does it. The message's Hash
// stays the .msg file's.
func (x *Extractor) msg(ctx context.Context, rel, part string, data []byte) ([]record.Document, []error) {
	if !bytes.HasPrefix(data, oleMagic) {
		return nil, []error{fileError(rel, ErrCorrupt, "%snot an Outlook message (no OLE header)", partPrefix(part))}
	}
	bin, work, cleanup, err := toolInput(rel, part, "msgconvert", "libemail-outlook-message-perl", ".msg files", "in.msg", data)
	if err != nil {
		return nil, []error{err}
	}
	defer cleanup()
	// MIME carries attachments in base64: a third larger than the file.
	mime, err := x.runTool(ctx, toolRun{bin: bin, args: []string{"--outfile", "-", "in.msg"}, dir: work,
		timeout: x.opts.ConvertTimeout, maxOut: 2*int64(len(data)) + 1<<20})
	if err != nil {
		return nil, []error{fileError(rel, ErrCorrupt, "%smsgconvert could not read it as an Outlook message (%v)", partPrefix(part), err)}
	}
	docs, errs := x.eml(ctx, rel, part, mime)
	if len(docs) > 0 {
		if docs[0].Meta == nil {
			docs[0].Meta = map[string]string{}
		}
		docs[0].Meta["converted_from"] = "msg"
	}
	return docs, errs
}
