package extract

import (
	"context"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/disclose-sar/disclose/internal/record"
)

// Pictures in a Word document (photos, pasted scans, screenshots of
// letters) are kept in word/media. Their text is the record's content too:
// each picture is OCR'd and its text added after the body as a block of
// its own, marked "[text from an image: …]" and labelled with the
// picture's name.

// maxPictures bounds the pictures OCR'd in one document.
const maxPictures = 100

// minPictureBytes skips bullets, lines and icons, which hold no text.
const minPictureBytes = 2 << 10

// minPictureConf is the mean word confidence below which an OCR'd line is
// taken for noise (the texture of a photo), not text.
const minPictureConf = 50

var pictureExts = []string{".png", ".jpg", ".jpeg", ".tif", ".tiff", ".gif", ".bmp"}

// docxPictures OCRs the document's pictures into b. Without OCR it says
// in Meta["unread_images"] how many were not read.
func (x *Extractor) docxPictures(ctx context.Context, z *zipParts, b *textBuilder, d *record.Document) []error {
	var names []string
	for n, f := range z.files {
		if strings.HasPrefix(n, "word/media/") && slices.Contains(pictureExts, path.Ext(n)) && f.UncompressedSize64 >= minPictureBytes {
			names = append(names, n)
		}
	}
	if len(names) == 0 {
		return nil
	}
	slices.SortFunc(names, func(a, b string) int { return naturalCompare(a, b) })
	bin, err := x.tesseract()
	if err != nil {
		setMeta(d, "unread_images", strconv.Itoa(len(names))+" picture(s) not OCR'd")
		return nil
	}
	var errs []error
	for i, n := range names {
		if i == maxPictures {
			setMeta(d, "unread_images", strconv.Itoa(len(names)-maxPictures)+" picture(s) past the first "+strconv.Itoa(maxPictures)+" not OCR'd")
			break
		}
		if ctx.Err() != nil {
			return append(errs, ctx.Err())
		}
		data, err := z.read(n)
		if err != nil {
			errs = append(errs, err)
			if z.tooLarge {
				break
			}
			continue
		}
		pages, _, err := ocrImage(ctx, bin, data, path.Ext(n))
		if err != nil {
			errs = append(errs, fileError(z.rel, ErrNeedsOCR, "picture %s: %v", path.Base(n), err))
			continue
		}
		if text := pictureText(pages); text != "" {
			b.add(record.BlockParagraph, 0, "picture "+path.Base(n), imageTextOpen+text+imageTextClose)
		}
	}
	return errs
}

// pictureText joins the lines OCR read with confidence, one space apart.
func pictureText(pages []ocrPage) string {
	var words []string
	for _, p := range pages {
		for _, l := range p.lines {
			var sum float32
			for _, w := range l {
				sum += w.conf
			}
			if len(l) == 0 || sum/float32(len(l)) < minPictureConf {
				continue
			}
			for _, w := range l {
				words = append(words, w.text)
			}
		}
	}
	return strings.Join(words, " ")
}

// naturalCompare orders image2 before image10.
func naturalCompare(a, b string) int {
	na, nb := trailingNumber(a), trailingNumber(b)
	if na != nb && strings.TrimRight(strings.TrimSuffix(a, path.Ext(a)), "0123456789") == strings.TrimRight(strings.TrimSuffix(b, path.Ext(b)), "0123456789") {
		return na - nb
	}
	return strings.Compare(a, b)
}

func trailingNumber(s string) int {
	s = strings.TrimSuffix(s, path.Ext(s))
	i := len(s)
	for i > 0 && s[i-1] >= '0' && s[i-1] <= '9' {
		i--
	}
	n, _ := strconv.Atoi(s[i:])
	return n
}

func setMeta(d *record.Document, k, v string) {
	if d.Meta == nil {
		d.Meta = map[string]string{}
	}
	d.Meta[k] = v
}
