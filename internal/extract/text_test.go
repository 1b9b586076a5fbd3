package extract

import (
	"testing"

	"github.com/disclose-sar/disclose/internal/record"
)

// A typed note's headings on the first lines of a paragraph are heading
// blocks of their own; field lines, sentences, long lines and e-mail
// bodies are not split.
func TestTextHeadings(t *testing.T) {
	x := New(Options{NoOCR: true})
	defer x.Close()
	text := "Northtown Council - Children's Services\nStrategy Discussion\nDate: 16/02/2013\n\n" +
		"Police (not to be shared without police consent)\nOfficers attended the address twice.\n\n" +
		"3. Health - shared by the health visitor with the family's consent\nThe baby was weighed.\n\n" +
		"To whoever reads my file,\nMy name is Kit.\n\n" +
		"Family composition\nKit Arden - 21/06/2005 - in good health, enjoys football and drawing every weekend\nAl Arden - 30/09/1980 - unknown\n"
	docs, errs := x.text("loc/note.txt", []byte(text))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var heads, paras []string
	for _, b := range docs[0].Blocks {
		s := docs[0].Text[b.Start:b.End]
		if b.Kind == record.BlockHeading {
			heads = append(heads, s)
		} else {
			paras = append(paras, s)
		}
	}
	want := []string{"Northtown Council - Children's Services", "Strategy Discussion", "Police (not to be shared without police consent)",
		"3. Health - shared by the health visitor with the family's consent", "Family composition"}
	if len(heads) != len(want) {
		t.Fatalf("headings = %q, want %q", heads, want)
	}
	for i := range want {
		if heads[i] != want[i] {
			t.Errorf("heading %d = %q, want %q", i, heads[i], want[i])
		}
	}
	if len(paras) != 5 || paras[0] != "Date: 16/02/2013" || paras[3] != "To whoever reads my file,\nMy name is Kit." {
		t.Errorf("paragraphs = %q", paras)
	}
}
