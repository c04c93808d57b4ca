package bench

import (
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"rapport"
	"rapport/app"
	"rapport/server"
	"rapport/sqlstore"
)

// The API benchmarks (issue 6) call the server's whole handler in-process
// (httptest, no network): GET /api/v1/contacts/{id} with a read token, as
// `rapport serve` answers it — routing, middleware, token authentication
// (three queries), the contact (three queries), JSON and metrics. The floor
// is a bare net/http handler behind the same ServeMux pattern that writes
// the same status, headers and bytes, kept in memory. bench/load/run.sh
// measures the same over the network, with wrk.

// apiIDs is how many different random contact ids the benchmarks cycle
// through (the floor keeps the answer of each).
const apiIDs = 4096

// apiTokenSecret is the secret of the benchmarks' token: fixed, so that the
// copy of the fixture that holds it can be reused by later runs.
const apiTokenSecret = "bench-api-token-secret-0123456789abcdef"

type apiFixture struct {
	handler http.Handler
	token   string // Authorization header value
	paths   []string
	answers []*httptest.ResponseRecorder // Rapport's, for paths[i]
}

var (
	apiOnce sync.Once
	apiFix  *apiFixture
	apiErr  error
)

// apiSetup returns the server over a copy of the fixture with a read token
// (the copy is kept beside the fixture and reused: the token is a write the
// shared fixture should not get), and Rapport's answers for the ids.
func apiSetup(b *testing.B) *apiFixture {
	b.Helper()
	size := FixtureSize()
	path := Fixture(b, size)
	apiOnce.Do(func() { apiFix, apiErr = newAPIFixture(path, size) })
	if apiErr != nil {
		b.Fatalf("api fixture: %v", apiErr)
	}
	return apiFix
}

func newAPIFixture(fixture string, size Size) (*apiFixture, error) {
	path := strings.TrimSuffix(fixture, ".db") + "-api.db"
	if _, err := os.Stat(path); err != nil {
		if err := apiCopyFile(fixture, path+".partial"); err != nil {
			return nil, err
		}
		if err := os.Rename(path+".partial", path); err != nil {
			return nil, err
		}
	}
	db, err := sqlstore.Open(ctx, path) // kept open for the process
	if err != nil {
		return nil, err
	}
	token, err := apiBenchToken(db)
	if err != nil {
		db.Close()
		return nil, err
	}
	svc := &app.Service{Store: db, Now: time.Now}
	f := &apiFixture{
		handler: server.New(server.Config{Service: svc, JobEvery: -1}).Handler(),
		token:   "Bearer " + token,
	}
	rng := rand.New(rand.NewPCG(1, 6))
	for range apiIDs {
		id := 1 + rng.IntN(size.Contacts)
		f.paths = append(f.paths, "/api/v1/contacts/"+strconv.Itoa(id))
	}
	for _, p := range f.paths {
		w := f.get(p)
		if w.Code != http.StatusOK {
			return nil, fmt.Errorf("GET %s: %d %s", p, w.Code, w.Body)
		}
		f.answers = append(f.answers, w)
	}
	return f, nil
}

// apiBenchToken returns the credential of the account owner's read token named
// "bench-api", creating it the first time.
func apiBenchToken(db *sqlstore.DB) (string, error) {
	a, err := db.DefaultAccount(ctx)
	if err != nil {
		return "", err
	}
	us, err := db.Users(ctx, a.ID)
	if err != nil {
		return "", err
	}
	if len(us) == 0 {
		return "", fmt.Errorf("account %d has no user", a.ID)
	}
	ts, err := db.Tokens(ctx, a.ID, us[0].ID)
	if err != nil {
		return "", err
	}
	hash := rapport.HashSecret(apiTokenSecret)
	var t *rapport.APIToken
	for _, x := range ts {
		if x.Name == "bench-api" && x.RevokedAt == nil && bytes.Equal(x.SecretHash, hash) {
			t = x
		}
	}
	if t == nil {
		t = &rapport.APIToken{UserID: us[0].ID, Name: "bench-api", Scope: rapport.ScopeRead,
			SecretHash: hash, CreatedAt: time.Now().UTC().Truncate(time.Millisecond)}
		if err := db.CreateToken(ctx, a.ID, t); err != nil {
			return "", err
		}
	}
	return rapport.Credential{Kind: rapport.CredToken, Account: a.ID, ID: t.ID, Secret: apiTokenSecret}.String(), nil
}

func apiCopyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// get calls the server in-process.
func (f *apiFixture) get(path string) *httptest.ResponseRecorder {
	return apiServe(f.handler, path, f.token)
}

func apiServe(h http.Handler, path, auth string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(http.MethodGet, path, nil)
	r.Header.Set("Authorization", auth)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

// floor is a bare handler answering the fixture's paths with Rapport's
// answers, kept in memory.
func (f *apiFixture) floor() http.Handler {
	byID := map[int]*httptest.ResponseRecorder{}
	for i, p := range f.paths {
		id, _ := strconv.Atoi(strings.TrimPrefix(p, "/api/v1/contacts/"))
		byID[id] = f.answers[i]
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/v1/contacts/{id}", func(w http.ResponseWriter, r *http.Request) {
		id, err := strconv.Atoi(r.PathValue("id"))
		a := byID[id]
		if err != nil || a == nil {
			http.NotFound(w, r)
			return
		}
		h := w.Header()
		for k, v := range a.Header() {
			h[k] = v // shared, never modified
		}
		w.WriteHeader(a.Code)
		w.Write(a.Body.Bytes())
	})
	return mux
}

// apiProcessCPU is the CPU time this process has used (user and system, from
// /proc/self/stat in clock ticks of 10 ms), and false where there is no
// such file.
func apiProcessCPU() (time.Duration, bool) {
	data, err := os.ReadFile("/proc/self/stat")
	if err != nil {
		return 0, false
	}
	// The fields after the command name, which is in parentheses.
	fields := strings.Fields(string(data[bytes.LastIndexByte(data, ')')+1:]))
	if len(fields) < 13 {
		return 0, false
	}
	utime, err1 := strconv.ParseInt(fields[11], 10, 64)
	stime, err2 := strconv.ParseInt(fields[12], 10, 64)
	if err1 != nil || err2 != nil {
		return 0, false
	}
	return time.Duration(utime+stime) * 10 * time.Millisecond, true
}

// apiReportCPU reports the CPU time per operation since start: on a shared,
// busy machine it varies less than the wall time, which includes waiting
// for a core.
func apiReportCPU(b *testing.B, start time.Duration, ok bool) {
	if end, ok2 := apiProcessCPU(); ok && ok2 && b.N > 0 {
		b.ReportMetric(float64((end-start).Nanoseconds())/float64(b.N), "cpu-ns/op")
	}
}

// apiBenchGet runs GET over the fixture's paths, serially and from
// GOMAXPROCS goroutines, checking every answer's status and length. Beside
// the wall time per request it reports the process's CPU time per request.
func apiBenchGet(b *testing.B, f *apiFixture, h http.Handler) {
	check := func(b *testing.B, i int, w *httptest.ResponseRecorder) {
		if want := f.answers[i]; w.Code != want.Code || w.Body.Len() != want.Body.Len() {
			b.Fatalf("GET %s: %d, %d bytes; want %d, %d bytes", f.paths[i], w.Code, w.Body.Len(), want.Code, want.Body.Len())
		}
	}
	b.Run("serial", func(b *testing.B) {
		b.ReportAllocs()
		cpu, ok := apiProcessCPU()
		i := 0
		for b.Loop() {
			check(b, i, apiServe(h, f.paths[i], f.token))
			i = (i + 1) % len(f.paths)
		}
		apiReportCPU(b, cpu, ok)
	})
	b.Run("parallel", func(b *testing.B) {
		b.ReportAllocs()
		var next sync.Mutex
		seq := 0
		cpu, ok := apiProcessCPU()
		b.RunParallel(func(pb *testing.PB) {
			next.Lock()
			i := seq * 997 % len(f.paths)
			seq++
			next.Unlock()
			for pb.Next() {
				w := apiServe(h, f.paths[i], f.token)
				if w.Code != http.StatusOK {
					b.Errorf("GET %s: %d", f.paths[i], w.Code)
					return
				}
				i = (i + 1) % len(f.paths)
			}
		})
		apiReportCPU(b, cpu, ok)
	})
}

// BenchmarkAPIGetContact is GET /api/v1/contacts/{id} with a read token
// through the server's whole handler, in-process, over the 100,000-contact
// fixture: random ids.
func BenchmarkAPIGetContact(b *testing.B) {
	f := apiSetup(b)
	apiBenchGet(b, f, f.handler)
}

// BenchmarkAPIGetContactFloor is its floor: a bare handler behind the same
// ServeMux pattern writing the same status, headers and bytes from memory.
func BenchmarkAPIGetContactFloor(b *testing.B) {
	f := apiSetup(b)
	apiBenchGet(b, f, f.floor())
}
