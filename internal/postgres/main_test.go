package postgres_test

import (
	"testing"

	"github.com/disclose-sar/disclose/internal/pgtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }
