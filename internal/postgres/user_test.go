package postgres_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/disclose-sar/disclose/internal/postgres"
	"github.com/disclose-sar/disclose/internal/workflow"
)

func TestPasswordHash(t *testing.T) {
	h, err := postgres.HashPassword("correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=65536,t=1,p=4$") {
		t.Errorf("HashPassword = %q, want PHC argon2id", h)
	}
	for pw, want := range map[string]bool{"correct horse battery": true, "correct horse batterY": false, "": false} {
		if ok, err := postgres.CheckPassword(h, pw); err != nil || ok != want {
			t.Errorf("CheckPassword(%q) = %v, %v; want %v", pw, ok, err, want)
		}
	}
}

func TestLoginLockout(t *testing.T) {
	ctx := context.Background()
	db := newFixture(t).db
	u, pw, err := db.CreateUser(ctx, 0, postgres.NewUser{Email: "Ann@Example.org", Name: "Ann", Roles: []workflow.Role{workflow.RoleManager}, Team: "North"})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := db.CreateUser(ctx, 0, postgres.NewUser{Email: "ann@example.org", Name: "Ann 2", Roles: []workflow.Role{workflow.RoleManager}}); !errors.Is(err, workflow.ErrExists) {
		t.Errorf("same email twice: err = %v, want ErrExists", err)
	}
	got, err := db.Authenticate(ctx, "ann@example.org", pw)
	if err != nil || got.ID != u.ID {
		t.Fatalf("Authenticate with the one-time password = %+v, %v", got, err)
	}
	if _, err := db.Authenticate(ctx, "nobody@example.org", pw); !errors.Is(err, workflow.ErrUnauthenticated) {
		t.Errorf("unknown email: err = %v, want ErrUnauthenticated", err)
	}
	for i := range postgres.MaxFailedLogins {
		if _, err := db.Authenticate(ctx, "ann@example.org", "wrong"); !errors.Is(err, workflow.ErrUnauthenticated) {
			t.Fatalf("failure %d: err = %v, want ErrUnauthenticated", i+1, err)
		}
	}
	if _, err := db.Authenticate(ctx, "ann@example.org", pw); !errors.Is(err, workflow.ErrLocked) {
		t.Errorf("right password while locked: err = %v, want ErrLocked", err)
	}
	pw2, err := db.ResetPassword(ctx, 0, "ANN@example.org")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Authenticate(ctx, "ann@example.org", pw2); err != nil {
		t.Errorf("after reset: %v", err)
	}
	if _, err := db.Authenticate(ctx, "ann@example.org", pw); !errors.Is(err, workflow.ErrUnauthenticated) {
		t.Errorf("old password after reset: err = %v, want ErrUnauthenticated", err)
	}
}
