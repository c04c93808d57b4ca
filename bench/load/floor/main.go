// Command floor is the floor of the API load benchmark (bench/load/run.sh):
// a bare net/http server answering GET /api/v1/contacts/{id} with the exact
// answer Rapport gives for that id — the same status, headers and JSON bytes
// — but with no database, authentication, middleware, metrics or logging
// work per request.
//
// At startup it asks the running Rapport server (-from, with -token) for
// every id in 1..-contacts once and keeps the answers in memory; each request
// is then a path parse, a slice lookup and a write. -pprof serves
// net/http/pprof on another address, to profile the floor itself.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/pprof"
	"os"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// answer is what Rapport said for one id.
type answer struct {
	status int
	header http.Header // without Date and Content-Length, which net/http writes
	body   []byte
}

func main() {
	var (
		addr      = flag.String("addr", "127.0.0.1:8081", "address to listen on")
		from      = flag.String("from", "http://127.0.0.1:8080", "the Rapport server to copy the answers of")
		token     = flag.String("token", os.Getenv("RAPPORT_TOKEN"), "API token for -from (default $RAPPORT_TOKEN)")
		contacts  = flag.Int("contacts", 100_000, "copy the answers for ids 1..contacts")
		workers   = flag.Int("workers", 4, "concurrent requests while copying")
		pprofAddr = flag.String("pprof", "", "serve net/http/pprof on this address too (off when empty)")
	)
	flag.Parse()
	log.SetFlags(0)
	log.SetPrefix("floor: ")

	start := time.Now()
	answers, err := load(*from, *token, *contacts, *workers)
	if err != nil {
		log.Fatal(err)
	}
	log.Printf("copied %d answers from %s in %s", len(answers)-1, *from, time.Since(start).Round(time.Millisecond))

	if *pprofAddr != "" {
		pm := http.NewServeMux()
		pm.HandleFunc("/debug/pprof/", pprof.Index)
		pm.HandleFunc("/debug/pprof/profile", pprof.Profile)
		pm.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
		pm.HandleFunc("/debug/pprof/trace", pprof.Trace)
		go func() { log.Print(http.ListenAndServe(*pprofAddr, pm)) }()
	}

	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/v1/contacts/{id}", func(w http.ResponseWriter, r *http.Request) {
		id, err := strconv.Atoi(r.PathValue("id"))
		if err != nil || id < 1 || id >= len(answers) {
			http.NotFound(w, r)
			return
		}
		a := &answers[id]
		h := w.Header()
		for k, v := range a.header {
			h[k] = v // shared, never modified
		}
		w.WriteHeader(a.status)
		w.Write(a.body)
	})
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok\n")) })
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	log.Printf("serving on http://%s", ln.Addr())
	log.Fatal(http.Serve(ln, mux))
}

// load asks Rapport for ids 1..n, in order of id, with a few workers.
func load(from, token string, n, workers int) ([]answer, error) {
	if token == "" {
		return nil, errors.New("no -token (or $RAPPORT_TOKEN)")
	}
	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: workers}}
	answers := make([]answer, n+1) // answers[0] is unused: ids start at 1
	var (
		next     atomic.Int64
		wg       sync.WaitGroup
		firstErr error
		errOnce  sync.Once
	)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	for range workers {
		wg.Go(func() {
			for ctx.Err() == nil {
				id := int(next.Add(1))
				if id > n {
					return
				}
				a, err := fetch(ctx, client, from, token, id)
				if err != nil {
					errOnce.Do(func() { firstErr = err; cancel() })
					return
				}
				answers[id] = a
			}
		})
	}
	wg.Wait()
	if firstErr != nil {
		return nil, firstErr
	}
	return answers, nil
}

func fetch(ctx context.Context, client *http.Client, from, token string, id int) (answer, error) {
	req, err := http.NewRequestWithContext(ctx, "GET", fmt.Sprintf("%s/api/v1/contacts/%d", from, id), nil)
	if err != nil {
		return answer{}, err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := client.Do(req)
	if err != nil {
		return answer{}, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return answer{}, fmt.Errorf("contact %d: %w", id, err)
	}
	if resp.StatusCode != http.StatusOK {
		return answer{}, fmt.Errorf("contact %d: %s: %s", id, resp.Status, body)
	}
	h := resp.Header.Clone()
	h.Del("Date")
	h.Del("Content-Length")
	return answer{status: resp.StatusCode, header: h, body: body}, nil
}
