package server

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"path"
	"strings"

	"github.com/emersion/go-vcard"
	"github.com/emersion/go-webdav"
	"github.com/emersion/go-webdav/carddav"

	"rapport"
	"rapport/app"
	"rapport/httpstatus"
)

// CardDAV: each user's address book (the account's live contacts) at
// /dav/, for the address books of phones and mail programs, with HTTP
// Basic auth: the user's email and an API token (a read token reads, a
// write token writes). The cards and their version rules are
// app/carddav.go's.
//
// Paths (go-webdav's carddav.Handler tells resources apart by depth):
//
//	/dav/                               root (current-user-principal)
//	/dav/<account>-<user>/              the user's principal
//	/dav/<account>-<user>/contacts/     the address book home set
//	/dav/<account>-<user>/contacts/default/         the address book
//	/dav/<account>-<user>/contacts/default/<name>   one card
const (
	davPrefix    = "/dav"
	davWellKnown = "/.well-known/carddav"
)

type davKey struct{}

// davRequest is what the backend needs of a request: who calls, and the
// If-Match of a DELETE (go-webdav passes none to the backend).
type davRequest struct {
	p       *rapport.Principal
	ifMatch string
}

// davHandler serves /dav/ and the /.well-known/carddav redirect.
func (s *Server) davHandler() http.Handler {
	h := &carddav.Handler{Backend: &davBackend{s: s}, Prefix: davPrefix}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == davWellKnown {
			// RFC 6764: the context path; the client then asks it for
			// the current user's principal, authenticated.
			http.Redirect(w, r, davPrefix+"/", http.StatusMovedPermanently)
			return
		}
		w.Header().Set("Cache-Control", "no-store")
		email, token, ok := r.BasicAuth()
		if !ok {
			davUnauthorized(w, "sign in with your email and an API token (rapport token create)")
			return
		}
		p, err := s.svc.BasicPrincipal(r.Context(), email, token)
		if err != nil {
			if rapport.ErrorCodeOf(err) == rapport.EUNAUTHORIZED {
				davUnauthorized(w, "invalid email or token")
				return
			}
			s.log.Error("carddav", "error", err)
			http.Error(w, "internal error", http.StatusInternalServerError)
			return
		}
		need := rapport.PermWrite
		switch r.Method {
		case http.MethodGet, http.MethodHead, http.MethodOptions, "PROPFIND", "REPORT":
			need = rapport.PermRead
		}
		if !p.Can(need) {
			http.Error(w, "this token may only read: use a token with scope write", http.StatusForbidden)
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, s.cfg.MaxBody)
		ctx := context.WithValue(r.Context(), davKey{}, &davRequest{p: p, ifMatch: r.Header.Get("If-Match")})
		h.ServeHTTP(w, r.WithContext(ctx))
	})
}

func davUnauthorized(w http.ResponseWriter, msg string) {
	w.Header().Set("WWW-Authenticate", `Basic realm="Rapport", charset="UTF-8"`)
	http.Error(w, msg, http.StatusUnauthorized)
}

// davBackend is the address book of the caller, for go-webdav.
type davBackend struct{ s *Server }

func (b *davBackend) req(ctx context.Context) *davRequest { return ctx.Value(davKey{}).(*davRequest) }

func (b *davBackend) acct(ctx context.Context) int64 { return b.req(ctx).p.Account.ID }

func (b *davBackend) CurrentUserPrincipal(ctx context.Context) (string, error) {
	p := b.req(ctx).p
	return fmt.Sprintf("%s/%d-%d/", davPrefix, p.Account.ID, p.User.ID), nil
}

func (b *davBackend) AddressBookHomeSetPath(ctx context.Context) (string, error) {
	pp, _ := b.CurrentUserPrincipal(ctx)
	return pp + "contacts/", nil
}

func (b *davBackend) book(ctx context.Context) carddav.AddressBook {
	home, _ := b.AddressBookHomeSetPath(ctx)
	return carddav.AddressBook{
		Path:            home + "default/",
		Name:            "Rapport",
		Description:     "The contacts of " + b.req(ctx).p.Account.Name,
		MaxResourceSize: b.s.cfg.MaxBody,
		SupportedAddressData: []carddav.AddressDataType{
			{ContentType: vcard.MIMEType, Version: "3.0"},
			{ContentType: vcard.MIMEType, Version: "4.0"},
		},
	}
}

func (b *davBackend) ListAddressBooks(ctx context.Context) ([]carddav.AddressBook, error) {
	return []carddav.AddressBook{b.book(ctx)}, nil
}

func (b *davBackend) GetAddressBook(ctx context.Context, p string) (*carddav.AddressBook, error) {
	ab := b.book(ctx)
	if strings.TrimSuffix(p, "/")+"/" != ab.Path {
		return nil, webdav.NewHTTPError(http.StatusNotFound, errors.New("no such address book"))
	}
	return &ab, nil
}

func (b *davBackend) CreateAddressBook(ctx context.Context, ab *carddav.AddressBook) error {
	return webdav.NewHTTPError(http.StatusForbidden, errors.New("one address book per user: it cannot be created or deleted"))
}

func (b *davBackend) DeleteAddressBook(ctx context.Context, p string) error {
	if _, err := b.GetAddressBook(ctx, p); err != nil {
		return err
	}
	return webdav.NewHTTPError(http.StatusForbidden, errors.New("one address book per user: it cannot be created or deleted"))
}

// cardName is the name of the card at p, in the caller's address book.
func (b *davBackend) cardName(ctx context.Context, p string) (string, error) {
	dir, name := path.Split(p)
	if dir != b.book(ctx).Path || name == "" {
		return "", webdav.NewHTTPError(http.StatusNotFound, errors.New("no such card"))
	}
	return name, nil
}

func (b *davBackend) object(ctx context.Context, d *app.DAVCard) carddav.AddressObject {
	return carddav.AddressObject{Path: b.book(ctx).Path + d.Name, ModTime: d.Contact.UpdatedAt, ETag: d.ETag(), Card: d.Card}
}

func (b *davBackend) GetAddressObject(ctx context.Context, p string, req *carddav.AddressDataRequest) (*carddav.AddressObject, error) {
	name, err := b.cardName(ctx, p)
	if err != nil {
		return nil, err
	}
	d, err := b.s.svc.DAVCard(ctx, b.acct(ctx), name)
	if err != nil {
		return nil, b.fail(err)
	}
	ao := b.object(ctx, d)
	return &ao, nil
}

func (b *davBackend) ListAddressObjects(ctx context.Context, p string, req *carddav.AddressDataRequest) ([]carddav.AddressObject, error) {
	if _, err := b.GetAddressBook(ctx, p); err != nil {
		return nil, err
	}
	ds, err := b.s.svc.DAVCards(ctx, b.acct(ctx))
	if err != nil {
		return nil, b.fail(err)
	}
	aos := make([]carddav.AddressObject, len(ds))
	for i, d := range ds {
		aos[i] = b.object(ctx, d)
	}
	return aos, nil
}

func (b *davBackend) QueryAddressObjects(ctx context.Context, p string, q *carddav.AddressBookQuery) ([]carddav.AddressObject, error) {
	aos, err := b.ListAddressObjects(ctx, p, &q.DataRequest)
	if err != nil {
		return nil, err
	}
	return carddav.Filter(q, aos)
}

func (b *davBackend) PutAddressObject(ctx context.Context, p string, card vcard.Card, opts *carddav.PutAddressObjectOptions) (*carddav.AddressObject, error) {
	name, err := b.cardName(ctx, p)
	if err != nil {
		return nil, err
	}
	cond := app.DAVConditions{IfMatch: etagOf(opts.IfMatch), IfNoneMatch: etagOf(opts.IfNoneMatch)}
	d, _, err := b.s.svc.PutDAVCard(ctx, b.acct(ctx), name, card, cond)
	if err != nil {
		return nil, b.fail(err)
	}
	ao := b.object(ctx, d)
	return &ao, nil
}

func (b *davBackend) DeleteAddressObject(ctx context.Context, p string) error {
	name, err := b.cardName(ctx, p)
	if err != nil {
		return err
	}
	return b.fail(b.s.svc.DeleteDAVCard(ctx, b.acct(ctx), name, etagOf(webdav.ConditionalMatch(b.req(ctx).ifMatch))))
}

// etagOf is a conditional header's entity tag, unquoted, or "*"; a
// malformed one stays as it is, and matches no version.
func etagOf(m webdav.ConditionalMatch) string {
	if !m.IsSet() || m.IsWildcard() {
		return string(m)
	}
	if t, err := m.ETag(); err == nil {
		return t
	}
	return strings.TrimSpace(string(m))
}

// fail turns an error of app into go-webdav's: the status the API would
// answer (a stale version fails the precondition: 412), with its message;
// an internal error is logged, never sent.
func (b *davBackend) fail(err error) error {
	if err == nil {
		return nil
	}
	status := httpstatus.Conditional(err)
	if status >= 500 {
		b.s.log.Error("carddav", "error", err)
		return webdav.NewHTTPError(status, errors.New("internal error"))
	}
	return webdav.NewHTTPError(status, err)
}
