package postgres

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"fmt"
	"io"

	"github.com/disclose-sar/disclose/internal/record"
)

// packGlyphs stores character boxes as gzip of fixed 28-byte little-endian
// records: a 1,000-page PDF has millions of glyphs, too many for jsonb.
func packGlyphs(gs []record.Glyph) ([]byte, error) {
	if len(gs) == 0 {
		return nil, nil
	}
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestSpeed)
	if err := binary.Write(zw, binary.LittleEndian, gs); err != nil {
		return nil, fmt.Errorf("postgres: pack glyphs: %w", err)
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("postgres: pack glyphs: %w", err)
	}
	return buf.Bytes(), nil
}

func unpackGlyphs(b []byte) ([]record.Glyph, error) {
	if len(b) == 0 {
		return nil, nil
	}
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		return nil, err
	}
	const size = 28
	if len(raw)%size != 0 {
		return nil, fmt.Errorf("glyph data is %d bytes, not a multiple of %d", len(raw), size)
	}
	gs := make([]record.Glyph, len(raw)/size)
	if err := binary.Read(bytes.NewReader(raw), binary.LittleEndian, gs); err != nil {
		return nil, err
	}
	return gs, nil
}
