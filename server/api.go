package server

import (
	"rapport"
)

const (
	read  = rapport.PermRead
	write = rapport.PermWrite
	admin = rapport.PermAdmin
)

// apiRoutes is the table of the API: every operation the CLI has, under
// /api/v1. Each handler scopes every store call to the caller's account.
func (s *Server) apiRoutes() []Route {
	return []Route{
		// Accounts, sign-in, users, invites, tokens.
		{Method: "POST", Pattern: "/api/v1/signup", handle: signUp},
		{Method: "POST", Pattern: "/api/v1/signin", handle: signIn},
		{Method: "POST", Pattern: "/api/v1/signout", Perm: read, handle: signOut},
		{Method: "GET", Pattern: "/api/v1/me", Perm: read, handle: me},
		{Method: "GET", Pattern: "/api/v1/users", Perm: admin, handle: listUsers},
		{Method: "POST", Pattern: "/api/v1/invites", Perm: admin, handle: createInvite},
		{Method: "POST", Pattern: "/api/v1/invites/accept", handle: acceptInvite},
		{Method: "GET", Pattern: "/api/v1/tokens", Perm: read, handle: listTokens},
		{Method: "POST", Pattern: "/api/v1/tokens", Perm: read, handle: createToken},
		{Method: "DELETE", Pattern: "/api/v1/tokens/{id}", Perm: read, handle: revokeToken},
		{Method: "POST", Pattern: "/api/v1/feed", Perm: read, handle: createFeed},

		// Contacts.
		{Method: "GET", Pattern: "/api/v1/contacts", Perm: read, handle: listContacts},
		{Method: "POST", Pattern: "/api/v1/contacts", Perm: write, handle: createContact},
		{Method: "GET", Pattern: "/api/v1/contacts/resolve", Perm: read, handle: resolveContact},
		{Method: "GET", Pattern: "/api/v1/contacts/{id}", Perm: read, handle: getContact},
		{Method: "PATCH", Pattern: "/api/v1/contacts/{id}", Perm: write, Versioned: true, handle: updateContact},
		{Method: "DELETE", Pattern: "/api/v1/contacts/{id}", Perm: write, handle: deleteContact},
		{Method: "POST", Pattern: "/api/v1/contacts/{id}/restore", Perm: write, handle: restoreContact},
		{Method: "GET", Pattern: "/api/v1/contacts/{id}/notes", Perm: read, handle: listNotes},
		{Method: "POST", Pattern: "/api/v1/contacts/{id}/notes", Perm: write, handle: addNote},
		{Method: "GET", Pattern: "/api/v1/contacts/{id}/timeline", Perm: read, handle: timeline},
		{Method: "GET", Pattern: "/api/v1/contacts/{id}/status", Perm: read, handle: status},
		{Method: "POST", Pattern: "/api/v1/contacts/{id}/efforts", Perm: write, handle: startEffort},
		{Method: "POST", Pattern: "/api/v1/contacts/{id}/trust", Perm: write, handle: recordTrust},
		{Method: "POST", Pattern: "/api/v1/contacts/{id}/thank", Perm: write, handle: thank},
		{Method: "POST", Pattern: "/api/v1/contacts/{id}/ask-check", Perm: read, handle: askCheck},
		{Method: "POST", Pattern: "/api/v1/contacts/{id}/drafts/reconnect", Perm: read, handle: draftReconnect},
		{Method: "POST", Pattern: "/api/v1/contacts/{id}/drafts/opener", Perm: read, handle: draftOpener},

		// Interactions.
		{Method: "POST", Pattern: "/api/v1/interactions", Perm: write, handle: logInteraction},
		{Method: "GET", Pattern: "/api/v1/interactions/{id}", Perm: read, handle: getInteraction},
		{Method: "PATCH", Pattern: "/api/v1/interactions/{id}", Perm: write, Versioned: true, handle: setOutcome},

		// Relationship records.
		{Method: "GET", Pattern: "/api/v1/efforts", Perm: read, handle: listEfforts},
		{Method: "GET", Pattern: "/api/v1/promises", Perm: read, handle: listPromises},
		{Method: "POST", Pattern: "/api/v1/promises", Perm: write, handle: addPromise},
		{Method: "GET", Pattern: "/api/v1/promises/{id}", Perm: read, handle: getPromise},
		{Method: "POST", Pattern: "/api/v1/promises/{id}/keep", Perm: write, handle: keepPromise},
		{Method: "POST", Pattern: "/api/v1/promises/{id}/break", Perm: write, handle: breakPromise},
		{Method: "GET", Pattern: "/api/v1/trust-events", Perm: read, handle: listTrust},
		{Method: "GET", Pattern: "/api/v1/favors", Perm: read, handle: listFavors},
		{Method: "POST", Pattern: "/api/v1/favors", Perm: write, handle: addFavor},

		// Imports: the body is the file.
		{Method: "POST", Pattern: "/api/v1/import/{format}", Perm: write, handle: importFile},

		// The rules' views, and the account's settings.
		{Method: "GET", Pattern: "/api/v1/today", Perm: read, handle: today},
		{Method: "GET", Pattern: "/api/v1/review", Perm: read, handle: review},
		{Method: "GET", Pattern: "/api/v1/settings", Perm: read, handle: getSettings},
		{Method: "PUT", Pattern: "/api/v1/settings", Perm: admin, handle: putSettings},
	}
}
