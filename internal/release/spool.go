package release

import (
	"encoding/binary"
	"fmt"
	"math"
	"os"
	"sync"

	"github.com/disclose-sar/disclose/internal/record"
)

// Spool keeps the character and word boxes of a record's documents
// (Glyphs, Words) in a temporary file while the batch command runs, so
// what it holds in memory is the record's text: the boxes are most of a
// PDF's extracted data (a page of 2,500 characters is 70 KB of them) and
// only the bundle needs them, a document at a time. Take moves them out as
// each file is read (ingest.Options.Made); Boxes reads one document's back
// (bundle.Options.Boxes). The file is removed from the folder as soon as
// it is made: nothing is left behind if the process dies.
type Spool struct {
	mu  sync.Mutex
	f   *os.File
	off int64
	at  map[string]spooled
	err error
}

type spooled struct {
	off           int64
	glyphs, words int
}

const (
	glyphSize = 7 * 4 // page, start, end, box
	wordSize  = 8 * 4 // page, start, end, box, confidence
)

// NewSpool makes a spool in dir ("" for the system's temporary folder).
func NewSpool(dir string) (*Spool, error) {
	f, err := os.CreateTemp(dir, "disclose-boxes-*")
	if err != nil {
		return nil, fmt.Errorf("spool: %w", err)
	}
	os.Remove(f.Name())
	return &Spool{f: f, at: map[string]spooled{}}, nil
}

// Take writes the boxes of docs to the spool and removes them from the
// documents. It may be called from several goroutines; an error is kept
// for Err.
func (s *Spool) Take(docs []record.Document) {
	for i := range docs {
		d := &docs[i]
		if len(d.Glyphs) == 0 && len(d.Words) == 0 {
			continue
		}
		b := make([]byte, 0, len(d.Glyphs)*glyphSize+len(d.Words)*wordSize)
		for _, g := range d.Glyphs {
			b = binary.LittleEndian.AppendUint32(b, uint32(g.Page))
			b = binary.LittleEndian.AppendUint32(b, uint32(g.Start))
			b = binary.LittleEndian.AppendUint32(b, uint32(g.End))
			b = appendBox(b, g.Box)
		}
		for _, w := range d.Words {
			b = binary.LittleEndian.AppendUint32(b, uint32(int32(w.Page)))
			b = binary.LittleEndian.AppendUint32(b, uint32(int32(w.Start)))
			b = binary.LittleEndian.AppendUint32(b, uint32(int32(w.End)))
			b = appendBox(b, w.Box)
			b = binary.LittleEndian.AppendUint32(b, math.Float32bits(w.Conf))
		}
		s.mu.Lock()
		off := s.off
		s.off += int64(len(b))
		s.at[d.ID] = spooled{off: off, glyphs: len(d.Glyphs), words: len(d.Words)}
		s.mu.Unlock()
		if _, err := s.f.WriteAt(b, off); err != nil {
			s.mu.Lock()
			if s.err == nil {
				s.err = fmt.Errorf("spool: %w", err)
			}
			s.mu.Unlock()
		}
		d.Glyphs, d.Words = nil, nil
	}
}

func appendBox(b []byte, x record.Box) []byte {
	for _, v := range [4]float32{x.X0, x.Y0, x.X1, x.Y1} {
		b = binary.LittleEndian.AppendUint32(b, math.Float32bits(v))
	}
	return b
}

func readBox(b []byte) record.Box {
	f := func(i int) float32 { return math.Float32frombits(binary.LittleEndian.Uint32(b[4*i:])) }
	return record.Box{X0: f(0), Y0: f(1), X1: f(2), Y1: f(3)}
}

// Err is the first error writing the spool.
func (s *Spool) Err() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.err
}

// Boxes reads a document's boxes back; none when it had none.
func (s *Spool) Boxes(d *record.Document) ([]record.Glyph, []record.Word, error) {
	s.mu.Lock()
	e, ok := s.at[d.ID]
	s.mu.Unlock()
	if !ok {
		return nil, nil, nil
	}
	b := make([]byte, e.glyphs*glyphSize+e.words*wordSize)
	if _, err := s.f.ReadAt(b, e.off); err != nil {
		return nil, nil, fmt.Errorf("spool: %w", err)
	}
	u := func(p []byte, i int) uint32 { return binary.LittleEndian.Uint32(p[4*i:]) }
	gs := make([]record.Glyph, e.glyphs)
	for i := range gs {
		p := b[i*glyphSize:]
		gs[i] = record.Glyph{Page: int32(u(p, 0)), Start: int32(u(p, 1)), End: int32(u(p, 2)), Box: readBox(p[12:])}
	}
	b = b[e.glyphs*glyphSize:]
	ws := make([]record.Word, e.words)
	for i := range ws {
		p := b[i*wordSize:]
		ws[i] = record.Word{Page: int(int32(u(p, 0))), Start: int(int32(u(p, 1))), End: int(int32(u(p, 2))), Box: readBox(p[12:]),
			Conf: math.Float32frombits(u(p, 7))}
	}
	if len(gs) == 0 {
		gs = nil
	}
	if len(ws) == 0 {
		ws = nil
	}
	return gs, ws, nil
}

// Close removes the spool.
func (s *Spool) Close() error { return s.f.Close() }
