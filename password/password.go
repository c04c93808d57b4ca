// Package password hashes and checks passwords with argon2id, in the PHC
// string format ($argon2id$v=19$m=...,t=...,p=...$salt$hash), so that the
// parameters travel with each hash and can be raised later: a hash made with
// weaker parameters is reported for rehashing at the next sign-in.
package password

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"

	"rapport"
)

// Params are argon2id's cost parameters. docs/security.md says why these.
type Params struct {
	Memory  uint32 // KiB
	Time    uint32 // passes
	Threads uint8
	SaltLen uint32
	KeyLen  uint32
}

// Default follows RFC 9106's second recommended option and OWASP's
// guidance: 64 MiB, 3 passes, 1 lane (one lane keeps a 2-core server
// responsive under parallel sign-ins).
var Default = Params{Memory: 64 * 1024, Time: 3, Threads: 1, SaltLen: 16, KeyLen: 32}

// Fast is for tests only: the same algorithm with trivial costs.
var Fast = Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}

// Length limits: long enough for passphrases, short enough that hashing
// cannot be used to burn CPU with megabyte "passwords".
const (
	MinLength = 10
	MaxLength = 256
)

// Check refuses a password that is too short or too long, naming the field.
// The error never holds the password: its arguments are the field and the
// limit (error.password.too_short, error.password.too_long, plural in the
// limit).
func Check(pw string) error {
	n := utf8.RuneCountInString(pw)
	if n < MinLength {
		return refuse("too_short", fmt.Sprintf("password: must be at least %d characters", MinLength), MinLength)
	}
	if len(pw) > MaxLength {
		return refuse("too_long", fmt.Sprintf("password: must be at most %d bytes", MaxLength), MaxLength)
	}
	return nil
}

func refuse(reason, english string, limit int) *rapport.Error {
	return (&rapport.Error{Code: rapport.EINVALID, Field: "password", Message: english}).
		Keyed("error.password."+reason, map[string]any{"field": "password", "count": limit})
}

// Hash hashes a password with p.
func Hash(pw string, p Params) (string, error) {
	salt := make([]byte, p.SaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := argon2.IDKey([]byte(pw), salt, p.Time, p.Memory, p.Threads, p.KeyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, p.Memory, p.Time, p.Threads,
		b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// Verify reports whether pw matches hash, and whether the hash was made
// with parameters other than want (so the caller can store a new one).
func Verify(pw, hash string, want Params) (ok, rehash bool, err error) {
	p, salt, key, err := decode(hash)
	if err != nil {
		return false, false, err
	}
	got := argon2.IDKey([]byte(pw), salt, p.Time, p.Memory, p.Threads, uint32(len(key)))
	ok = subtle.ConstantTimeCompare(got, key) == 1
	rehash = p.Memory != want.Memory || p.Time != want.Time || p.Threads != want.Threads
	return ok, rehash, nil
}

// Dummy is a hash to verify against when there is no user, so that a
// sign-in with an unknown email takes as long as one with a wrong password.
func Dummy(p Params) string {
	h, _ := Hash("no user has this password", p)
	return h
}

func decode(hash string) (p Params, salt, key []byte, err error) {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return p, nil, nil, fmt.Errorf("password hash: not an argon2id PHC string")
	}
	var v int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &v); err != nil || v != argon2.Version {
		return p, nil, nil, fmt.Errorf("password hash: unsupported argon2 version %q", parts[2])
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.Memory, &p.Time, &p.Threads); err != nil {
		return p, nil, nil, fmt.Errorf("password hash: bad parameters %q", parts[3])
	}
	b64 := base64.RawStdEncoding
	if salt, err = b64.DecodeString(parts[4]); err != nil {
		return p, nil, nil, fmt.Errorf("password hash: bad salt")
	}
	if key, err = b64.DecodeString(parts[5]); err != nil {
		return p, nil, nil, fmt.Errorf("password hash: bad key")
	}
	return p, salt, key, nil
}
