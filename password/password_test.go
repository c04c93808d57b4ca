package password

import (
	"errors"
	"strings"
	"testing"

	"rapport"
	"rapport/i18n"
)

func TestHashVerifiesTheSamePasswordOnly(t *testing.T) {
	h, err := Hash("correct horse battery", Fast)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=64,t=1,p=1$") {
		t.Fatalf("hash %q is not an argon2id PHC string with its parameters", h)
	}
	for _, tc := range []struct {
		pw   string
		want bool
	}{
		{"correct horse battery", true},
		{"correct horse batterY", false},
		{"", false},
	} {
		ok, _, err := Verify(tc.pw, h, Fast)
		if err != nil || ok != tc.want {
			t.Errorf("Verify(%q) = %v, %v; want %v", tc.pw, ok, err, tc.want)
		}
	}
}

func TestTwoHashesOfOnePasswordDiffer(t *testing.T) {
	a, _ := Hash("same password here", Fast)
	b, _ := Hash("same password here", Fast)
	if a == b {
		t.Fatal("two hashes of one password are equal: the salt is not random")
	}
}

func TestVerifyAsksForRehashWhenParametersChanged(t *testing.T) {
	h, _ := Hash("a long enough password", Fast)
	ok, rehash, err := Verify("a long enough password", h, Default)
	if err != nil || !ok || !rehash {
		t.Fatalf("Verify with new parameters = ok %v rehash %v err %v; want ok and rehash", ok, rehash, err)
	}
	_, rehash, _ = Verify("a long enough password", h, Fast)
	if rehash {
		t.Fatal("rehash asked for a hash made with the current parameters")
	}
}

func TestVerifyRefusesMalformedHashes(t *testing.T) {
	for _, h := range []string{"", "plain", "$argon2i$v=19$m=64,t=1,p=1$c2FsdA$a2V5", "$argon2id$v=16$m=64,t=1,p=1$c2FsdA$a2V5",
		"$argon2id$v=19$m=x,t=1,p=1$c2FsdA$a2V5", "$argon2id$v=19$m=64,t=1,p=1$!!$a2V5"} {
		if _, _, err := Verify("pw", h, Fast); err == nil {
			t.Errorf("Verify accepted malformed hash %q", h)
		}
	}
}

func TestCheckNamesThePasswordField(t *testing.T) {
	for _, tc := range []struct {
		pw string
		ok bool
	}{
		{"short", false},
		{"ten chars!", true},
		{"żółć gęślą", true}, // ten characters, more bytes
		{strings.Repeat("x", MaxLength+1), false},
	} {
		err := Check(tc.pw)
		if (err == nil) != tc.ok {
			t.Errorf("Check(%d chars) = %v; want ok %v", len(tc.pw), err, tc.ok)
		}
		if err != nil && !strings.HasPrefix(err.Error(), "password:") {
			t.Errorf("error %q does not name the field", err)
		}
	}
}

// TestCheckSaysWhyInEveryLanguageWithoutThePassword: a refused password is
// said by its catalog key, with the limit as a count, in every language, and
// no argument or message holds the password itself.
func TestCheckSaysWhyInEveryLanguageWithoutThePassword(t *testing.T) {
	for _, tc := range []struct {
		pw, key string
		limit   int
	}{
		{"short pw", "error.password.too_short", MinLength},
		{strings.Repeat("secret ", 40), "error.password.too_long", MaxLength},
	} {
		var e *rapport.Error
		if !errors.As(Check(tc.pw), &e) {
			t.Fatalf("Check(%q) is not a *rapport.Error", tc.pw)
		}
		if e.Key != tc.key || e.Field != "password" || e.Args["count"] != tc.limit || e.Args["field"] != "password" {
			t.Errorf("Check(%d bytes) = key %q field %q args %v", len(tc.pw), e.Key, e.Field, e.Args)
		}
		if en, err := i18n.For("en").Render(e.Key, e.Args); err != nil || en != e.Message {
			t.Errorf("en %s = %q, %v; want the Message %q", e.Key, en, err, e.Message)
		}
		for _, lang := range i18n.Supported {
			s, err := i18n.For(lang).Render(e.Key, e.Args)
			if err != nil || strings.Contains(s, strings.TrimSpace(tc.pw)) {
				t.Errorf("%s %s = %q, %v", lang, e.Key, s, err)
			}
		}
		for _, v := range e.Args {
			if s, ok := v.(string); ok && strings.Contains(tc.pw, s) {
				t.Errorf("argument %q is part of the password", s)
			}
		}
	}
}
