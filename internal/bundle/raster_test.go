package bundle

import (
	"image"
	"image/color"
	"image/draw"
	"math/rand"
	"testing"
)

func TestToGrayMatchesDraw(t *testing.T) {
	src := image.NewRGBA(image.Rect(3, 4, 103, 54))
	rand.New(rand.NewSource(1)).Read(src.Pix)
	for i := 3; i < len(src.Pix); i += 4 {
		src.Pix[i] = 255
	}
	want := image.NewGray(src.Bounds())
	draw.Draw(want, want.Bounds(), src, src.Bounds().Min, draw.Src)
	got := toGray(src)
	for y := src.Rect.Min.Y; y < src.Rect.Max.Y; y++ {
		for x := src.Rect.Min.X; x < src.Rect.Max.X; x++ {
			if a, b := want.At(x, y).(color.Gray), got.At(x, y).(color.Gray); a != b {
				t.Fatalf("toGray at %d,%d = %v, want %v", x, y, b, a)
			}
		}
	}
}
