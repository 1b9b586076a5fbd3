package ingest

import (
	"hash/fnv"
	"slices"
	"strings"
)

const (
	shingleWords     = 5  // words per shingle
	minShingles      = 20 // shorter texts are left to the exact check
	sigSize          = 64 // MinHash functions
	bands            = 8  // LSH bands of sigSize/bands rows: ≈1.0 candidate rate at 0.95, ≈0.03 at 0.5
	maxBucketCompare = 32 // cap on comparisons per member of one bucket (templated text)
)

// sigSeeds are fixed so signatures, and so results, are the same every run.
var sigSeeds = func() [sigSize]uint64 {
	var s [sigSize]uint64
	x := uint64(0x5DEECE66D)
	for i := range s {
		x += 0x9E3779B97F4A7C15 // splitmix64
		z := x
		z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
		z = (z ^ (z >> 27)) * 0x94D049BB133111EB
		s[i] = z ^ (z >> 31)
	}
	return s
}()

func mix(x uint64) uint64 {
	x ^= x >> 33
	x *= 0xFF51AFD7ED558CCD
	x ^= x >> 33
	x *= 0xC4CEB9FE1A85EC53
	x ^= x >> 33
	return x
}

// shingles returns the sorted distinct hashes of every run of shingleWords
// words of normalised text.
func shingles(norm string) []uint64 {
	words := strings.Fields(norm)
	if len(words) < shingleWords {
		return nil
	}
	wh := make([]uint64, len(words))
	for i, w := range words {
		h := fnv.New64a()
		h.Write([]byte(w))
		wh[i] = h.Sum64()
	}
	out := make([]uint64, 0, len(words)-shingleWords+1)
	for i := 0; i+shingleWords <= len(words); i++ {
		var x uint64
		for _, h := range wh[i : i+shingleWords] {
			x = mix(x*0x100000001B3 ^ h)
		}
		out = append(out, x)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// minhash is the MinHash signature of a shingle set.
func minhash(set []uint64) []uint64 {
	sig := make([]uint64, sigSize)
	for i := range sig {
		sig[i] = ^uint64(0)
	}
	for _, x := range set {
		for i, seed := range sigSeeds {
			if v := mix(x ^ seed); v < sig[i] {
				sig[i] = v
			}
		}
	}
	return sig
}

// bandKeys hashes each band of a signature, with the band number, to a bucket.
func bandKeys(sig []uint64) []uint64 {
	rows := len(sig) / bands
	keys := make([]uint64, bands)
	for b := 0; b < bands; b++ {
		k := uint64(b+1) * 0x9E3779B97F4A7C15
		for _, v := range sig[b*rows : (b+1)*rows] {
			k = mix(k ^ v)
		}
		keys[b] = k
	}
	return keys
}

// jaccard is |a∩b| / |a∪b| for sorted distinct sets, in one merge pass.
func jaccard(a, b []uint64) float64 {
	if len(a) == 0 && len(b) == 0 {
		return 1
	}
	inter := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] == b[j]:
			inter++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return float64(inter) / float64(len(a)+len(b)-inter)
}
