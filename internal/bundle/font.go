package bundle

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// fontFiles are the Liberation Sans faces the bundle is set in: metrically
// compatible with Arial, the councils' house font, and under the SIL Open
// Font License so they may be embedded in every bundle.
var fontFiles = [2]string{"LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"}

// fontDirs are searched after Options.FontDir, in order: Debian's
// fonts-liberation2 and fonts-liberation, then the usual other places.
var fontDirs = []string{
	"/usr/share/fonts/truetype/liberation2",
	"/usr/share/fonts/truetype/liberation",
	"/usr/share/fonts/liberation-sans",
	"/usr/share/fonts/liberation",
	"/usr/local/share/fonts",
	"/usr/share/fonts/TTF",
	"/Library/Fonts",
}

// ErrFont is returned when the bundle's fonts cannot be loaded.
var ErrFont = errors.New("bundle font not found")

// fonts holds the regular and bold faces.
type fonts struct {
	regular, bold []byte
}

// loadFonts reads both faces from the first directory that has them, trying
// dir first. The error names every path tried so an operator can install
// fonts-liberation2 or point --font-dir at a copy.
func loadFonts(dir string) (*fonts, error) {
	dirs := fontDirs
	if dir != "" {
		dirs = append([]string{dir}, fontDirs...)
	}
	var tried []string
	for _, d := range dirs {
		var got [2][]byte
		ok := true
		for i, name := range fontFiles {
			p := filepath.Join(d, name)
			b, err := os.ReadFile(p)
			if err != nil || !isTrueType(b) {
				tried = append(tried, p)
				ok = false
				break
			}
			got[i] = b
		}
		if ok {
			return &fonts{regular: got[0], bold: got[1]}, nil
		}
	}
	return nil, fmt.Errorf("%w: install fonts-liberation2 or set the font directory; tried %s", ErrFont, strings.Join(tried, ", "))
}

// isTrueType checks the sfnt version tag so a stray file fails here, at
// start-up, rather than deep inside the PDF writer.
func isTrueType(b []byte) bool {
	if len(b) < 12 {
		return false
	}
	tag := string(b[:4])
	return tag == "\x00\x01\x00\x00" || tag == "true"
}
