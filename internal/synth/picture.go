package synth

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"image/png"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/tiff"
)

// textPicture draws one line of text in black on white, 40 px high
// letters with a margin, as a photo of a typed page or a scan would show
// it. fontData is a TrueType font.
func textPicture(fontData []byte, text string) (*image.Gray, error) {
	f, err := opentype.Parse(fontData)
	if err != nil {
		return nil, err
	}
	face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: 40, DPI: 72, Hinting: font.HintingFull})
	if err != nil {
		return nil, err
	}
	defer face.Close()
	width := font.MeasureString(face, text).Ceil()
	img := image.NewGray(image.Rect(0, 0, width+80, 120))
	draw.Draw(img, img.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
	d := font.Drawer{Dst: img, Src: image.NewUniform(color.Black), Face: face, Dot: fixed.P(40, 75)}
	d.DrawString(text)
	return img, nil
}

// encodePicture writes img as .png, .jpg or .tif.
func encodePicture(img image.Image, ext string) ([]byte, error) {
	var b bytes.Buffer
	var err error
	switch ext {
	case ".jpg", ".jpeg":
		err = jpeg.Encode(&b, img, &jpeg.Options{Quality: 92})
	case ".tif", ".tiff":
		err = tiff.Encode(&b, img, &tiff.Options{Compression: tiff.Deflate})
	default:
		err = png.Encode(&b, img)
	}
	return b.Bytes(), err
}
