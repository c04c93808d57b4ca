package client_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"rapport"
	"rapport/app"
	"rapport/client"
	"rapport/server"
	"rapport/sqlstore/sqltest"
)

var now = time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)

// newClient is a client of a server on an empty database, with a write
// token of the account's owner.
func newClient(t *testing.T) (*client.Client, *app.Service, int64) {
	t.Helper()
	ctx := context.Background()
	db := sqltest.Open(t, "sqlite")
	svc := &app.Service{Store: db, Now: func() time.Time { return now }}
	a, _, err := db.EnsureAccount(ctx, "Personal", &rapport.User{DisplayName: "Maya", Lang: "en", Gender: rapport.GenderUnknown}, now)
	if err != nil {
		t.Fatal(err)
	}
	us, err := db.Users(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	tok, err := svc.CreateToken(ctx, &rapport.Principal{Account: a, User: us[0]}, "test", rapport.ScopeWrite)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(server.New(server.Config{Service: svc, JobEvery: -1}).Handler())
	t.Cleanup(srv.Close)
	c, err := client.New(srv.URL, tok.Token)
	if err != nil {
		t.Fatal(err)
	}
	return c, svc, a.ID
}

// Lists longer than the API's largest page come whole, page after page:
// contacts by the cursor, a timeline by the time of its last interaction,
// where several interactions at the same instant are neither lost nor
// repeated.
func TestListsLongerThanAPageComeWhole(t *testing.T) {
	c, svc, acct := newClient(t)
	ctx := context.Background()
	cs := make([]*rapport.Contact, 1100)
	for n := range cs {
		cs[n] = &rapport.Contact{DisplayName: fmt.Sprintf("Contact %04d", n), Kind: rapport.KindNetwork,
			Tier: rapport.TierWider, Gender: rapport.GenderUnknown, CreatedAt: now}
	}
	if err := svc.Store.CreateContacts(ctx, acct, cs); err != nil {
		t.Fatal(err)
	}
	got, err := c.Contacts(ctx, rapport.ContactFilter{})
	if err != nil || len(got) != 1100 {
		t.Fatalf("Contacts: %d, %v", len(got), err)
	}
	if got, err := c.Contacts(ctx, rapport.ContactFilter{Limit: 510}); err != nil || len(got) != 510 {
		t.Fatalf("Contacts with a limit: %d, %v", len(got), err)
	}

	// 1200 interactions, three at each instant.
	is := make([]*rapport.Interaction, 1200)
	for n := range is {
		at := now.Add(-time.Duration(n/3+1) * time.Hour)
		is[n] = &rapport.Interaction{ContactIDs: []int64{cs[0].ID}, At: at, CreatedAt: at, Channel: rapport.ChannelCall,
			Direction: rapport.Outbound, Outcome: rapport.OutcomeHeld}
	}
	if err := svc.Store.CreateInteractions(ctx, acct, is); err != nil {
		t.Fatal(err)
	}
	all, err := c.Timeline(ctx, cs[0].ID, 0)
	if err != nil || len(all) != 1200 {
		t.Fatalf("Timeline: %d, %v", len(all), err)
	}
	seen := map[int64]bool{}
	for n, i := range all {
		if seen[i.ID] || (n > 0 && i.At.After(all[n-1].At)) {
			t.Fatalf("Timeline: interaction %d repeated or out of order at %d", i.ID, n)
		}
		seen[i.ID] = true
	}
	if some, err := c.Timeline(ctx, cs[0].ID, 700); err != nil || len(some) != 700 || some[699].ID != all[699].ID {
		t.Fatalf("Timeline with a limit: %d, %v", len(some), err)
	}
}

// Problems come back as the *rapport.Error the server had; what is not the
// API's says so, with its cause.
func TestErrorsComeBackAsTheServersErrors(t *testing.T) {
	c, _, _ := newClient(t)
	ctx := context.Background()
	_, err := c.ResolveContact(ctx, "nobody", false)
	if rapport.ErrorCodeOf(err) != rapport.ENOTFOUND || rapport.ErrorMessage(err) != `no contact matches "nobody"` {
		t.Errorf("an unknown REF: %v (%s)", err, rapport.ErrorCodeOf(err))
	}
	if _, err := c.EditContact(ctx, 99, 1, app.ContactPatch{}); rapport.ErrorCodeOf(err) != rapport.ENOTFOUND {
		t.Errorf("editing a contact that is not there: %v", err)
	}
	c.Lang = "pl"
	if _, err := c.ResolveContact(ctx, "nobody", false); rapport.ErrorMessage(err) != "żaden kontakt nie pasuje do „nobody”" {
		t.Errorf("Accept-Language pl: %v", err)
	}

	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "bad gateway", http.StatusBadGateway)
	}))
	defer proxy.Close()
	pc, _ := client.New(proxy.URL, "rt_1_1_x")
	var e *rapport.Error
	if _, err := pc.Today(ctx); rapport.ErrorCodeOf(err) != rapport.EINTERNAL || !asError(err, &e) || e.Key != "client.status" || e.Err == nil {
		t.Errorf("a proxy's page: %#v", err)
	}
	dead, _ := client.New("http://127.0.0.1:1", "rt_1_1_x")
	if _, err := dead.Today(ctx); !asError(err, &e) || e.Key != "client.unreachable" || e.Err == nil {
		t.Errorf("no server: %#v", err)
	}
	if _, err := client.New("rapport.example.com", "t"); rapport.ErrorCodeOf(err) != rapport.EINVALID {
		t.Errorf("a URL without a scheme: %v", err)
	}
	if _, err := client.New("http://x", " "); rapport.ErrorCodeOf(err) != rapport.EINVALID {
		t.Errorf("no token: %v", err)
	}
}

func asError(err error, e **rapport.Error) bool {
	re, ok := err.(*rapport.Error)
	*e = re
	return ok
}
