package web

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
)

// static holds the web app's own CSS and script, and vendor/ the libraries
// installed from the npm registry by .ci/assets (not committed: the build
// embeds what is there, and the pages work without them).
//
//go:embed static
var static embed.FS

// assets serves embedded files under /static/HASH/NAME, where HASH is the
// start of the file's SHA-256: a changed file gets a new URL, so every URL
// can be cached for a year.
type assets struct {
	files map[string][]byte // by name
	hash  map[string]string // name → hash
}

func loadAssets() (*assets, error) {
	a := &assets{files: map[string][]byte{}, hash: map[string]string{}}
	err := fs.WalkDir(static, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), ".") {
			return err
		}
		b, err := static.ReadFile(p)
		if err != nil {
			return err
		}
		name := strings.TrimPrefix(p, "static/")
		sum := sha256.Sum256(b)
		a.files[name], a.hash[name] = b, hex.EncodeToString(sum[:])[:12]
		return nil
	})
	return a, err
}

// url is the cacheable URL of an asset; "" when it is not embedded (a
// vendor library not installed), so the page leaves it out.
func (a *assets) url(name string) string {
	h, ok := a.hash[name]
	if !ok {
		return ""
	}
	return "/static/" + h + "/" + name
}

func (a *assets) serve(w http.ResponseWriter, r *http.Request) {
	h, name := r.PathValue("hash"), r.PathValue("name")
	b, ok := a.files[name]
	if !ok || a.hash[name] != h {
		http.NotFound(w, r)
		return
	}
	if ct := mime.TypeByExtension(path.Ext(name)); ct != "" {
		w.Header().Set("Content-Type", ct)
	}
	w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	w.Write(b)
}
