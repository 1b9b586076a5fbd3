package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/disclose-sar/disclose/internal/ingest"
	"github.com/disclose-sar/disclose/internal/search"
)

const searchUsage = `usage: disclose search --record DIR [--data DIR] [--json] [--size N] "query"

Searches the record folder DIR, building its index under --data the first
time (and again whenever the record changes). The query is in bleve's
query-string syntax: words, "a phrase", +must, -not, location:mailbox-a.
Prints each hit (path, location, page, fragments with matches «marked»),
then the facets by location, format, type, year and person.
`

func runSearch(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) int {
	var f recordFlags
	var asJSON bool
	var size int
	fs := newFlagSet("search", searchUsage, stderr)
	f.register(fs)
	fs.BoolVar(&asJSON, "json", false, "print hits and facets as JSON")
	fs.IntVar(&size, "size", 20, "most hits to print")
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		return 2
	}
	query := strings.TrimSpace(strings.Join(fs.Args(), " "))
	if f.record == "" || query == "" || size <= 0 {
		fmt.Fprintln(stderr, "disclose search: --record DIR and a query are required")
		return 2
	}
	x, err := openIndex(ctx, f)
	if err != nil {
		fmt.Fprintf(stderr, "disclose search: %v\n", err)
		return 1
	}
	defer x.Close()
	res, err := x.Search(query, size)
	if err != nil {
		fmt.Fprintf(stderr, "disclose search: %v\n", err)
		return 2 // the query did not parse
	}
	if asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(res); err != nil {
			return 1
		}
		return 0
	}
	printResult(stdout, res)
	return 0
}

// openIndex reuses the record's cached index when the folder is unchanged
// since it was built, and otherwise ingests the record and builds one.
func openIndex(ctx context.Context, f recordFlags) (*search.Index, error) {
	fp, _ := ingest.Fingerprint(f.record)
	if x, err := search.OpenCached(f.record, indexOptions(f.data, nil, fp)); err == nil {
		return x, nil
	}
	rec, _, err := ingest.Run(ctx, f.record, f.ingestOptions())
	if err != nil {
		return nil, err
	}
	x, _, err := search.Open(ctx, rec, indexOptions(f.data, rec, fp))
	return x, err
}

func printResult(w io.Writer, res *search.Result) {
	fmt.Fprintf(w, "%d hits", res.Total)
	if int(res.Total) > len(res.Hits) {
		fmt.Fprintf(w, " (first %d shown)", len(res.Hits))
	}
	fmt.Fprintln(w)
	for i, h := range res.Hits {
		where := h.Location
		if h.Page > 0 {
			where += fmt.Sprintf(", page %d", h.Page)
		}
		fmt.Fprintf(w, "\n%d. %s  (%s)  score %.2f\n", i+1, h.Path, where, h.Score)
		for _, fr := range h.Fragments {
			fmt.Fprintf(w, "   %s\n", search.Plain(fr))
		}
	}
	for _, name := range search.FacetNames {
		counts := res.Facets[name]
		if len(counts) == 0 {
			continue
		}
		parts := make([]string, len(counts))
		for i, c := range counts {
			parts[i] = fmt.Sprintf("%s (%d)", c.Value, c.Count)
		}
		fmt.Fprintf(w, "\nby %s: %s", name, strings.Join(parts, ", "))
	}
	fmt.Fprintln(w)
}
