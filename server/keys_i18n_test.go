package server_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"rapport/i18n"
)

// TestEveryErrorKeyOfTheServerIsInEveryCatalog reads the sources that make
// the server's and sign-in's errors and checks that every catalog key they
// name (a literal "error.…" key, or error.not_found.WHAT through NotFound)
// is in the catalog of every language, so that a misspelt key cannot fall
// back to English unnoticed.
func TestEveryErrorKeyOfTheServerIsInEveryCatalog(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	files = append(files, "../app/accounts.go", "../app/jobs.go", "../auth.go", "../sqlstore/auth.go", "../password/password.go")
	literal := regexp.MustCompile(`"(error\.[a-z_.]*[a-z_])"`)
	notFound := regexp.MustCompile(`NotFound\("([a-z_]+)"`)
	keys := map[string]string{}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range literal.FindAllSubmatch(src, -1) {
			keys[string(m[1])] = f
		}
		for _, m := range notFound.FindAllSubmatch(src, -1) {
			keys["error.not_found."+string(m[1])] = f
		}
	}
	// A path's id that is not one is not found as the resource the route
	// names: /api/v1/promises/{id} is error.not_found.promise.
	e := newEnv(t, "sqlite")
	for _, rt := range e.srv.Routes() {
		if before, _, ok := strings.Cut(rt.Pattern, "/{id}"); ok {
			keys["error.not_found."+strings.TrimSuffix(before[strings.LastIndex(before, "/")+1:], "s")] = rt.Pattern
		}
	}
	// Keys made from a prefix: password.Check's reasons.
	keys["error.password.too_short"], keys["error.password.too_long"] = "../password/password.go", "../password/password.go"
	if len(keys) < 20 {
		t.Fatalf("found only %d keys: %v", len(keys), keys)
	}
	for key, f := range keys {
		for _, lang := range i18n.Supported {
			if !i18n.For(lang).Has(key) {
				t.Errorf("%s: %s is not in the %s catalog", f, key, lang)
			}
		}
	}
}
