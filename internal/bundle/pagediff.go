package bundle

import (
	"image"
	"image/draw"
)

// PageDiff compares a bundle page showing a source page with that source
// page, both rendered at one resolution: how much differs outside the
// burned boxes and the stamp bands (nothing should), and how dark the
// boxes are (all of it should be: only the labels are light).
type PageDiff struct {
	Compared int     // pixels compared outside boxes and bands
	Changed  int     // of those, pixels that differ beyond the tolerance
	BoxDark  float64 // share of box pixels that are dark
	Ink      int     // dark source pixels outside the boxes (a blank page proves nothing)
}

// DiffOriginal compares got (the bundle page) with src (the source page)
// for op, both rendered at dpi. Two renderings of one page may sit up to a
// pixel apart and JPEG moves grey levels a little, so a pixel has changed
// only when neither image's value lies within tol of the other image's
// 3×3 neighbourhood around it: text removed or added shows, a half-pixel
// shift does not. Boxes are grown by grow pixels.
func DiffOriginal(src, got image.Image, op OriginalPage, dpi float64, tol uint8, grow int) PageDiff {
	a, g := grey(src), grey(got)
	k := dpi / 72
	top := int(op.Top*k + 0.5)
	var boxes, cores []image.Rectangle
	for _, b := range op.Boxes {
		r := image.Rect(int(float64(b.X0)*k)-grow, int(float64(b.Y0)*k)-grow, int(float64(b.X1)*k+0.999)+grow, int(float64(b.Y1)*k+0.999)+grow)
		boxes = append(boxes, r)
		cores = append(cores, r.Inset(min(2*grow+1, r.Dx()/3, r.Dy()/3)))
	}
	h := min(a.Rect.Dy(), g.Rect.Dy()-top)
	w := min(a.Rect.Dx(), g.Rect.Dx())
	at := func(m *image.Gray, x, y int) uint8 { return m.Pix[y*m.Stride+x] }
	// near reports whether v lies within tol of m's 3×3 neighbourhood of (x, y).
	near := func(m *image.Gray, x, y, dy int, v uint8) bool {
		lo, hi := uint8(255), uint8(0)
		for yy := max(y-1, 0); yy <= min(y+1, h-1); yy++ {
			for xx := max(x-1, 0); xx <= min(x+1, w-1); xx++ {
				p := at(m, xx, yy+dy)
				lo, hi = min(lo, p), max(hi, p)
			}
		}
		return int(v)+int(tol) >= int(lo) && int(v) <= int(hi)+int(tol)
	}
	var d PageDiff
	boxPx, boxDark := 0, 0
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			pt := image.Pt(x, y)
			in := false
			for i, r := range boxes {
				if !pt.In(r) {
					continue
				}
				in = true
				if pt.In(cores[i]) {
					boxPx++
					if at(g, x, y+top) < 96 {
						boxDark++
					}
				}
				break
			}
			if in {
				continue
			}
			d.Compared++
			va, vg := at(a, x, y), at(g, x, y+top)
			if va < 128 {
				d.Ink++
			}
			if !near(g, x, y, top, va) || !near(a, x, y, 0, vg) {
				d.Changed++
			}
		}
	}
	if boxPx > 0 {
		d.BoxDark = float64(boxDark) / float64(boxPx)
	}
	return d
}

// grey is img as a grey image with its origin at (0, 0).
func grey(img image.Image) *image.Gray {
	b := img.Bounds()
	g := image.NewGray(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(g, g.Rect, img, b.Min, draw.Src)
	return g
}
