package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"rapport"
	"rapport/app"
	"rapport/password"
	"rapport/server"
	"rapport/sqlstore"
	"rapport/sqlstore/sqltest"
)

// TestGracefulShutdownLosesNoAcknowledgedWrite stops a server while
// clients write as fast as they can, then checks that every contact whose
// creation was acknowledged (201) is in the database.
func TestGracefulShutdownLosesNoAcknowledgedWrite(t *testing.T) {
	for _, engine := range sqltest.Engines {
		t.Run(engine, func(t *testing.T) {
			sqltest.Require(t, engine)
			dsn := sqltest.DSN(t, engine)
			db, err := sqlstore.Open(t.Context(), dsn)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			svc := &app.Service{Store: db, Now: time.Now, Passwords: password.Fast}
			p, err := svc.SignUp(t.Context(), app.SignUpRequest{DisplayName: "Maya", Email: "maya@acme.example", Password: "a long password 1"})
			if err != nil {
				t.Fatal(err)
			}
			tok, err := svc.CreateToken(t.Context(), p.Principal, "load", rapport.ScopeWrite)
			if err != nil {
				t.Fatal(err)
			}
			srv := server.New(server.Config{Service: svc, Holder: "test", JobEvery: -1})
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			ctx, stop := context.WithCancel(context.Background())
			served := make(chan error, 1)
			go func() { served <- srv.Serve(ctx, ln) }()

			var (
				mu    sync.Mutex
				acked []int64
				wg    sync.WaitGroup
			)
			url := "http://" + ln.Addr().String() + "/api/v1/contacts"
			client := &http.Client{Timeout: 10 * time.Second}
			for w := range 8 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for n := 0; ; n++ {
						body := fmt.Sprintf(`{"display_name": "Writer %d contact %d"}`, w, n)
						req, _ := http.NewRequest("POST", url, strings.NewReader(body))
						req.Header.Set("Content-Type", "application/json")
						req.Header.Set("Authorization", "Bearer "+tok.Token)
						res, err := client.Do(req)
						if err != nil {
							return // the server stopped accepting
						}
						data, _ := io.ReadAll(res.Body)
						res.Body.Close()
						if res.StatusCode == http.StatusCreated {
							var c rapport.Contact
							if err := json.Unmarshal(data, &c); err != nil {
								t.Errorf("201 without a contact: %s", data)
								return
							}
							mu.Lock()
							acked = append(acked, c.ID)
							mu.Unlock()
						} else if res.StatusCode != http.StatusServiceUnavailable {
							t.Errorf("write answered %d: %s", res.StatusCode, data)
							return
						}
					}
				}()
			}
			time.Sleep(300 * time.Millisecond)
			stop()
			if err := <-served; err != nil {
				t.Fatalf("Serve returned %v", err)
			}
			wg.Wait()
			if len(acked) == 0 {
				t.Fatal("no write was acknowledged before the shutdown: the test proves nothing")
			}
			// Read back through a fresh connection, as a restarted server would.
			db2, err := sqlstore.Open(t.Context(), dsn)
			if err != nil {
				t.Fatal(err)
			}
			defer db2.Close()
			cs, err := db2.Contacts(t.Context(), p.Principal.Account.ID, rapport.ContactFilter{IDs: acked})
			if err != nil {
				t.Fatal(err)
			}
			if len(cs) != len(acked) {
				t.Fatalf("%d writes acknowledged, %d in the database after shutdown", len(acked), len(cs))
			}
			t.Logf("%d writes acknowledged before shutdown, all stored", len(acked))
		})
	}
}
