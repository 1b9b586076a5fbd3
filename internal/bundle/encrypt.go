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
func newPassword() (string, error) { return randomPassword(20) }

func randomPassword(length int) (string, error) {
	b := make([]byte, length)
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

// Encrypt applies AES-256 (ISO 32000-2 security handler revision 6, in a
// file marked PDF 2.0) with the user password the requester is sent; the owner
// password is a fresh random one that nobody is given, so the bundle's
// permissions cannot be lifted. It works in memory: pdfcpu's configuration
// directory is disabled, so nothing is read from or written to $HOME or
// anywhere else. It is the one encryption for the batch command and for
// every download from the server.
func Encrypt(pdf []byte, user string) ([]byte, error) {
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
	conf := pdfcpuConf(user, owner)
	// Printing, copying text and assistive technology are allowed: it is
	// the person's own record, and a screen reader must be able to read it
	// (Equality Act 2010 s20 reasonable adjustments). Changing it is not.
	conf.Permissions = model.PermissionsNone | 0x4 | 0x10 | 0x20 | 0x100 | 0x200 | 0x800
	conf.Cmd = model.ENCRYPT
	ctx, err := api.ReadValidateAndOptimize(bytes.NewReader(pdf), conf)
	if err != nil {
		return nil, fmt.Errorf("bundle: encrypt: %w", err)
	}
	// pdfcpu writes AES-256 as revision 6 only into a PDF 2.0 file; below
	// 2.0 it writes revision 5, Adobe's deprecated extension whose
	// password check is one SHA-256 round, fast to guess.
	v20 := model.V20
	ctx.XRefTable.HeaderVersion, ctx.XRefTable.RootVersion = &v20, &v20
	var out bytes.Buffer
	if err := api.WriteContext(ctx, &out); err != nil {
		return nil, fmt.Errorf("bundle: encrypt: %w", err)
	}
	return out.Bytes(), nil
}
