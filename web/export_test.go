package web

import (
	"crypto/sha256"
	"encoding/hex"
)

// SetAsset embeds b as the static file name, or takes the file away when b
// is nil, so that tests see pages with and without the vendor libraries
// whatever .ci/assets installed before the build.
func SetAsset(w *Web, name string, b []byte) {
	if b == nil {
		delete(w.assets.files, name)
		delete(w.assets.hash, name)
		return
	}
	sum := sha256.Sum256(b)
	w.assets.files[name], w.assets.hash[name] = b, hex.EncodeToString(sum[:])[:12]
}
