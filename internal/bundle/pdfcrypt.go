package bundle

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/binary"
	"fmt"
	"hash"
)

// pdfCrypt is the PDF 2.0 standard security handler, revision 6 (ISO
// 32000-2 §7.6.4.4, AES-256): one random file key encrypts every string and
// stream of the file as it is written (AES-256-CBC, a fresh IV each) — by
// the bundle writer, so a batch bundle is never held, or written,
// unencrypted, and by Encryption.Encrypt, each download of a bundle the
// server stores. The user password is the one the requester is sent; the
// owner password is random and given to nobody, so the permissions cannot
// be lifted.
type pdfCrypt struct {
	key   []byte // the 32-byte file key
	block cipher.Block
	// The encryption dictionary's entries.
	o, u, oe, ue, perms []byte
	p                   int32
}

// bundlePermissions: printing, copying text and assistive technology are
// allowed — it is the person's own record, and a screen reader must be
// able to read it (Equality Act 2010 s20 reasonable adjustments); changing
// it is not. Bits 3, 5, 6, 9, 10 and 12 of ISO 32000-2 Table 22 (print,
// copy, annotate, fill forms, extract for accessibility, print high
// resolution) over the reserved bits set.
const bundlePermissions = int32(-0x10000 | 0xFBF7)

// newPDFCrypt makes a file key and the entries that let the user password
// (and a fresh random owner password) open it.
func newPDFCrypt(user string) (*pdfCrypt, error) {
	if user == "" {
		return nil, fmt.Errorf("bundle: encrypt: no password")
	}
	owner, err := randomPassword(32)
	if err != nil {
		return nil, err
	}
	if owner == user {
		return nil, fmt.Errorf("bundle: encrypt: owner password equals the user password")
	}
	c := &pdfCrypt{key: make([]byte, 32), p: bundlePermissions}
	salts := make([]byte, 32)
	if _, err := rand.Read(c.key); err != nil {
		return nil, fmt.Errorf("bundle: encrypt: %w", err)
	}
	if _, err := rand.Read(salts); err != nil {
		return nil, fmt.Errorf("bundle: encrypt: %w", err)
	}
	if c.block, err = aes.NewCipher(c.key); err != nil {
		return nil, err
	}
	up, op := passwordBytes(user), passwordBytes(owner)
	uvs, uks, ovs, oks := salts[0:8], salts[8:16], salts[16:24], salts[24:32]
	// Algorithm 8: U and UE.
	c.u = append(append(hash2B(up, uvs, nil), uvs...), uks...)
	c.ue = cbcNoPad(hash2B(up, uks, nil), c.key)
	// Algorithm 9: O and OE, over U.
	c.o = append(append(hash2B(op, ovs, c.u), ovs...), oks...)
	c.oe = cbcNoPad(hash2B(op, oks, c.u), c.key)
	// Algorithm 10: Perms, the permissions sealed with the file key.
	perms := make([]byte, 16)
	binary.LittleEndian.PutUint32(perms, uint32(c.p))
	copy(perms[4:], []byte{0xff, 0xff, 0xff, 0xff, 'T', 'a', 'd', 'b'})
	if _, err := rand.Read(perms[12:]); err != nil {
		return nil, err
	}
	c.perms = make([]byte, 16)
	c.block.Encrypt(c.perms, perms)
	return c, nil
}

// passwordBytes is a password as the handler takes it: UTF-8, at most 127
// bytes (SASLprep leaves the ASCII passwords Disclose makes unchanged).
func passwordBytes(s string) []byte {
	b := []byte(s)
	if len(b) > 127 {
		b = b[:127]
	}
	return b
}

// hash2B is Algorithm 2.B: the revision 6 password hash.
func hash2B(pw, salt, udata []byte) []byte {
	h := sha256.New()
	h.Write(pw)
	h.Write(salt)
	h.Write(udata)
	k := h.Sum(nil)
	var k1 bytes.Buffer
	for round := 0; ; round++ {
		k1.Reset()
		for range 64 {
			k1.Write(pw)
			k1.Write(k)
			k1.Write(udata)
		}
		blk, _ := aes.NewCipher(k[:16])
		e := make([]byte, k1.Len())
		cipher.NewCBCEncrypter(blk, k[16:32]).CryptBlocks(e, k1.Bytes())
		sum := 0
		for _, b := range e[:16] {
			sum += int(b)
		}
		var next hash.Hash
		switch sum % 3 {
		case 0:
			next = sha256.New()
		case 1:
			next = sha512.New384()
		default:
			next = sha512.New()
		}
		next.Write(e)
		k = next.Sum(nil)
		if round >= 63 && int(e[len(e)-1]) <= round+1-32 {
			break
		}
	}
	return k[:32]
}

// cbcNoPad encrypts a whole number of blocks with AES-256-CBC and a zero IV.
func cbcNoPad(key, data []byte) []byte {
	blk, _ := aes.NewCipher(key)
	out := make([]byte, len(data))
	cipher.NewCBCEncrypter(blk, make([]byte, aes.BlockSize)).CryptBlocks(out, data)
	return out
}

// seal encrypts a string or stream: a random IV, then AES-256-CBC with
// PKCS#7 padding (AESV3).
func (c *pdfCrypt) seal(plain []byte) []byte {
	pad := aes.BlockSize - len(plain)%aes.BlockSize
	out := make([]byte, aes.BlockSize+len(plain)+pad)
	rand.Read(out[:aes.BlockSize])
	copy(out[aes.BlockSize:], plain)
	for i := len(out) - pad; i < len(out); i++ {
		out[i] = byte(pad)
	}
	cipher.NewCBCEncrypter(c.block, out[:aes.BlockSize]).CryptBlocks(out[aes.BlockSize:], out[aes.BlockSize:])
	return out
}

// open decrypts what seal made (the leak check reading the file back).
func (c *pdfCrypt) open(sealed []byte) ([]byte, error) {
	if len(sealed) < 2*aes.BlockSize || len(sealed)%aes.BlockSize != 0 {
		return nil, fmt.Errorf("encrypted data of %d bytes", len(sealed))
	}
	out := make([]byte, len(sealed)-aes.BlockSize)
	cipher.NewCBCDecrypter(c.block, sealed[:aes.BlockSize]).CryptBlocks(out, sealed[aes.BlockSize:])
	pad := int(out[len(out)-1])
	if pad < 1 || pad > aes.BlockSize {
		return nil, fmt.Errorf("bad padding")
	}
	return out[:len(out)-pad], nil
}

// dict is the encryption dictionary.
func (c *pdfCrypt) dict() string {
	return fmt.Sprintf("<< /Filter /Standard /V 5 /R 6 /Length 256 /CF << /StdCF << /AuthEvent /DocOpen /CFM /AESV3 /Length 32 >> >> "+
		"/StmF /StdCF /StrF /StdCF /O <%x> /U <%x> /OE <%x> /UE <%x> /P %d /Perms <%x> /EncryptMetadata true >>",
		c.o, c.u, c.oe, c.ue, c.p, c.perms)
}

// unlockPDFCrypt recovers the file key from an encryption dictionary's
// entries with the user (or owner) password: the leak check opens the file
// as a reader would.
func unlockPDFCrypt(pw string, o, u, oe, ue []byte) (*pdfCrypt, error) {
	if len(o) < 48 || len(u) < 48 || len(oe) < 32 || len(ue) < 32 {
		return nil, fmt.Errorf("encryption dictionary: short entries")
	}
	p := passwordBytes(pw)
	var ik []byte
	switch {
	case bytes.Equal(hash2B(p, u[32:40], nil), u[:32]):
		ik = hash2B(p, u[40:48], nil)
		return keyFrom(ik, ue[:32])
	case bytes.Equal(hash2B(p, o[32:40], u[:48]), o[:32]):
		ik = hash2B(p, o[40:48], u[:48])
		return keyFrom(ik, oe[:32])
	}
	return nil, fmt.Errorf("wrong password")
}

func keyFrom(ik, wrapped []byte) (*pdfCrypt, error) {
	blk, _ := aes.NewCipher(ik)
	key := make([]byte, 32)
	cipher.NewCBCDecrypter(blk, make([]byte, aes.BlockSize)).CryptBlocks(key, wrapped)
	c := &pdfCrypt{key: key}
	var err error
	c.block, err = aes.NewCipher(key)
	return c, err
}
