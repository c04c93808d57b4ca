package bench

import (
	"database/sql"
	"net/url"
	"os"
	"strconv"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"

	"rapport/app"
	"rapport/sqlstore"
)

// pgFixture returns a URL to a PostgreSQL schema filled by `rapport gen`
// with seed 1, generating it the first time. RAPPORT_BENCH_POSTGRES names the
// server; without it the PostgreSQL benchmarks are skipped.
func pgFixture(b *testing.B, s Size) string {
	base := os.Getenv("RAPPORT_BENCH_POSTGRES")
	if base == "" {
		b.Skip("set RAPPORT_BENCH_POSTGRES to a PostgreSQL URL to run the PostgreSQL benchmarks")
	}
	schema := "bench_gen_" + strconv.Itoa(s.Contacts) + "_" + strconv.Itoa(s.Interactions)
	u, err := url.Parse(base)
	if err != nil {
		b.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	admin, err := sql.Open("pgx", base)
	if err != nil {
		b.Fatal(err)
	}
	defer admin.Close()
	var done bool
	admin.QueryRow(`SELECT EXISTS (SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name = 'bench_done')`, schema).Scan(&done)
	if done {
		return u.String()
	}
	if _, err := admin.Exec("DROP SCHEMA IF EXISTS " + schema + " CASCADE; CREATE SCHEMA " + schema); err != nil {
		b.Fatal(err)
	}
	if err := RunCLI(u.String(), "init"); err != nil {
		b.Fatal(err)
	}
	if err := RunCLI(u.String(), "gen", "--contacts", strconv.Itoa(s.Contacts), "--interactions", strconv.Itoa(s.Interactions), "--seed", "1"); err != nil {
		b.Fatal(err)
	}
	if _, err := admin.Exec("CREATE TABLE " + schema + ".bench_done ()"); err != nil {
		b.Fatal(err)
	}
	return u.String()
}

// engineFixtures runs a benchmark on the SQLite and PostgreSQL fixtures.
func engineFixtures(b *testing.B, run func(b *testing.B, svc *app.Service, acct int64)) {
	size := FixtureSize()
	for _, engine := range []string{"sqlite", "postgres"} {
		b.Run(engine, func(b *testing.B) {
			var dsn string
			if engine == "sqlite" {
				dsn = Fixture(b, size)
			} else {
				dsn = pgFixture(b, size)
			}
			db, err := sqlstore.Open(ctx, dsn)
			if err != nil {
				b.Fatal(err)
			}
			defer db.Close()
			a, err := db.DefaultAccount(ctx)
			if err != nil {
				b.Fatal(err)
			}
			now, _ := time.Parse(time.RFC3339, Now)
			b.ResetTimer() // the fixture may have just been generated
			run(b, &app.Service{Store: db, Now: func() time.Time { return now }}, a.ID)
		})
	}
}

// BenchmarkToday computes `rapport today` for the fixture's account.
func BenchmarkToday(b *testing.B) {
	engineFixtures(b, func(b *testing.B, svc *app.Service, acct int64) {
		for range b.N {
			t, err := svc.Today(ctx, acct)
			if err != nil || len(t.Items) == 0 {
				b.Fatal(err, len(t.Items))
			}
		}
	})
}

// BenchmarkReview computes `rapport review` (since the beginning).
func BenchmarkReview(b *testing.B) {
	engineFixtures(b, func(b *testing.B, svc *app.Service, acct int64) {
		for range b.N {
			if _, err := svc.Review(ctx, acct, time.Time{}); err != nil {
				b.Fatal(err)
			}
		}
	})
}
