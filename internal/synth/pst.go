package synth

import (
	"encoding/binary"
	"slices"
	"unicode/utf16"
)

// PSTMessage is one message of an Outlook data file.
type PSTMessage struct {
	Subject, Body, FromName, FromEmail, To string
}

// PST returns an Outlook personal folders file (the ANSI layout of
// MS-PST, unencrypted) holding the messages in a folder called folder
// under the top of the personal folders: the node and block B-trees, the
// message store, and each folder's and message's property context (a
// heap-on-node with a B-tree of properties). It is the least such a file
// can be that readpst reads: no hierarchy or contents tables, no
// attachments.
func PST(folder string, msgs ...PSTMessage) []byte {
	const (
		storeNID = 0x21
		topNID   = 0x8022
		inboxNID = 0x8042
	)
	type node struct {
		nid, parent uint32
		props       []pstProp
	}
	nodes := []node{
		{storeNID, 0, []pstProp{
			pstString(0x3001, "Personal Folders"),
			{id: 0x35E0, typ: 0x0102, data: pstEntryID(topNID)},
		}},
		{topNID, 0, []pstProp{pstString(0x3001, "Top of Personal Folders"), pstInt(0x3602, 0), pstBool(0x360A, true)}},
		{inboxNID, topNID, []pstProp{pstString(0x3001, folder), pstInt(0x3602, uint32(len(msgs))), pstBool(0x360A, false)}},
	}
	for i, m := range msgs {
		nodes = append(nodes, node{uint32(0x200004 + i<<5), inboxNID, []pstProp{
			pstString(0x001A, "IPM.Note"),
			pstString(0x0037, m.Subject),
			pstString(0x0042, m.FromName),
			pstString(0x0064, "SMTP"),
			pstString(0x0065, m.FromEmail),
			pstString(0x0C1A, m.FromName),
			pstString(0x0C1E, "SMTP"),
			pstString(0x0C1F, m.FromEmail),
			pstInt(0x3FDE, 65001), // the body's code page: UTF-8
			pstString(0x0E04, m.To),
			pstString(0x1000, m.Body),
		}})
	}

	// Layout: header, then one data block per node (64-byte aligned),
	// then the two B-tree pages (512-byte aligned).
	file := make([]byte, 0x4400)
	type bref struct{ id, off, size uint32 }
	var blocks []bref
	for i, n := range nodes {
		b := pstPropertyContext(n.props)
		off := uint32(len(file))
		blocks = append(blocks, bref{uint32(4 * (i + 1)), off, uint32(len(b))})
		file = append(file, b...)
		for len(file)%64 != 0 {
			file = append(file, 0)
		}
	}
	for len(file)%512 != 0 {
		file = append(file, 0)
	}
	const nbtBID, bbtBID = 0x100, 0x104
	nbt := make([]byte, 512)
	for i, n := range nodes {
		e := nbt[16*i:]
		binary.LittleEndian.PutUint32(e[0:], n.nid)
		binary.LittleEndian.PutUint32(e[4:], blocks[i].id)
		binary.LittleEndian.PutUint32(e[8:], 0) // no subnodes
		binary.LittleEndian.PutUint32(e[12:], n.parent)
	}
	pstPageTrailer(nbt, len(nodes), 16, 0x81, nbtBID)
	bbt := make([]byte, 512)
	for i, b := range blocks {
		e := bbt[12*i:]
		binary.LittleEndian.PutUint32(e[0:], b.id)
		binary.LittleEndian.PutUint32(e[4:], b.off)
		binary.LittleEndian.PutUint16(e[8:], uint16(b.size))
		binary.LittleEndian.PutUint16(e[10:], 2) // references
	}
	pstPageTrailer(bbt, len(blocks), 12, 0x80, bbtBID)
	nbtOff := uint32(len(file))
	file = append(file, nbt...)
	bbtOff := uint32(len(file))
	file = append(file, bbt...)

	h := file[:512]
	copy(h, "!BDN")
	binary.LittleEndian.PutUint16(h[8:], 0x4D53) // "SM": a PST
	binary.LittleEndian.PutUint16(h[10:], 0x0E)  // ANSI
	binary.LittleEndian.PutUint16(h[12:], 0x13)  // client version
	h[14], h[15] = 1, 1
	binary.LittleEndian.PutUint32(h[0xA8:], uint32(len(file)))
	binary.LittleEndian.PutUint32(h[0xB8:], nbtBID)
	binary.LittleEndian.PutUint32(h[0xBC:], nbtOff)
	binary.LittleEndian.PutUint32(h[0xC0:], bbtBID)
	binary.LittleEndian.PutUint32(h[0xC4:], bbtOff)
	h[0x1CD] = 0 // not encrypted
	return file
}

// pstPageTrailer finishes a leaf B-tree page of n entries of size cb.
func pstPageTrailer(p []byte, n, cb int, ptype byte, bid uint32) {
	p[0x1F0] = byte(n)
	p[0x1F1] = byte(496 / cb)
	p[0x1F2] = byte(cb)
	p[0x1F3] = 0 // a leaf
	p[0x1F4], p[0x1F5] = ptype, ptype
	binary.LittleEndian.PutUint32(p[0x1F8:], bid)
}

// pstProp is one property: its id, type and value (4 bytes or fewer are
// stored in the B-tree record, longer values in a heap allocation).
type pstProp struct {
	id, typ uint16
	data    []byte
}

func pstString(id uint16, s string) pstProp {
	u := utf16.Encode([]rune(s))
	b := make([]byte, 2*len(u))
	for i, c := range u {
		binary.LittleEndian.PutUint16(b[2*i:], c)
	}
	return pstProp{id: id, typ: 0x001F, data: b}
}

func pstInt(id uint16, v uint32) pstProp {
	return pstProp{id: id, typ: 0x0003, data: binary.LittleEndian.AppendUint32(nil, v)}
}

func pstBool(id uint16, v bool) pstProp {
	b := []byte{0, 0, 0, 0}
	if v {
		b[0] = 1
	}
	return pstProp{id: id, typ: 0x000B, data: b}
}

// pstEntryID is an entry ID naming the node nid in this store.
func pstEntryID(nid uint32) []byte {
	b := make([]byte, 24)
	binary.LittleEndian.PutUint32(b[20:], nid)
	return b
}

// pstPropertyContext is a heap-on-node holding a B-tree of properties:
// allocation 1 the B-tree header, 2 its records, then one per long value.
func pstPropertyContext(props []pstProp) []byte {
	props = slices.Clone(props)
	slices.SortFunc(props, func(a, b pstProp) int { return int(a.id) - int(b.id) })
	var allocs [][]byte
	records := make([]byte, 0, 8*len(props))
	for _, p := range props {
		rec := binary.LittleEndian.AppendUint16(nil, p.id)
		rec = binary.LittleEndian.AppendUint16(rec, p.typ)
		switch p.typ {
		case 0x0003, 0x000B:
			rec = append(rec, p.data...)
		default:
			allocs = append(allocs, p.data)
			rec = binary.LittleEndian.AppendUint32(rec, uint32(2+len(allocs))<<5) // its HID
		}
		records = append(records, rec...)
	}
	bth := []byte{0xB5, 2, 6, 0}
	bth = binary.LittleEndian.AppendUint32(bth, 2<<5) // the records
	allocs = append([][]byte{bth, records}, allocs...)

	b := make([]byte, 12)
	b[2], b[3] = 0xEC, 0xBC
	binary.LittleEndian.PutUint32(b[4:], 1<<5) // the B-tree header
	starts := []uint16{}
	for _, a := range allocs {
		starts = append(starts, uint16(len(b)))
		b = append(b, a...)
	}
	starts = append(starts, uint16(len(b)))
	if len(b)%2 != 0 {
		b = append(b, 0)
	}
	binary.LittleEndian.PutUint16(b[0:], uint16(len(b))) // the page map
	b = binary.LittleEndian.AppendUint16(b, uint16(len(allocs)))
	b = binary.LittleEndian.AppendUint16(b, 0)
	for _, s := range starts {
		b = binary.LittleEndian.AppendUint16(b, s)
	}
	return b
}
