package rules

import "strings"

// Validators are the checks a regex rule may name: each gets the matched
// text and says whether it really is what the rule looks for.
var Validators = map[string]func(string) bool{
	"nhs_mod11":           NHSNumberValid,
	"ni_prefix":           NINumberValid,
	"uk_phone":            UKPhoneValid,
	"international_phone": InternationalPhoneValid,
	"street_name":         streetNameValid,
}

func digits(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// NHSNumberValid checks the NHS number's modulus 11 check digit (NHS Data
// Dictionary, "NHS number"): weights 10..2 on the first nine digits; 11 minus
// the remainder is the check digit, 11 means 0, 10 is never issued.
func NHSNumberValid(s string) bool {
	d := digits(s)
	if len(d) != 10 {
		return false
	}
	sum := 0
	for i := 0; i < 9; i++ {
		sum += int(d[i]-'0') * (10 - i)
	}
	check := 11 - sum%11
	if check == 11 {
		check = 0
	}
	return check != 10 && check == int(d[9]-'0')
}

// NINumberValid checks a National Insurance number's prefix against HMRC's
// rules (NIM39110): first letter not D, F, I, Q, U or V; second not D, F, I,
// O, Q, U or V; and not BG, GB, NK, KN, TN, NT or ZZ. The suffix is A to D.
// QQ is accepted too: HMRC reserves it for examples, so it is what specimen
// forms, training and synthetic records use, and removing one costs nothing.
func NINumberValid(s string) bool {
	c := strings.ToUpper(strings.Join(strings.Fields(s), ""))
	if len(c) != 9 {
		return false
	}
	a, b := c[0], c[1]
	if c[:2] != "QQ" && (strings.IndexByte("DFIQUV", a) >= 0 || strings.IndexByte("DFIOQUV", b) >= 0) {
		return false
	}
	switch c[:2] {
	case "BG", "GB", "NK", "KN", "TN", "NT", "ZZ":
		return false
	}
	return len(digits(c[2:8])) == 6 && c[8] >= 'A' && c[8] <= 'D'
}

// UKPhoneValid checks a UK number has the right number of digits once
// written with a leading 0: 10 or 11, starting 01, 02, 03, 05, 07, 08 or 09.
func UKPhoneValid(s string) bool {
	d := digits(s)
	if strings.HasPrefix(strings.TrimSpace(s), "+44") {
		d = "0" + strings.TrimPrefix(d, "44")
		d = strings.Replace(d, "00", "0", 1) // +44 (0)7700 ...
		if len(d) > 11 && strings.HasPrefix(d, "00") {
			d = d[1:]
		}
	}
	if len(d) != 10 && len(d) != 11 {
		return false
	}
	return d[0] == '0' && strings.IndexByte("1235789", d[1]) >= 0
}

// streetStop are capitalised words that start sentences or name places that
// are not streets ("The Close", "Family Court").
var streetStop = map[string]bool{
	"the": true, "a": true, "an": true, "in": true, "on": true, "at": true, "to": true,
	"from": true, "near": true, "by": true, "and": true, "of": true, "this": true, "that": true,
	"family": true, "crown": true, "county": true, "magistrates": true, "youth": true,
	"high": true, "civic": true, "main": true, "our": true, "their": true, "his": true, "her": true,
}

func streetNameValid(s string) bool {
	first := strings.ToLower(strings.Fields(s)[0])
	return !streetStop[first]
}

// InternationalPhoneValid checks a number dialled abroad from the UK ("+"
// or "00", then the country code): 8 to 15 digits from the country code on
// (ITU-T E.164), a "(0)" trunk digit not counted, and not the UK's own
// code 44.
func InternationalPhoneValid(s string) bool {
	s = strings.TrimSpace(s)
	switch {
	case strings.HasPrefix(s, "+"):
		s = s[1:]
	case strings.HasPrefix(s, "00"):
		s = s[2:]
	default:
		return false
	}
	d := digits(strings.Replace(s, "(0)", "", 1))
	return len(d) >= 8 && len(d) <= 15 && !strings.HasPrefix(d, "44")
}
