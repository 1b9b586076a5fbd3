package bundle

import (
	"encoding/csv"
	"io"
)

// SafeCell makes one CSV cell inert in a spreadsheet: a value that starts
// with = + - @, a tab or a carriage return would be read as a formula (or
// stripped to one), so it gets a leading single quote, which spreadsheets
// show as text (OWASP "CSV Injection"). Every CSV that Disclose writes
// passes its cells through here; record text and file names are chosen
// by whoever wrote the record, not by the council.
func SafeCell(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}

// CSVWriter writes CSV records with every cell made safe by SafeCell.
type CSVWriter struct {
	w   *csv.Writer
	buf []string
}

// NewCSVWriter returns a CSVWriter writing to w.
func NewCSVWriter(w io.Writer) *CSVWriter { return &CSVWriter{w: csv.NewWriter(w)} }

// Write writes one record, each cell through SafeCell.
func (c *CSVWriter) Write(record []string) error {
	c.buf = c.buf[:0]
	for _, s := range record {
		c.buf = append(c.buf, SafeCell(s))
	}
	return c.w.Write(c.buf)
}

// Flush writes any buffered data and returns the first error of any write.
func (c *CSVWriter) Flush() error {
	c.w.Flush()
	return c.w.Error()
}
