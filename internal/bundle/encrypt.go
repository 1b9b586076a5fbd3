package bundle

import (
	"bytes"
	"crypto/rand"
	"fmt"
	"math/big"
	"sync"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
)

// passwordAlphabet leaves out characters people misread when a password is
// read out or copied from a letter: 0/O, 1/l/I.
const passwordAlphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"

// newPassword makes a 20-character password (about 115 bits) from
// crypto/rand: individual to the bundle and sent separately, as councils'
// policies ask.
func newPassword() (string, error) {
	b := make([]byte, 20)
	n := big.NewInt(int64(len(passwordAlphabet)))
	for i := range b {
		k, err := rand.Int(rand.Reader, n)
		if err != nil {
			return "", fmt.Errorf("bundle: generate password: %w", err)
		}
		b[i] = passwordAlphabet[k.Int64()]
	}
	return string(b), nil
}

var pdfcpuOnce sync.Once

// pdfcpuConf returns a configuration that neither reads nor writes a
// configuration directory in the user's home (a server has none).
func pdfcpuConf(user, owner string) *model.Configuration {
	pdfcpuOnce.Do(api.DisableConfigDir)
	if user == "" && owner == "" {
		return model.NewDefaultConfiguration()
	}
	return model.NewAESConfiguration(user, owner, 256)
}

// encrypt applies AES-256 (PDF 2.0 / ISO 32000-2 security handler
// revision 6) with the user password; the owner password is a fresh random
// one nobody needs, so the bundle's permissions cannot be lifted.
func encrypt(data []byte, user string) ([]byte, error) {
	owner, err := newPassword()
	if err != nil {
		return nil, err
	}
	conf := pdfcpuConf(user, owner+owner)
	// Printing, copying text and assistive technology are allowed: it is
	// the person's own record, and a screen reader must be able to read it
	// (Equality Act 2010 s20 reasonable adjustments). Changing it is not.
	conf.Permissions = model.PermissionsNone | 0x4 | 0x10 | 0x20 | 0x100 | 0x200 | 0x800
	var out bytes.Buffer
	if err := api.Encrypt(bytes.NewReader(data), &out, conf); err != nil {
		return nil, fmt.Errorf("bundle: encrypt: %w", err)
	}
	return out.Bytes(), nil
}
