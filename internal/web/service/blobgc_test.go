package service_test

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/disclose-sar/disclose/internal/blob"
	"github.com/disclose-sar/disclose/internal/pgtest"
	"github.com/disclose-sar/disclose/internal/postgres"
	"github.com/disclose-sar/disclose/internal/web"
	"github.com/disclose-sar/disclose/internal/web/service"
)

// TestCollectBlobs: in both stores, a blob nothing names is removed once
// it is a day old, an uploaded file's blob is kept while its upload row
// is there, and goes when the row does (a request deleted).
func TestCollectBlobs(t *testing.T) {
	for _, kind := range []string{"local", "postgres"} {
		t.Run(kind, func(t *testing.T) {
			ctx := context.Background()
			db := postgres.New(pgtest.NewPool(t))
			data := t.TempDir()
			var store blob.Store = blob.Dir{Root: filepath.Join(data, "blobs")}
			if kind == "postgres" {
				store = db.Blobs()
			}
			svc, err := service.New(service.Config{Web: web.Config{Addr: "127.0.0.1:0"}, DataDir: data, Blobs: store}, db)
			if err != nil {
				t.Fatal(err)
			}
			base := serve(t, svc)
			_, r, c := officerRequest(t, db, base, "Oona Officer", "Kim Example")
			note := []byte("Home visit note about the review.\n")
			if code, body := c.upload("/api/v1/requests/"+strconv.FormatInt(r.ID, 10)+"/uploads", "Box 1", []upFile{{"visit.txt", note}}); code != http.StatusOK {
				t.Fatalf("upload = %d %s", code, body)
			}
			named := mustPut(t, store, note)
			stray := mustPut(t, store, []byte("a file refused halfway through an upload"))

			for _, tt := range []struct {
				when         time.Time
				want         int
				named, stray bool
			}{
				{time.Now(), 0, true, true},
				{time.Now().Add(25 * time.Hour), 1, true, false},
			} {
				n, err := svc.CollectBlobs(ctx, tt.when)
				if err != nil || n != tt.want || exists(t, store, named) != tt.named || exists(t, store, stray) != tt.stray {
					t.Errorf("CollectBlobs(%s) = %d, %v; named kept %v, stray kept %v; want %d, named %v, stray %v",
						tt.when.Format(time.Kitchen), n, err, exists(t, store, named), exists(t, store, stray), tt.want, tt.named, tt.stray)
				}
			}
			if _, err := db.Pool.Exec(ctx, `DELETE FROM upload_files WHERE request_id = $1`, r.ID); err != nil {
				t.Fatal(err)
			}
			if n, err := svc.CollectBlobs(ctx, time.Now().Add(25*time.Hour)); err != nil || n != 1 || exists(t, store, named) {
				t.Errorf("CollectBlobs once the upload is gone = %d, %v; want the file's blob removed", n, err)
			}
		})
	}
}

// serve runs the service's web server (no worker) until the test ends.
func serve(t *testing.T, svc *service.Service) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	ready, done := make(chan string, 1), make(chan error, 1)
	go func() { done <- svc.Web.Run(ctx, func(addr string) { ready <- addr }) }()
	base := "http://" + <-ready
	t.Cleanup(func() { cancel(); <-done })
	return base
}

func mustPut(t *testing.T, s blob.Store, data []byte) string {
	t.Helper()
	key, _, err := s.Put(context.Background(), bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return key
}

func exists(t *testing.T, s blob.Store, key string) bool {
	t.Helper()
	rc, err := s.Open(context.Background(), key)
	if errors.Is(err, blob.ErrNotFound) {
		return false
	}
	if err != nil {
		t.Fatal(err)
	}
	rc.Close()
	return true
}
