-- A user may serve several teams (issue 14): legal advisers and
-- leaving-care support workers serve the teams that send them work. A
-- user's own team (users.team_id) is where the requests they log belong;
-- user_teams lists the other teams whose requests they also see and work.
CREATE TABLE user_teams (
    user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    team_id bigint NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, team_id)
);
CREATE INDEX user_teams_team_idx ON user_teams (team_id);
