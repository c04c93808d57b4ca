// Package storetest is the conformance suite every rapport.Store runs: the
// same cases, on every engine, so the engines cannot drift apart.
package storetest

import (
	"context"
	"testing"
	"time"

	"rapport"
)

// Opener returns an empty store for one test.
type Opener func(t *testing.T) rapport.Store

// T0 is the suite's "now"; stores have no clock, so every time is explicit.
var T0 = time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC)

// Run runs every case of the suite against stores made by open.
func Run(t *testing.T, open Opener) {
	cases := []struct {
		name string
		run  func(t *testing.T, s rapport.Store)
	}{
		{"account is created once", testEnsureAccountIsIdempotent},
		{"contact round-trips every field", testContactRoundTrip},
		{"contact without a name is refused", testInvalidContactRefused},
		{"update with current version is stored", testUpdateContact},
		{"update with stale version is rejected and loses nothing", testStaleUpdateRejected},
		{"soft delete moves to trash and restore brings back", testSoftDeleteAndRestore},
		{"contact filters select by kind tier tag search and prefix", testContactFilters},
		{"contact pages follow the sort order", testContactPagination},
		{"interaction with several contacts appears in each timeline", testInteractionTimeline},
		{"interaction keeps each contact's summary", testSummaryMaintained},
		{"outcome change recomputes the summary", testOutcomeChangeResummarizes},
		{"stale interaction update is rejected", testStaleInteractionUpdate},
		{"interaction with unknown or trashed contact is refused", testInteractionNeedsLiveContacts},
		{"failed bulk contact write leaves no trace", testFailedContactBatchLeavesNoTrace},
		{"failed bulk interaction write leaves no trace", testFailedInteractionBatchLeavesNoTrace},
		{"last interaction per contact", testLastInteractions},
		{"notes attach to a contact newest first", testNotes},
		{"second account never sees the first one's data", testAccountIsolation},
		{"efforts promises trust events and favors round-trip", testEffortsPromisesTrustFavors},
		{"settings default and save per account", testSettings},
		{"filters for Today's candidates", testRuleCandidates},
		{"interactions since each contact's first effort", testEffortInteractions},
		{"statistics refresh after bulk writes", testAnalyzeAfterBulkWrites},
		{"concurrent writes lose no summary update", testConcurrentWritesKeepSummaries},
		{"second account never sees the first one's relationship records", testRelationshipIsolation},
		{"latest effort of each contact, and the live interactions since", testLatestEfforts},
		{"promises due, and promises they broke", testAgendaPromises},
		{"contacts owed a thank-you or an offer, most urgent first", testFavorCandidates},
		{"contacts with promises due, earliest first", testDuePromiseContacts},
		{"contacts with an effort not known to have ended, by start", testEffortContacts},
		{"the records that decide the agenda, for some contacts", testAgendaRecords},
		{"the birthdays of the contacts born on some days", testBornOn},
		{"several contact filters in one read", testContactLists},
		{"own cadences in the order they come due", testOwnCadenceDue},
		{"dormant contacts of a tier, oldest first", testDormantContacts},
		{"Today's reads never show another account's data", testTodayReadsIsolation},
		{"sign-up creates the owner's login; an email signs in one user", testSignUpAndLogins},
		{"sessions tokens and invites stay in their account", testCredentialsStayInTheirAccount},
		{"an invite is used once and not after it expires", testInviteIsUsedOnce},
		{"a job slot is claimed by exactly one caller", testJobSlotIsClaimedOnce},
		{"sign-in failures count per key and old ones are purged", testSigninFailuresAndPurge},
		{"stale invitations are the account's unanswered past ones", testStaleInvitations},
		{"an import writes contacts, notes, keys and interactions at once", testImportWritesOneBatch},
		{"a refused import leaves no trace", testFailedImportLeavesNoTrace},
		{"a merge moves everything to the contact kept and trashes the other", testMergeContacts},
		{"an archive restores exactly into an empty account", testArchiveRestoresExactly},
		{"keys, archives and merges never cross accounts", testExchangeIsolation},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			c.run(t, open(t))
		})
	}
}

// newAccount creates an account with an owner and returns its id.
func newAccount(t *testing.T, s rapport.Store, name string) int64 {
	t.Helper()
	a, err := s.CreateAccount(context.Background(), name, &rapport.User{DisplayName: name + " owner", Email: name + "@example.com"}, T0)
	if err != nil {
		t.Fatalf("create account %s: %v", name, err)
	}
	return a.ID
}

func addContact(t *testing.T, s rapport.Store, acct int64, c *rapport.Contact) *rapport.Contact {
	t.Helper()
	if c.CreatedAt.IsZero() {
		c.CreatedAt = T0
	}
	if err := s.CreateContact(context.Background(), acct, c); err != nil {
		t.Fatalf("create contact %q: %v", c.DisplayName, err)
	}
	return c
}

func logInteraction(t *testing.T, s rapport.Store, acct int64, i *rapport.Interaction) *rapport.Interaction {
	t.Helper()
	if i.CreatedAt.IsZero() {
		i.CreatedAt = T0
	}
	if err := s.CreateInteraction(context.Background(), acct, i); err != nil {
		t.Fatalf("create interaction: %v", err)
	}
	return i
}

func wantCode(t *testing.T, err error, code rapport.ErrorCode) {
	t.Helper()
	if got := rapport.ErrorCodeOf(err); got != code {
		t.Fatalf("error = %v (code %q), want code %q", err, got, code)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func days(n int) time.Duration { return time.Duration(n) * 24 * time.Hour }
