package service_test

import (
	"context"
	"flag"
	"os"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/disclose-sar/disclose/internal/pgtest"
	"github.com/disclose-sar/disclose/internal/postgres"
	"github.com/disclose-sar/disclose/internal/web"
	"github.com/disclose-sar/disclose/internal/web/service"
	"github.com/disclose-sar/disclose/internal/workflow"
)

var heapPages = flag.Int("bundle-heap-pages", 2000, "pages of the generated request BenchmarkBundleJobHeap bundles")

// BenchmarkBundleJobHeap runs the server's bundle job, with the PostgreSQL
// blob store, on a generated request (SeedRequest: -bundle-heap-pages
// pages of invented text, every suggestion accepted) and reports what the
// process held while the job ran: the heap's peak (objects, live and not
// yet swept) above what it held before, the largest live heap a
// collection found (less subject to when collections ran), the bytes
// allocated while it ran, the peak resident memory, and the bundle's size. It asserts nothing: the figures are for comparing
// versions on one machine.
//
//	DISCLOSE_TESTDB=required go test -run '^$' -bench BundleJobHeap -benchtime 1x ./internal/web/service/
func BenchmarkBundleJobHeap(b *testing.B) {
	ctx := context.Background()
	db := postgres.New(pgtest.NewPool(b))
	svc, _, _ := runServiceOn(b, service.Config{Web: web.Config{Addr: "127.0.0.1:0"}, DataDir: b.TempDir(),
		Blobs: db.Blobs(), TempDir: b.TempDir(), Workers: 1}, db)
	owner, _, err := db.CreateUser(ctx, 0, postgres.NewUser{Email: "heap@example.test", Name: "Heap Officer",
		Roles: []workflow.Role{workflow.RoleIGOfficer}, Team: "IG"})
	if err != nil {
		b.Fatal(err)
	}
	reqID, _, err := service.SeedRequest(ctx, db, owner, *heapPages)
	if err != nil {
		b.Fatal(err)
	}
	// The register a suggestion step stores, and every suggestion
	// accepted, a person at a time.
	if _, err := db.Pool.Exec(ctx, `INSERT INTO register_persons (request_id, key, position, generation, name, role, kind, label, data)
		VALUES ($1, 'subject', 0, 1, 'Peter Quill', 'subject', '', '', '{}')`, reqID); err != nil {
		b.Fatal(err)
	}
	for p := range 5 {
		if _, err := db.DecidePerson(ctx, owner.ID, reqID, "p"+strconv.Itoa(p), workflow.DecisionInput{Kind: workflow.DecisionAccept}); err != nil {
			b.Fatalf("DecidePerson p%d: %v", p, err)
		}
	}
	b.ResetTimer()
	for b.Loop() {
		w := watchHeap()
		id, err := svc.Jobs.Bundle(ctx, owner, reqID)
		if err != nil {
			b.Fatalf("Jobs.Bundle: %v", err)
		}
		bun := waitReady(b, db, id, 30*time.Minute)
		base, peak, live, allocs, rss := w.stop()
		b.ReportMetric(float64(peak-base)/(1<<20), "heap-MiB")
		b.ReportMetric(float64(live)/(1<<20), "live-MiB")
		b.ReportMetric(float64(allocs)/(1<<20), "alloc-MiB")
		b.ReportMetric(float64(rss)/(1<<20), "peak-RSS-MiB")
		b.ReportMetric(float64(bun.Size)/(1<<20), "bundle-MiB")
		b.Logf("%d pages: bundle %.1f MiB; heap %.0f MiB before the job, its peak %.0f MiB above that, live heap at most %.0f MiB; %.0f MiB allocated; peak RSS %.0f MiB",
			*heapPages, float64(bun.Size)/(1<<20), float64(base)/(1<<20), float64(peak-base)/(1<<20), float64(live)/(1<<20),
			float64(allocs)/(1<<20), float64(rss)/(1<<20))
	}
}

// heapWatch samples the heap every few milliseconds until stopped.
type heapWatch struct {
	base, peak, live uint64
	allocs           uint64 // allocated before the watch began
	quit, done       chan struct{}
	once             sync.Once
}

func watchHeap() *heapWatch {
	runtime.GC()
	os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) // VmHWM from now
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/gc/heap/live:bytes"}, {Name: "/gc/heap/allocs:bytes"}}
	metrics.Read(s)
	w := &heapWatch{base: s[0].Value.Uint64(), allocs: s[2].Value.Uint64(), quit: make(chan struct{}), done: make(chan struct{})}
	w.peak = w.base
	go func() {
		defer close(w.done)
		t := time.NewTicker(2 * time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(s)
			w.peak = max(w.peak, s[0].Value.Uint64())
			w.live = max(w.live, s[1].Value.Uint64())
			select {
			case <-w.quit:
				return
			case <-t.C:
			}
		}
	}()
	return w
}

// stop ends the sampling and returns the heap before, its peak, the
// largest live heap, the bytes allocated and the process's peak resident
// memory (VmHWM) since the watch began.
func (w *heapWatch) stop() (base, peak, live, allocs, rss uint64) {
	w.once.Do(func() { close(w.quit) })
	<-w.done
	s := []metrics.Sample{{Name: "/gc/heap/allocs:bytes"}}
	metrics.Read(s)
	allocs = s[0].Value.Uint64() - w.allocs
	if b, err := os.ReadFile("/proc/self/status"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if f := strings.Fields(l); len(f) >= 2 && f[0] == "VmHWM:" {
				kb, _ := strconv.ParseUint(f[1], 10, 64)
				rss = kb << 10
			}
		}
	}
	return w.base, w.peak, w.live, allocs, rss
}

// waitReady waits for a bundle to be built.
func waitReady(t testing.TB, db *postgres.DB, id int64, limit time.Duration) postgres.Bundle {
	t.Helper()
	deadline := time.Now().Add(limit)
	for {
		b, err := db.Bundle(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case b.State == "ready":
			return b
		case b.State == "failed":
			t.Fatalf("bundle %d failed: %s", id, b.Error)
		case time.Now().After(deadline):
			t.Fatalf("bundle %d still %s after %s", id, b.State, limit)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
