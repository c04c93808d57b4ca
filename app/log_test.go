package app_test

import (
	"testing"
	"time"

	"rapport"
	"rapport/app"
	"rapport/rules"
	"rapport/sqlstore/sqltest"
)

// Rule "live beats written": an email invitation is not an attempt, and
// the user is told so once, however many people it went to.
func TestLogWarnsOnceAboutAWrittenInvitationToSeveralContacts(t *testing.T) {
	db := sqltest.Open(t, "sqlite")
	now := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	svc := &app.Service{Store: db, Now: func() time.Time { return now }}
	a, _, err := db.EnsureAccount(t.Context(), "Me", &rapport.User{DisplayName: "Maya", Lang: "en"}, now)
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, name := range []string{"Omar", "Zofia"} {
		c := &rapport.Contact{DisplayName: name}
		if err := svc.AddContact(t.Context(), a.ID, c); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, c.ID)
	}
	check, err := svc.LogChecked(t.Context(), a.ID, &rapport.Interaction{ContactIDs: ids, Channel: rapport.ChannelEmail, Invitation: true})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, w := range check.Warnings {
		if w.Code == rules.WarnNotAnAttempt {
			n++
		}
	}
	if n != 1 || check.CountsAsAttempt {
		t.Fatalf("warnings %+v, counts as attempt %v; want one not-an-attempt warning and no attempt", check.Warnings, check.CountsAsAttempt)
	}
}
