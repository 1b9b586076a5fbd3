package suggest

import "strings"

// Names written from other scripts are spelled several ways in one record:
// the same mother is "Fadumo Ali Nur" in the case system, "Faadumo Cali
// Nuur" in an interpreter's note (Somali's own spelling: doubled vowels, C
// for the ʿayn, X for the ħ), "Mrs Noor" in a school's letter; "Nadeem" and
// "Nadim", "Fatimah" and "Fatima", "Mahmoud" and "Mahmud" are one name each.
// spellKey folds a name word to the spelling those ways share, so a
// register name is found however the writer heard it.

// spellKey folds a folded name word (plainKey: lower case, no diacritics):
// "oo" and "ou" become "u" and "ee" becomes "i" (the English spellings of
// the long vowels), a word-initial c before a vowel goes (the ʿayn: Cali,
// Cabdi), x becomes h (Xasan), a final h after a vowel goes (Fatimah), a y
// after a vowel becomes i (Selamawayt), an opening "mac" before a consonant
// is "mc" (MacKinnon, McKinnon), and a doubled letter is written once
// (Faadumo, Mohammed). It returns w itself
// when nothing changes.
func spellKey(w string) string {
	if !spellable(w) {
		return w
	}
	return string(appendSpellKey(make([]byte, 0, len(w)), w))
}

// appendSpellKey appends w's spelling key to b (spellKey).
func appendSpellKey(b []byte, w string) []byte {
	n0 := len(b)
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case c == 'c' && i == 0 && i+1 < len(w) && vowel(w[i+1]):
			continue
		case i == 0 && macPrefix(w):
			b = append(b, 'm', 'c') // "MacKinnon" is "McKinnon"
			i += 2
			continue
		case c == 'x':
			c = 'h'
		case c == 'o' && i+1 < len(w) && (w[i+1] == 'o' || w[i+1] == 'u'):
			c = 'u'
			i++
		case c == 'e' && i+1 < len(w) && w[i+1] == 'e':
			c = 'i'
			i++
		case c == 'h' && i == len(w)-1 && i > 0 && vowel(w[i-1]):
			continue
		case c == 'y' && i > 0 && vowel(w[i-1]):
			c = 'i'
		}
		if n := len(b); n > n0 && b[n-1] == c {
			continue
		}
		b = append(b, c)
	}
	return b
}

// spellable reports whether spellKey would change w: it has one of the
// letters or pairs spellKey folds. Most words have none, and pay no
// allocation.
func spellable(w string) bool {
	if len(w) == 0 || !isLowerASCII(w) {
		return false
	}
	if w[0] == 'c' && len(w) > 1 && vowel(w[1]) || w[len(w)-1] == 'h' && len(w) > 1 && vowel(w[len(w)-2]) || macPrefix(w) {
		return true
	}
	for i := 0; i < len(w); i++ {
		if w[i] == 'x' || i > 0 && (w[i] == w[i-1] || w[i-1] == 'o' && w[i] == 'u' || w[i] == 'y' && vowel(w[i-1])) {
			return true
		}
	}
	return false
}

func vowel(c byte) bool { return strings.IndexByte("aeiou", c) >= 0 }

// macPrefix reports whether w opens with the Scots and Irish "mac" before a
// consonant and at least three letters more: written "Mc" as often ("Mac"
// and "Mc" are one prefix, "son of").
func macPrefix(w string) bool {
	return len(w) >= 6 && strings.HasPrefix(w, "mac") && !vowel(w[3]) && w[3] != 'h'
}

// sameSpelling reports whether two folded name words are one name spelled
// two ways (spellKey) that keeps three letters or more: a shorter one says
// too little ("Lee" is not "Li").
func sameSpelling(a, b string) bool {
	if a == b || len(a) < 3 || len(b) < 3 || !spellable(a) && !spellable(b) {
		return false
	}
	// The key keeps the first letter but for an initial c or x.
	if a[0] != b[0] && a[0] != 'c' && b[0] != 'c' && a[0] != 'x' && b[0] != 'x' {
		return false
	}
	var ba, bb [32]byte
	ka, kb := appendSpellKey(ba[:0], a), appendSpellKey(bb[:0], b)
	return len(ka) >= 3 && string(ka) == string(kb)
}

// sameName reports whether two folded name words are the same name, spelled
// alike or two ways.
func sameName(a, b string) bool { return a == b || sameSpelling(a, b) }

// Names heard from languages whose vowels English writes several ways
// ("Weldemichael" and "Woldemichael", "Haftamu" and "Heftamu",
// "Gebrekidan" and "Ghebrekidan", "Tewoldebrhan" and "Tewoldebirhan")
// keep their consonants.
// skeleton keeps a folded name word's first letter and then its
// consonants only, an h after g, k or t dropped ("gh", "kh", "th" as g, k,
// t) and a doubled letter written once. A word matched by its skeleton
// alone must be long enough to say something: five letters or more, four
// in the skeleton, and no more than two letters longer or shorter.

// minSkeleton is the shortest skeleton a word is matched by.
const minSkeleton = 4

// skeleton returns w's skeleton, or "" when w is shorter than five letters,
// not lower-case ASCII, or keeps fewer than minSkeleton letters.
func skeleton(w string) string {
	var b [32]byte
	return string(appendSkeleton(b[:0], w))
}

// appendSkeleton appends w's skeleton to b, or nothing (skeleton).
func appendSkeleton(b []byte, w string) []byte {
	if len(w) < 5 || !isLowerASCII(w) {
		return b
	}
	n0 := len(b)
	b = append(b, w[0])
	for i := 1; i < len(w) && len(b)-n0 < 32; i++ {
		c := w[i]
		if vowel(c) || c == 'y' || c == 'h' && strings.IndexByte("gkt", w[i-1]) >= 0 {
			continue
		}
		if b[len(b)-1] == c {
			continue
		}
		b = append(b, c)
	}
	if len(b)-n0 < minSkeleton {
		return b[:n0]
	}
	return b
}

// sameSkeleton reports whether two folded name words differ only in their
// vowels (skeleton), and by two letters at most in length.
func sameSkeleton(a, b string) bool {
	if a == b || len(a) < 5 || len(b) < 5 || a[0] != b[0] || len(a)-len(b) > 2 || len(b)-len(a) > 2 {
		return false
	}
	var ba, bb [32]byte
	ka := appendSkeleton(ba[:0], a)
	return len(ka) > 0 && string(ka) == string(appendSkeleton(bb[:0], b))
}
