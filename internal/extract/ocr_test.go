package extract

import (
	"testing"

	"github.com/disclose-sar/disclose/internal/record"
	"github.com/google/go-cmp/cmp"
)

func TestParseTSV(t *testing.T) {
	tsv := "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n" +
		"1\t1\t0\t0\t0\t0\t0\t0\t2480\t3508\t-1\t\n" +
		"2\t1\t1\t0\t0\t0\t100\t100\t800\t80\t-1\t\n" +
		"5\t1\t1\t1\t1\t1\t100\t100\t200\t40\t96.5\tDear\n" +
		"5\t1\t1\t1\t1\t2\t320\t100\t300\t40\t91\tMs\n" +
		"5\t1\t1\t1\t2\t1\t100\t160\t200\t40\t88\tYours\n" +
		"5\t1\t1\t1\t2\t2\t320\t160\t10\t40\t95\t \n" +
		"5\t1\t2\t1\t1\t1\t100\t300\t300\t40\t70\tsincerely,\n" +
		"1\t2\t0\t0\t0\t0\t0\t0\t1000\t500\t-1\t\n" +
		"5\t2\t1\t1\t1\t1\t10\t10\t50\t20\t60\tOver\n"
	got, err := parseTSV([]byte(tsv))
	if err != nil {
		t.Fatal(err)
	}
	box := func(x0, y0, x1, y1 float32) record.Box { return record.Box{X0: x0, Y0: y0, X1: x1, Y1: y1} }
	want := []ocrPage{
		{width: 2480, height: 3508, lines: [][]ocrText{
			{{"Dear", box(100, 100, 300, 140), 96.5}, {"Ms", box(320, 100, 620, 140), 91}},
			{{"Yours", box(100, 160, 300, 200), 88}},
			{{"sincerely,", box(100, 300, 400, 340), 70}},
		}},
		{width: 1000, height: 500, lines: [][]ocrText{{{"Over", box(10, 10, 60, 30), 60}}}},
	}
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(ocrPage{}, ocrText{})); diff != "" {
		t.Errorf("parseTSV mismatch (-want +got):\n%s", diff)
	}
	got[0].toPoints(300)
	if b := got[0].lines[0][0].box; b != box(24, 24, 72, 33.6) {
		t.Errorf("toPoints(300) = %+v, want {24 24 72 33.6}", b)
	}
	if _, err := parseTSV([]byte("not tsv\n")); err == nil {
		t.Errorf("parseTSV(garbage) gave no error")
	}
}

func TestImageDPI(t *testing.T) {
	png := func(ppm uint32, unit byte) []byte {
		b := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR0123456789abc0000\x00\x00\x00\x09pHYs")
		b = append(b, byte(ppm>>24), byte(ppm>>16), byte(ppm>>8), byte(ppm), byte(ppm>>24), byte(ppm>>16), byte(ppm>>8), byte(ppm), unit, 0, 0, 0, 0)
		return b
	}
	jfif := func(unit byte, d uint16) []byte {
		return []byte{0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 1, unit, byte(d >> 8), byte(d), byte(d >> 8), byte(d)}
	}
	tests := []struct {
		name string
		data []byte
		want int
	}{
		{"png 300 dpi", png(11811, 1), 300},
		{"png no unit", png(11811, 0), 0},
		{"jpeg dpi", jfif(1, 200), 200},
		{"jpeg dpcm", jfif(2, 118), 300},
		{"jpeg aspect only", jfif(0, 1), 0},
		{"tiff", []byte("II*\x00\x08\x00\x00\x00"), 0},
		{"empty", nil, 0},
	}
	for _, tc := range tests {
		if got := imageDPI(tc.data); got != tc.want {
			t.Errorf("imageDPI(%s) = %d, want %d", tc.name, got, tc.want)
		}
	}
}
