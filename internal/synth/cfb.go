package synth

import (
	"encoding/binary"
	"slices"
	"strings"
	"unicode/utf16"
)

// A compound file (MS-CFB, version 3: 512-byte sectors) is the container
// of an Outlook .msg. cfbNode is a storage (with children) or a stream
// (with data) of one.
type cfbNode struct {
	name     string
	data     []byte
	children []*cfbNode // nil for a stream
	storage  bool
}

func cfbStream(name string, data []byte) *cfbNode { return &cfbNode{name: name, data: data} }

func cfbStorage(name string, children ...*cfbNode) *cfbNode {
	return &cfbNode{name: name, children: children, storage: true}
}

const (
	cfbSector    = 512
	cfbMini      = 64
	cfbCutoff    = 4096
	cfbFree      = 0xFFFFFFFF
	cfbEnd       = 0xFFFFFFFE
	cfbFATSect   = 0xFFFFFFFD
	cfbNoStream  = 0xFFFFFFFF
	cfbDirPerSec = cfbSector / 128
)

// cfbEntry is a node placed in the directory.
type cfbEntry struct {
	node               *cfbNode
	left, right, child uint32
	start              uint32
	size               uint32
	kind               byte
}

// writeCFB lays out root's tree as a compound file: streams under 4096
// bytes in the mini stream, the rest in sectors, siblings as a balanced
// binary tree in the directory's order (shorter names first, then by
// upper-case name), every node black.
func writeCFB(root *cfbNode) []byte {
	var entries []*cfbEntry
	var place func(n *cfbNode, kind byte) uint32
	place = func(n *cfbNode, kind byte) uint32 {
		id := uint32(len(entries))
		e := &cfbEntry{node: n, left: cfbNoStream, right: cfbNoStream, child: cfbNoStream, kind: kind}
		entries = append(entries, e)
		kids := slices.Clone(n.children)
		slices.SortFunc(kids, func(a, b *cfbNode) int {
			if la, lb := len(utf16.Encode([]rune(a.name))), len(utf16.Encode([]rune(b.name))); la != lb {
				return la - lb
			}
			return strings.Compare(strings.ToUpper(a.name), strings.ToUpper(b.name))
		})
		ids := make([]uint32, len(kids))
		for i, k := range kids {
			kk := byte(2)
			if k.storage {
				kk = 1
			}
			ids[i] = place(k, kk)
		}
		var tree func(lo, hi int) uint32
		tree = func(lo, hi int) uint32 {
			if lo >= hi {
				return cfbNoStream
			}
			mid := (lo + hi) / 2
			entries[ids[mid]].left = tree(lo, mid)
			entries[ids[mid]].right = tree(mid+1, hi)
			return ids[mid]
		}
		e.child = tree(0, len(ids))
		return id
	}
	place(root, 5)

	// Small streams into the mini stream.
	var mini []byte
	var miniFAT []uint32
	for _, e := range entries[1:] {
		if e.kind != 2 || len(e.node.data) >= cfbCutoff {
			continue
		}
		e.size = uint32(len(e.node.data))
		if e.size == 0 {
			e.start = cfbEnd
			continue
		}
		e.start = uint32(len(miniFAT))
		n := (len(e.node.data) + cfbMini - 1) / cfbMini
		for i := range n {
			next := uint32(len(miniFAT) + 1)
			if i == n-1 {
				next = cfbEnd
			}
			miniFAT = append(miniFAT, next)
		}
		mini = append(mini, e.node.data...)
		mini = append(mini, make([]byte, n*cfbMini-len(e.node.data))...)
	}

	// Sectors: mini FAT, mini stream, large streams, directory, FAT.
	var body []byte
	var fat []uint32
	chain := func(data []byte) (start uint32, sectors int) {
		if len(data) == 0 {
			return cfbEnd, 0
		}
		start = uint32(len(fat))
		n := (len(data) + cfbSector - 1) / cfbSector
		for i := range n {
			next := uint32(len(fat) + 1)
			if i == n-1 {
				next = cfbEnd
			}
			fat = append(fat, next)
		}
		body = append(body, data...)
		body = append(body, make([]byte, n*cfbSector-len(data))...)
		return start, n
	}
	miniFATBytes := le32s(miniFAT, cfbFree, cfbSector)
	miniFATStart, miniFATSectors := chain(miniFATBytes)
	entries[0].start, _ = chain(mini)
	entries[0].size = uint32(len(mini))
	for _, e := range entries[1:] {
		if e.kind == 2 && len(e.node.data) >= cfbCutoff {
			e.start, _ = chain(e.node.data)
			e.size = uint32(len(e.node.data))
		}
	}
	var dir []byte
	for _, e := range entries {
		dir = append(dir, dirEntry(e)...)
	}
	for len(dir)%cfbSector != 0 {
		dir = append(dir, emptyDirEntry()...)
	}
	dirStart, _ := chain(dir)
	nFAT := 1
	for (len(fat)+nFAT)*4 > nFAT*cfbSector {
		nFAT++
	}
	fatStart := uint32(len(fat))
	for range nFAT {
		fat = append(fat, cfbFATSect)
	}
	body = append(body, le32s(fat, cfbFree, cfbSector)...)

	h := make([]byte, cfbSector)
	copy(h, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1})
	le := binary.LittleEndian
	le.PutUint16(h[24:], 0x3E)
	le.PutUint16(h[26:], 3)
	le.PutUint16(h[28:], 0xFFFE)
	le.PutUint16(h[30:], 9)
	le.PutUint16(h[32:], 6)
	le.PutUint32(h[44:], uint32(nFAT))
	le.PutUint32(h[48:], dirStart)
	le.PutUint32(h[56:], cfbCutoff)
	le.PutUint32(h[60:], miniFATStart)
	le.PutUint32(h[64:], uint32(miniFATSectors))
	le.PutUint32(h[68:], cfbEnd)
	for i := range 109 {
		v := uint32(cfbFree)
		if i < nFAT {
			v = fatStart + uint32(i)
		}
		le.PutUint32(h[76+4*i:], v)
	}
	return append(h, body...)
}

// le32s writes vs little-endian, padded with pad to a multiple of align bytes.
func le32s(vs []uint32, pad uint32, align int) []byte {
	if len(vs) == 0 {
		return nil
	}
	for len(vs)*4%align != 0 {
		vs = append(vs, pad)
	}
	b := make([]byte, 4*len(vs))
	for i, v := range vs {
		binary.LittleEndian.PutUint32(b[4*i:], v)
	}
	return b
}

func dirEntry(e *cfbEntry) []byte {
	b := make([]byte, 128)
	name := utf16.Encode([]rune(e.node.name))
	if len(name) > 31 {
		name = name[:31]
	}
	if e.kind == 5 {
		name = utf16.Encode([]rune("Root Entry"))
	}
	for i, c := range name {
		binary.LittleEndian.PutUint16(b[2*i:], c)
	}
	le := binary.LittleEndian
	le.PutUint16(b[64:], uint16(2*len(name)+2))
	b[66] = e.kind
	b[67] = 1 // black
	le.PutUint32(b[68:], e.left)
	le.PutUint32(b[72:], e.right)
	le.PutUint32(b[76:], e.child)
	start := e.start
	if e.kind == 1 {
		start = 0
	}
	le.PutUint32(b[116:], start)
	le.PutUint32(b[120:], e.size)
	return b
}

func emptyDirEntry() []byte {
	b := make([]byte, 128)
	for _, off := range []int{68, 72, 76} {
		binary.LittleEndian.PutUint32(b[off:], cfbNoStream)
	}
	return b
}
