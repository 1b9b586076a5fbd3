package web

import (
	"crypto/rand"
	"encoding/base64"
	"sync"
	"time"

	"github.com/disclose-sar/disclose/internal/bundle"
)

// downloadTTL is how long a prepared download waits to be fetched.
const downloadTTL = 10 * time.Minute

// downloads holds prepared downloads between the page that shows their
// password and the one fetch of the file: the stored bundle to read and
// the encryption its password opens (a fresh file key; the password
// itself is not kept). In memory on purpose: the password must not be
// stored, nor anything that opens the file outlive the fetch. (Behind a
// load balancer, keep a user on one node for this fetch.)
type downloads struct {
	mu    sync.Mutex
	items map[string]prepared
}

type prepared struct {
	user, request, bundle int64
	file                  File
	enc                   *bundle.Encryption
	expires               time.Time
}

func (d *downloads) put(user, request, bundle int64, f File, enc *bundle.Encryption) string {
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
	d.items[tok] = prepared{user, request, bundle, f, enc, now.Add(downloadTTL)}
	return tok
}

// take returns a prepared download once, to the user who prepared it.
func (d *downloads) take(tok string, user, request, bundle int64) (prepared, bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	p, ok := d.items[tok]
	if !ok || p.user != user || p.request != request || p.bundle != bundle || time.Now().After(p.expires) {
		return prepared{}, false
	}
	delete(d.items, tok)
	return p, true
}
