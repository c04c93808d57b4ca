package cli

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"rapport"
	"rapport/sqlstore"
	"rapport/sqlstore/sqltest"
)

// TestBackupIsConsistentWhileOthersWrite backs a SQLite database up while
// writers add interactions (each with its links and summaries, in one
// transaction), then opens the copy: SQLite finds it sound, and every
// summary agrees with the links it holds, so no write was half copied.
func TestBackupIsConsistentWhileOthersWrite(t *testing.T) {
	s := newSession(t, "sqlite")
	s.ok("gen", "--contacts", "300", "--interactions", "20000")
	dsn := s.env["RAPPORT_DB"]
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var wrote atomic.Int64
	var wg sync.WaitGroup
	for w := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			db, err := sqlstore.Open(ctx, dsn)
			if err != nil {
				if ctx.Err() == nil { // not when the backups are over before this writer began
					t.Error(err)
				}
				return
			}
			defer db.Close()
			for n := 0; ctx.Err() == nil; n++ {
				batch := []*rapport.Interaction{}
				for k := range 50 {
					batch = append(batch, &rapport.Interaction{At: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(n*50+k) * time.Minute),
						Channel: rapport.ChannelCall, ContactIDs: []int64{int64(1 + (n+k+w)%300)}, CreatedAt: time.Now()})
				}
				if err := db.CreateInteractions(ctx, 1, batch); err != nil {
					if ctx.Err() == nil {
						t.Error(err)
					}
					return
				}
				wrote.Add(50)
			}
		}()
	}
	for wrote.Load() < 500 {
		time.Sleep(10 * time.Millisecond)
	}
	dir := t.TempDir()
	var copies []string
	for i := range 3 {
		path := filepath.Join(dir, "backup"+string(rune('a'+i))+".db")
		out := s.ok("backup", path)
		if !strings.HasPrefix(out, "Backed up the database to "+path) || !strings.Contains(out, "passed SQLite's integrity check: 300 contacts") {
			t.Fatalf("backup said %q", out)
		}
		copies = append(copies, path)
	}
	cancel()
	wg.Wait()
	if wrote.Load() < 1000 {
		t.Logf("only %d interactions were written during the backups", wrote.Load())
	}
	var last int64
	for _, path := range copies {
		db, err := sql.Open("rapport-sqlite3", path)
		if err != nil {
			t.Fatal(err)
		}
		var check string
		var interactions, links, summed int64
		err = db.QueryRow("PRAGMA integrity_check").Scan(&check)
		if err == nil {
			err = db.QueryRow(`SELECT (SELECT COUNT(*) FROM interactions), (SELECT COUNT(*) FROM interaction_contacts),
				(SELECT SUM(n_interactions) FROM contacts)`).Scan(&interactions, &links, &summed)
		}
		db.Close()
		if err != nil || check != "ok" {
			t.Fatalf("%s: integrity %q, %v", path, check, err)
		}
		if links != summed || interactions < 20000+500 || interactions < last {
			t.Fatalf("%s: %d interactions, %d links, summaries count %d (the copy before had %d interactions)", path, interactions, links, summed, last)
		}
		last = interactions
	}
	var res struct {
		Path      string `json:"path"`
		Integrity string `json:"integrity"`
		Bytes     int64  `json:"bytes"`
		Contacts  int64  `json:"contacts"`
	}
	s.json(&res, "backup", filepath.Join(dir, "json.db"))
	if res.Integrity != "ok" || res.Bytes == 0 || res.Contacts != 300 {
		t.Fatalf("backup --json: %+v", res)
	}
	// Never over a file, nor into a folder that is not there.
	if r := s.run("backup", copies[0]); r.code != 2 || !strings.Contains(r.stderr, "already exists") {
		t.Fatalf("backup over a file: exit %d %q", r.code, r.stderr)
	}
	if r := s.run("backup", filepath.Join(dir, "none", "x.db")); r.code != 2 || !strings.Contains(r.stderr, "its folder does not exist") {
		t.Fatalf("backup into no folder: exit %d %q", r.code, r.stderr)
	}
	// The copy is a database Rapport opens.
	c := &session{t: t, env: map[string]string{"RAPPORT_DB": copies[0], "RAPPORT_NOW": s.env["RAPPORT_NOW"], "TZ": "UTC"}}
	if out := c.ok("contact", "list", "--limit", "1"); out == "" {
		t.Fatal("the copy lists no contact")
	}
	if _, err := os.Stat(dsn); err != nil {
		t.Fatal(err)
	}
}

func TestBackupOfPostgreSQLPointsToPgDump(t *testing.T) {
	sqltest.Require(t, "postgres")
	s := newSession(t, "postgres")
	r := s.run("backup", filepath.Join(t.TempDir(), "x.db"))
	if r.code != 2 || !strings.Contains(r.stderr, "pg_dump --format=custom") {
		t.Fatalf("backup of PostgreSQL: exit %d %q", r.code, r.stderr)
	}
}
