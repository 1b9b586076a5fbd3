package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/disclose-sar/disclose/internal/deadline"
)

// deadlineUsage is printed for -h; scripts rely on the flags it names.
const deadlineUsage = `usage: disclose deadline --regime uk-gdpr|eu-gdpr|dpa1998|foi|eir
    --nation england-and-wales|scotland|northern-ireland --received YYYY-MM-DD
    [--id-received YYYY-MM-DD] [--fee-received YYYY-MM-DD]
    [--pause YYYY-MM-DD:YYYY-MM-DD]... [--extended] [--holidays FILE]

Prints one JSON object: regime, nation, start, due, paused_days, extended,
explanation (and warnings when there are any). Bad input exits 2 with one
line on stderr. --holidays (or DISCLOSE_BANK_HOLIDAYS) names a gov.uk
bank-holidays.json whose years replace the built-in calendar's.
`

// deadlineOutput is the JSON contract; the field order is the key order.
type deadlineOutput struct {
	Regime      string   `json:"regime"`
	Nation      string   `json:"nation"`
	Start       string   `json:"start"`
	Due         string   `json:"due"`
	PausedDays  int      `json:"paused_days"`
	Extended    bool     `json:"extended"`
	Explanation []string `json:"explanation"`
	Warnings    []string `json:"warnings,omitempty"`
}

// dateFlag is a YYYY-MM-DD flag value checked as it is parsed.
type dateFlag struct{ t time.Time }

func (f *dateFlag) String() string {
	if f == nil || f.t.IsZero() {
		return ""
	}
	return f.t.Format(deadline.DateLayout)
}

func (f *dateFlag) Set(s string) error {
	t, err := deadline.ParseDate(s)
	if err != nil {
		return err
	}
	f.t = t
	return nil
}

// pauseFlag collects repeated --pause ASKED:ANSWERED values.
type pauseFlag []deadline.Pause

func (f *pauseFlag) String() string { return fmt.Sprint(len(*f), " pauses") }

func (f *pauseFlag) Set(s string) error {
	a, b, ok := strings.Cut(s, ":")
	if !ok || strings.Contains(b, ":") {
		return fmt.Errorf("pause %q is not YYYY-MM-DD:YYYY-MM-DD", s)
	}
	asked, err := deadline.ParseDate(a)
	if err != nil {
		return err
	}
	answered, err := deadline.ParseDate(b)
	if err != nil {
		return err
	}
	*f = append(*f, deadline.Pause{Asked: asked, Answered: answered})
	return nil
}

// runDeadline implements `disclose deadline`: one JSON object on stdout and
// exit 0, or exit 2 with exactly one line on stderr and nothing on stdout.
func runDeadline(_ context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fail := func(format string, a ...any) int {
		msg := strings.ReplaceAll(fmt.Sprintf(format, a...), "\n", " ")
		fmt.Fprintf(stderr, "disclose deadline: %s\n", msg)
		return 2
	}
	fs := flag.NewFlagSet("deadline", flag.ContinueOnError)
	fs.SetOutput(io.Discard) // flag's own usage dump would break the one-line rule
	var (
		regime, nation, holidays string
		received, idReceived     dateFlag
		feeReceived              dateFlag
		pauses                   pauseFlag
		extended                 bool
	)
	fs.StringVar(&regime, "regime", "", "uk-gdpr, eu-gdpr, dpa1998, foi or eir")
	fs.StringVar(&nation, "nation", "", "england-and-wales, scotland or northern-ireland")
	fs.Var(&received, "received", "day the request was received")
	fs.Var(&idReceived, "id-received", "day proof of identity was received")
	fs.Var(&feeReceived, "fee-received", "day the fee was received")
	fs.Var(&pauses, "pause", "clarification asked:answered, both days inclusive (repeatable)")
	fs.BoolVar(&extended, "extended", false, "the time limit was extended")
	fs.StringVar(&holidays, "holidays", os.Getenv("DISCLOSE_BANK_HOLIDAYS"), "gov.uk bank-holidays.json to lay over the built-in calendar")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stderr, deadlineUsage)
			return 0
		}
		return fail("%s", flagMessage(err))
	}
	switch {
	case fs.NArg() > 0:
		return fail("unexpected argument %q", fs.Arg(0))
	case regime == "":
		return fail("--regime is required")
	case nation == "":
		return fail("--nation is required")
	case received.t.IsZero():
		return fail("--received is required")
	}
	r, err := deadline.LookupRegime(regime)
	if err != nil {
		return fail("%v", err)
	}
	n, err := deadline.ParseNation(nation)
	if err != nil {
		return fail("%v", err)
	}
	if len(pauses) > 0 && !r.Allows(deadline.PauseClarification) {
		return fail("--pause does not apply to %s: %s", r.Name, r.NoPause)
	}
	cal := deadline.DefaultCalendar()
	if holidays != "" {
		b, err := os.ReadFile(holidays)
		if err != nil {
			return fail("bank holidays file %s: cannot read it", holidays)
		}
		newer, err := deadline.ParseCalendar(bytes.NewReader(b))
		if err != nil {
			return fail("bank holidays file %s: %v", holidays, err)
		}
		cal = cal.Merge(newer)
	}
	res, err := cal.Compute(r.Name, n, deadline.Events{
		Received:    received.t,
		IDReceived:  idReceived.t,
		FeeReceived: feeReceived.t,
		Pauses:      pauses,
		Extended:    extended,
	})
	if err != nil {
		return fail("%v", err)
	}
	if res.Paused { // every --pause has both ends, so this means a bug, not bad input
		fmt.Fprintf(stderr, "disclose deadline: no due date: %s\n", strings.Join(res.Explanation, "; "))
		return 1
	}
	out := deadlineOutput{
		Regime: res.Regime, Nation: string(res.Nation),
		Start: res.Start.Format(deadline.DateLayout), Due: res.Due.Format(deadline.DateLayout),
		PausedDays: res.PausedDays, Extended: res.Extended,
		Explanation: res.Explanation, Warnings: res.Warnings,
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(out); err != nil {
		fmt.Fprintf(stderr, "disclose deadline: %v\n", err)
		return 1
	}
	if _, err := stdout.Write(buf.Bytes()); err != nil {
		return 1
	}
	return 0
}

// flagMessage rewrites the flag package's errors in the --name form the
// usage text uses.
func flagMessage(err error) string {
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: -"); ok {
		return "unknown flag --" + strings.TrimPrefix(name, "-")
	}
	return strings.Replace(msg, " for flag -", " for --", 1)
}
