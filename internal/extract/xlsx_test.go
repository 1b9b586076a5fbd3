package extract

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/disclose-sar/disclose/internal/record"
)

// contactLog is an invented contact log: a visible sheet with a hidden row,
// a hidden column and a comment, a hidden sheet, and an empty sheet.
func contactLog(t testing.TB) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(f.SetSheetName("Sheet1", "Contacts"))
	rows := [][]any{
		{"Date", "Worker", "Contact", "Internal ref"},
		{"03/04/2023", "Robin Carter", "Phoned about the flat; all well.", "A-17"},
		{},
		{"05/04/2023", "Sam Okafor", "Visit cancelled by the family.", "A-18"},
		{"06/04/2023", "Sam Okafor", "Spoke to the neighbour.", ""},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		must(f.SetSheetRow("Contacts", cell, &r))
	}
	must(f.SetCellValue("Contacts", "F2", "no header here"))
	must(f.SetRowVisible("Contacts", 5, false))
	must(f.SetColVisible("Contacts", "D", false))
	must(f.AddComment("Contacts", excelize.Comment{Cell: "C4", Author: "Team Manager",
		Paragraph: []excelize.RichTextRun{{Text: "Check with the carer first."}}}))
	_, err := f.NewSheet("Old log")
	must(err)
	must(f.SetSheetRow("Old log", "A1", &[]any{"When", "What"}))
	must(f.SetSheetRow("Old log", "A2", &[]any{"2019", "Earlier placement note."}))
	must(f.SetSheetVisible("Old log", false))
	_, err = f.NewSheet("Blank")
	must(err)
	must(f.SetDocProps(&excelize.DocProperties{Creator: "Robin Carter", Title: "Contact log 2023"}))
	buf, err := f.WriteToBuffer()
	must(err)
	return buf.Bytes()
}

func TestXLSX(t *testing.T) {
	data := contactLog(t)
	tests := []struct {
		ext, filter string // filter: LibreOffice converts the workbook first
	}{
		{".xlsx", ""},
		{".ods", "ods:calc8"},
		{".xls", "xls:MS Excel 97"},
	}
	x := New(Options{NoOCR: true})
	defer x.Close()
	for _, tt := range tests {
		t.Run(tt.ext, func(t *testing.T) {
			in := data
			if tt.filter != "" {
				in = sofficeWrite(t, "log.xlsx", data, tt.filter, "")
			}
			d := mustReadOne(t, x, "drive/log"+tt.ext, in)
			var got []string
			for _, b := range d.Blocks {
				got = append(got, string(b.Kind)+" "+b.Label+" | "+d.Text[b.Start:b.End])
			}
			author := "Team Manager"
			if tt.filter != "" {
				author = "" // LibreOffice does not carry a note's author through
			}
			want := []string{
				"heading  | Sheet: Contacts",
				"table-cell Contacts!2 | Date: 03/04/2023; Worker: Robin Carter; Contact: Phoned about the flat; all well.; Internal ref (hidden column): A-17; Column F: no header here",
				"table-cell Contacts!4 | Date: 05/04/2023; Worker: Sam Okafor; Contact: Visit cancelled by the family.; Internal ref (hidden column): A-18",
				"table-cell Contacts!5 | (hidden row) Date: 06/04/2023; Worker: Sam Okafor; Contact: Spoke to the neighbour.",
				"comment " + author + " | Comment on Contacts!C4: Check with the carer first.",
				"heading  | Sheet: Old log (hidden sheet)",
				"table-cell Old log!2 | When: 2019; What: Earlier placement note.",
				"heading  | Sheet: Blank",
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("blocks:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
			if d.Format != record.FormatSpreadsheet || d.Meta["hidden_sheets"] != "Old log" || d.Meta["sheets"] != "3" {
				t.Errorf("format %q, meta %v; want xlsx, 3 sheets, Old log hidden", d.Format, d.Meta)
			}
			if d.Hash != HashBytes(in) {
				t.Errorf("Hash is not the original file's")
			}
			if tt.filter == "" && (d.Author != "Robin Carter" || d.Title != "Contact log 2023") {
				t.Errorf("author %q title %q, want the workbook's properties", d.Author, d.Title)
			}
			checkBlocks(t, d)
		})
	}
}

func TestXLSXBadInput(t *testing.T) {
	empty := func() []byte {
		f := excelize.NewFile()
		defer f.Close()
		buf, err := f.WriteToBuffer()
		if err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}()
	bomb := mustZip(t, zipEntry{"xl/worksheets/sheet1.xml", make([]byte, 12<<20)})
	tests := []struct {
		name    string
		data    []byte
		opts    Options
		kind    error
		message string
	}{
		{"not a zip", []byte("Date,Worker\n"), Options{}, ErrCorrupt, "not a readable zip file"},
		{"old Excel named xlsx", append(append([]byte{}, oleMagic...), make([]byte, 600)...), Options{}, ErrCorrupt, "rename it .xls"},
		{"no workbook", mustZip(t, zipEntry{"hello.txt", []byte("hi")}), Options{}, ErrCorrupt, "not a readable Excel workbook"},
		{"empty workbook", empty, Options{}, ErrEmpty, "no values"},
		{"zip bomb", bomb, Options{}, ErrTooLarge, "zip bomb"},
		{"over the budget", contactLog(t), Options{MaxDecompressed: 4 << 10}, ErrTooLarge, "limit 4096"},
		{"cut short", contactLog(t)[:1500], Options{}, ErrCorrupt, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			writeFile(t, root, "d/book.xlsx", tt.data)
			x := New(tt.opts)
			defer x.Close()
			docs, errs := x.File(context.Background(), root, "d/book.xlsx")
			if len(docs) != 0 || len(errs) == 0 || !errors.Is(errs[len(errs)-1], tt.kind) {
				t.Fatalf("File = %d docs, errors %v; want %v", len(docs), errs, tt.kind)
			}
			if msg := errs[len(errs)-1].Error(); !strings.HasPrefix(msg, "d/book.xlsx: ") || !strings.Contains(msg, tt.message) {
				t.Errorf("error %q: want it to name the file and say %q", msg, tt.message)
			}
		})
	}
}
