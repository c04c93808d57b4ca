// Package client calls Rapport's REST API: what `rapport --server URL
// --token TOKEN` uses to run the CLI's commands against a server. Its
// methods take and return the domain's types, and turn problem details back
// into *rapport.Error, so the CLI treats a server's answers as it treats the
// local store's.
package client

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"rapport"
)

// Client is a connection to one server, as one token's user. Errors the
// server did not answer with (it cannot be reached, its answer is not
// Rapport's) are internal *rapport.Errors with a catalog key (client.*) and
// the cause.
type Client struct {
	base  string
	token string
	// Lang is sent as Accept-Language: the server writes its texts in it.
	Lang string
	http *http.Client
}

// New returns a client of the server at base (http://host:port) with a
// token from `rapport token create`.
func New(base, token string) (*Client, error) {
	u, err := url.Parse(strings.TrimRight(base, "/"))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, rapport.Invalid("--server", base, "use the server's URL, e.g. https://rapport.example.com").Keyed("client.server_url", nil)
	}
	if token = strings.TrimSpace(token); token == "" {
		return nil, (&rapport.Error{Code: rapport.EINVALID,
			Message: "--token: a token is required with --server (create one with `rapport token create` on the server's machine, or in the web app)"}).
			Keyed("client.token_required", nil)
	}
	return &Client{base: u.String(), token: token, http: &http.Client{Timeout: 60 * time.Second}}, nil
}

// call sends a request with a JSON body (when not nil) and decodes a 2xx
// answer into out (when not nil). ifMatch, when not 0, is sent as the
// version the change is based on.
func (c *Client) call(ctx context.Context, method, path string, body, out any, ifMatch int64) error {
	var (
		rd    io.Reader
		ctype string
	)
	if body != nil {
		data, err := json.Marshal(body)
		if err != nil {
			return rapport.Internal(err)
		}
		rd, ctype = bytes.NewReader(data), "application/json"
	}
	return c.send(ctx, method, path, ctype, rd, out, ifMatch)
}

// send sends a request with a body of a media type (a file, for an
// upload) and decodes a 2xx answer into out (when not nil).
func (c *Client) send(ctx context.Context, method, path, ctype string, body io.Reader, out any, ifMatch int64) error {
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, body)
	if err != nil {
		return rapport.Internal(err)
	}
	req.Header.Set("Authorization", "Bearer "+c.token)
	req.Header.Set("Accept", "application/json")
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	if c.Lang != "" {
		req.Header.Set("Accept-Language", c.Lang)
	}
	if ifMatch != 0 {
		req.Header.Set("If-Match", strconv.Quote(strconv.FormatInt(ifMatch, 10)))
	}
	res, err := c.http.Do(req)
	if err != nil {
		return (&rapport.Error{Code: rapport.EINTERNAL, Message: "cannot reach the server", Err: err}).Keyed("client.unreachable", nil)
	}
	defer res.Body.Close()
	data, err := io.ReadAll(io.LimitReader(res.Body, 64<<20))
	if err != nil {
		return (&rapport.Error{Code: rapport.EINTERNAL, Message: "the server's answer was cut off", Err: err}).Keyed("client.cut_off", nil)
	}
	if res.StatusCode >= 300 {
		return problemError(res.StatusCode, data)
	}
	if out == nil || res.StatusCode == http.StatusNoContent {
		return nil
	}
	if err := json.Unmarshal(data, out); err != nil {
		return (&rapport.Error{Code: rapport.EINTERNAL, Message: "the server's answer is not what this version of rapport expects", Err: err}).
			Keyed("client.unexpected", nil)
	}
	return nil
}

// problemError turns a problem details answer into the *rapport.Error the
// server had, so exit statuses are the same as with a local database.
func problemError(status int, data []byte) error {
	var p struct {
		Code       string   `json:"code"`
		Detail     string   `json:"detail"`
		Field      string   `json:"field"`
		Candidates []string `json:"candidates"`
	}
	if err := json.Unmarshal(data, &p); err != nil || p.Code == "" {
		return (&rapport.Error{Code: rapport.EINTERNAL, Message: "the server's answer is not one of Rapport's",
			Err: fmt.Errorf("HTTP %d %s", status, http.StatusText(status))}).Keyed("client.status", nil)
	}
	code := rapport.ErrorCode(p.Code)
	switch {
	case status == http.StatusPreconditionFailed:
		code = rapport.ECONFLICT
	case status == http.StatusTooManyRequests:
		code = rapport.ETHROTTLED
	case status >= 400 && status < 500 && !knownCode(code):
		code = rapport.EINVALID // 413, 415, 428: the request was wrong
	case status >= 500:
		code = rapport.EINTERNAL
	}
	msg := p.Detail
	if msg == "" {
		msg = http.StatusText(status)
	}
	e := &rapport.Error{Code: code, Field: p.Field, Message: msg, Candidates: p.Candidates}
	if code == rapport.EINTERNAL {
		// Say what the server said: its text is all the CLI has.
		e.Err = fmt.Errorf("server: %s", msg)
	}
	return e
}

func knownCode(c rapport.ErrorCode) bool {
	switch c {
	case rapport.EINVALID, rapport.ENOTFOUND, rapport.ECONFLICT, rapport.EUNAUTHORIZED, rapport.EFORBIDDEN, rapport.ETHROTTLED:
		return true
	}
	return false
}

func id(n int64) string { return strconv.FormatInt(n, 10) }
