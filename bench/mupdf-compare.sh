#!/bin/sh
# Side by side with MuPDF's true redaction (the engine under PyMuPDF):
# the sample record's PDFs repeated to about 330 pages, the gold file's
# must-redact strings as terms, MuPDF (mutool run peer-mutool-redact.js) and
# `disclose bench bundle` timed in the same run; prints the pages/s ratio.
# Goal: Disclose >= 1.5 x MuPDF while it also stamps, encrypts and leak-checks.
#
# usage: bench/mupdf-compare.sh [SAMPLE_DIR] [TARGET_PAGES]
set -eu
repo=$(cd "$(dirname "$0")/.." && pwd)
sample=${1:-$repo/../shared/sample-record}
target=${2:-330}
peer=$repo/../shared/tools/peer-mutool-redact.js
for tool in mutool pdfinfo python3 go; do
	command -v $tool >/dev/null || { echo "mupdf-compare: $tool not installed" >&2; exit 2; }
done
[ -d "$sample/record" ] || { echo "mupdf-compare: no sample record at $sample" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/pdfs"
(cd "$repo" && go build -o "$work/disclose" ./cmd/disclose)

# The sample's PDFs, copied under new names until there are enough pages.
find "$sample/record" -name '*.pdf' | sort > "$work/list"
pages=0 n=0
while [ "$pages" -lt "$target" ]; do
	while IFS= read -r f; do
		n=$((n + 1))
		cp "$f" "$work/pdfs/$(printf %04d $n).pdf"
		p=$(pdfinfo "$f" | awk '/^Pages:/ {print $2}')
		pages=$((pages + p))
		[ "$pages" -ge "$target" ] && break
	done < "$work/list"
done
echo "input: $n PDFs, $pages pages"

# Terms: the strings the gold file says must go from those PDFs.
python3 - "$sample/../sample-record.gold.json" > "$work/terms.txt" <<'PY'
import json, sys
gold = json.load(open(sys.argv[1], encoding="utf-8"))
seen = set()
for e in gold["must_redact"]:
    t = e["text"].strip()
    if e["doc"].lower().endswith(".pdf") and t and "\n" not in t and t not in seen:
        seen.add(t); print(t)
PY
echo "terms: $(wc -l < "$work/terms.txt")"

now() { date +%s.%N; }
t0=$(now)
mutool run "$peer" "$work/terms.txt" "$work/mupdf-out.pdf" "$work"/pdfs/*.pdf > "$work/mupdf.log"
t1=$(now)
mpages=$(sed -n 's/^pages=//p' "$work/mupdf.log")
mrate=$(echo "$mpages $t0 $t1" | awk '{printf "%.1f", $1 / ($3 - $2)}')
echo "mupdf: $mpages pages in $(echo "$t0 $t1" | awk '{printf "%.2f", $2 - $1}') s ($mrate pages/s)"

# Timed as a whole process, like mutool: start-up, PDF engine, reading,
# redacting, stamping, encrypting and the leak check all count.
t2=$(now)
"$work/disclose" bench bundle --pdfs "$work/pdfs" --terms "$work/terms.txt" > "$work/disclose.log"
t3=$(now)
cat "$work/disclose.log"
drate=$(echo "$pages $t2 $t3" | awk '{printf "%.1f", $1 / ($3 - $2)}')
echo "disclose (whole process): $pages pages in $(echo "$t2 $t3" | awk '{printf "%.2f", $2 - $1}') s ($drate pages/s)"
echo "$drate $mrate" | awk '{printf "ratio: Disclose %.1f pages/s / MuPDF %.1f pages/s = %.2fx (goal 1.5x)\n", $1, $2, $1 / $2}'
