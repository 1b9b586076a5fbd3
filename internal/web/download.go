package web

import (
	"crypto/rand"
	"encoding/base64"
	"math/big"
	"sync"
	"time"
)

// downloadTTL is how long a prepared download waits to be fetched.
const downloadTTL = 10 * time.Minute

// downloads holds encrypted bundles between the page that shows their
// password and the one fetch of the file. In memory on purpose: the
// password must not be stored, and the encrypted file is useless without
// it. (Behind a load balancer, keep a user on one node for this fetch.)
type downloads struct {
	mu    sync.Mutex
	items map[string]prepared
}

type prepared struct {
	user, request, bundle int64
	file                  File
	expires               time.Time
}

func (d *downloads) put(user, request, bundle int64, f File) string {
	b := make([]byte, 24)
	rand.Read(b)
	tok := base64.RawURLEncoding.EncodeToString(b)
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.items == nil {
		d.items = map[string]prepared{}
	}
	now := time.Now()
	for k, v := range d.items {
		if now.After(v.expires) {
			delete(d.items, k)
		}
	}
	d.items[tok] = prepared{user, request, bundle, f, now.Add(downloadTTL)}
	return tok
}

// take returns a prepared file once, to the user who prepared it.
func (d *downloads) take(tok string, user, request, bundle int64) (File, bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	p, ok := d.items[tok]
	if !ok || p.user != user || p.request != request || p.bundle != bundle || time.Now().After(p.expires) {
		return File{}, false
	}
	delete(d.items, tok)
	return p.file, true
}

// passwordAlphabet avoids look-alike characters (0/O, 1/l/I): the
// password is read off a screen and typed by the requester.
const passwordAlphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"

// newPassword returns a random 20-character password (about 115 bits).
func newPassword() string {
	b := make([]byte, 20)
	n := big.NewInt(int64(len(passwordAlphabet)))
	for i := range b {
		k, _ := rand.Int(rand.Reader, n)
		b[i] = passwordAlphabet[k.Int64()]
	}
	return string(b)
}
