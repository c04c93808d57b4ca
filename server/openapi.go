package server

import (
	_ "embed"
	"net/http"
)

// openAPI is the API's description, kept true by TestOpenAPIMatchesRoutes
// and linted in CI.
//
//go:embed openapi.json
var openAPI []byte

func serveOpenAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "public, max-age=300")
	w.Write(openAPI)
}
