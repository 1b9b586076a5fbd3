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

func TestLoginThrottle(t *testing.T) {
	ctx := context.Background()
	db := newFixture(t).db
	u, pw, err := db.CreateUser(ctx, 0, postgres.NewUser{Email: "Ann@Example.org", Name: "Ann", Roles: []workflow.Role{workflow.RoleManager}, Team: "North"})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := db.CreateUser(ctx, 0, postgres.NewUser{Email: "ann@example.org", Name: "Ann 2", Roles: []workflow.Role{workflow.RoleManager}}); !errors.Is(err, workflow.ErrExists) {
		t.Errorf("same email twice: err = %v, want ErrExists", err)
	}
	got, err := db.Login(ctx, "ann@example.org", pw, "198.51.100.1")
	if err != nil || got.ID != u.ID || !got.MustChangePassword || got.TeamName != "North" {
		t.Fatalf("Login with the one-time password = %+v, %v", got, err)
	}
	// A stranger at one address: unknown and real emails answer alike.
	for _, email := range []string{"ann@example.org", "nobody@example.org"} {
		for i := range postgres.ThrottleFree {
			if _, err := db.Login(ctx, email, "wrong", "203.0.113.5"); !errors.Is(err, workflow.ErrUnauthenticated) {
				t.Fatalf("%s failure %d: err = %v, want ErrUnauthenticated", email, i+1, err)
			}
		}
		if _, err := db.Login(ctx, email, pw, "203.0.113.5"); !errors.Is(err, workflow.ErrLocked) {
			t.Errorf("%s from the guessing address: err = %v, want ErrLocked", email, err)
		}
	}
	// The owner elsewhere is not locked out.
	if _, err := db.Login(ctx, "ann@example.org", pw, "198.51.100.1"); err != nil {
		t.Errorf("the owner from their own address: %v", err)
	}
	pw2, err := db.ResetPassword(ctx, 0, "ANN@example.org")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Login(ctx, "ann@example.org", pw2, "203.0.113.5"); err != nil {
		t.Errorf("after reset, from the address that was throttled: %v", err)
	}
	if _, err := db.Authenticate(ctx, "ann@example.org", pw); !errors.Is(err, workflow.ErrUnauthenticated) {
		t.Errorf("old password after reset: err = %v, want ErrUnauthenticated", err)
	}
}

func TestCheckNewPassword(t *testing.T) {
	for pw, ok := range map[string]bool{
		"short":                  false,
		"password1234":           false,
		"PASSWORD1234":           false,
		"qwertyuiop123!":         false,
		"aaaaaaaaaaaaaaa":        false,
		"iloveyou2026!!":         false,
		"lantern orchard pebble": true,
		"Tr0ub4dor&3-horse":      true,
	} {
		if err := postgres.CheckNewPassword(pw); (err == nil) != ok {
			t.Errorf("CheckNewPassword(%q) = %v, want ok=%v", pw, err, ok)
		}
	}
}

func TestTeamsIgnoreCase(t *testing.T) {
	ctx := context.Background()
	db := newFixture(t).db
	a, err := db.TeamID(ctx, "Legal Services")
	if err != nil {
		t.Fatal(err)
	}
	u, _, err := db.CreateUser(ctx, 0, postgres.NewUser{Email: "lee@example.org", Name: "Lee", Roles: []workflow.Role{workflow.RoleLegal}, Team: "legal services"})
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := db.TeamID(ctx, " LEGAL SERVICES "); b != a || u.TeamID != a {
		t.Errorf("team ids %d, %d for other capitals, want %d", b, u.TeamID, a)
	}
	if _, err := db.Pool.Exec(ctx, `INSERT INTO teams (name) VALUES ('legal SERVICES')`); err == nil {
		t.Errorf("a second team spelt alike was stored")
	}
}
