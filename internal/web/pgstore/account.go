package pgstore

import (
	"context"

	"github.com/disclose-sar/disclose/internal/postgres"
	"github.com/disclose-sar/disclose/internal/web"
	"github.com/disclose-sar/disclose/internal/workflow"
)

func account(a postgres.Account) web.Account {
	return web.Account{User: a.User, TeamName: a.TeamName, AlsoServesNames: a.AlsoServesNames, MustChangePassword: a.MustChangePassword,
		Disabled: a.Disabled, LastLogin: a.LastLogin, Stamp: a.Stamp}
}

// Login implements web.UserStore.
func (s *Store) Login(ctx context.Context, email, password, ip string) (web.Account, error) {
	a, err := s.DB.Login(ctx, email, password, ip)
	return account(a), err
}

// Account implements web.UserStore.
func (s *Store) Account(ctx context.Context, id int64) (web.Account, error) {
	a, err := s.DB.Account(ctx, id)
	return account(a), err
}

// ChangePassword implements web.UserStore.
func (s *Store) ChangePassword(ctx context.Context, id int64, current, next string) (web.Account, error) {
	a, err := s.DB.ChangePassword(ctx, id, current, next)
	return account(a), err
}

// Ping implements web.UserStore.
func (s *Store) Ping(ctx context.Context) error { return s.DB.Pool.Ping(ctx) }

// Accounts implements web.AdminStore.
func (s *Store) Accounts(ctx context.Context) ([]web.Account, error) {
	as, err := s.DB.Accounts(ctx)
	out := make([]web.Account, len(as))
	for i, a := range as {
		out[i] = account(a)
	}
	return out, err
}

// Teams implements web.AdminStore.
func (s *Store) Teams(ctx context.Context) ([]web.Team, error) {
	ts, err := s.DB.Teams(ctx)
	out := make([]web.Team, len(ts))
	for i, t := range ts {
		out[i] = web.Team{ID: t.ID, Name: t.Name, Users: t.Users}
	}
	return out, err
}

// AddUser implements web.AdminStore.
func (s *Store) AddUser(ctx context.Context, by web.User, in web.NewAccount) (web.Account, string, error) {
	u, pw, err := s.DB.CreateUser(ctx, by.ID, postgres.NewUser{Email: in.Email, Name: in.Name, Roles: in.Roles, Team: in.Team,
		AlsoServes: in.AlsoServes})
	if err != nil {
		return web.Account{}, "", err
	}
	a, err := s.DB.Account(ctx, u.ID)
	return account(a), pw, err
}

// ResetUser implements web.AdminStore.
func (s *Store) ResetUser(ctx context.Context, by web.User, id int64) (string, error) {
	return s.DB.ResetUser(ctx, by.ID, id)
}

// SetUserDisabled implements web.AdminStore.
func (s *Store) SetUserDisabled(ctx context.Context, by web.User, id int64, disabled bool) error {
	err := s.DB.SetDisabled(ctx, by.ID, id, disabled)
	s.forgetName(id)
	return err
}

// SetUserAccess implements web.AdminStore.
func (s *Store) SetUserAccess(ctx context.Context, by web.User, id int64, roles []workflow.Role, team string, also []string) error {
	return s.DB.SetAccess(ctx, by.ID, id, roles, team, also)
}

// forgetName drops a cached display name.
func (s *Store) forgetName(id int64) {
	s.mu.Lock()
	delete(s.names, id)
	s.mu.Unlock()
}
