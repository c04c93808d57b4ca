// Command rate is the fixed-rate load generator of bench/load/run.sh (wrk
// cannot hold a rate, and Debian has no wrk2): it sends GET
// /api/v1/contacts/{id}, with random ids in 1..-contacts and the API token,
// at -rate requests per second on an open-loop schedule. Request i is due at
// start + i/rate whatever happened to the ones before it (each runs in its
// own goroutine, over a pool of keep-alive connections), and its latency is
// measured from that due time, not from when it was actually sent: a stall
// of the server or of this program counts against every request it delays
// (no coordinated omission).
//
// After -warmup (not recorded) it records -duration of requests and prints
// one line of key=value pairs: the count, errors, the rate achieved, and the
// latency percentiles from the sorted latencies of every request (exact, no
// histogram buckets). send_late is how late this program itself started the
// requests (timer and scheduling delay on a busy machine): it is included in
// the latencies, so they overstate the server's by up to that much.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log"
	"math"
	"math/rand/v2"
	"net/http"
	"os"
	"slices"
	"strconv"
	"sync"
	"time"
)

func main() {
	var (
		base     = flag.String("url", "http://127.0.0.1:8080", "the server")
		token    = flag.String("token", os.Getenv("RAPPORT_TOKEN"), "API token (default $RAPPORT_TOKEN)")
		rate     = flag.Int("rate", 500, "requests per second")
		duration = flag.Duration("duration", 30*time.Second, "how long to record")
		warmup   = flag.Duration("warmup", 3*time.Second, "how long to send before recording")
		contacts = flag.Int("contacts", 100_000, "random ids in 1..contacts")
		seed     = flag.Uint64("seed", 1, "seed of the random ids")
		timeout  = flag.Duration("timeout", 10*time.Second, "a request slower than this is an error")
		series   = flag.String("series", "", "write one line per second of the recording to this file: its p50, p99 and max latency, and how late the generator was at most")
	)
	flag.Parse()
	log.SetFlags(0)
	log.SetPrefix("rate: ")
	if *rate < 1 || *duration <= 0 {
		log.Fatal("-rate and -duration must be positive")
	}

	client := &http.Client{Timeout: *timeout, Transport: &http.Transport{
		MaxIdleConns: 1000, MaxIdleConnsPerHost: 1000, DisableCompression: true,
	}}
	interval := time.Second / time.Duration(*rate)
	nWarm := int(*warmup / interval)
	nRec := int(*duration / interval)
	total := nWarm + nRec
	rng := rand.New(rand.NewPCG(*seed, 0x5eed))
	ids := make([]int, total)
	for i := range ids {
		ids[i] = 1 + rng.IntN(*contacts)
	}
	lat := make([]time.Duration, total)
	late := make([]time.Duration, total) // from due to the request's start
	failed := make([]bool, total)
	var (
		wg      sync.WaitGroup
		firstMu sync.Mutex
		first   string
	)
	ctx := context.Background()
	start := time.Now().Add(20 * time.Millisecond)
	for i := range total {
		due := start.Add(time.Duration(i) * interval)
		if d := time.Until(due); d > 0 {
			time.Sleep(d)
		}
		wg.Go(func() {
			late[i] = time.Since(due)
			err := get(ctx, client, *base, *token, ids[i])
			lat[i] = time.Since(due)
			if err != nil {
				failed[i] = true
				firstMu.Lock()
				if first == "" {
					first = err.Error()
				}
				firstMu.Unlock()
			}
		})
	}
	wg.Wait()
	end := time.Now()

	if *series != "" {
		if err := writeSeries(*series, lat[nWarm:], late[nWarm:], *rate); err != nil {
			log.Fatal(err)
		}
	}
	rec := lat[nWarm:]
	errors := 0
	for _, f := range failed[nWarm:] {
		if f {
			errors++
		}
	}
	slices.Sort(rec)
	lateRec := late[nWarm:]
	slices.Sort(lateRec)
	recStart := start.Add(time.Duration(nWarm) * interval)
	ms := func(d time.Duration) string { return strconv.FormatFloat(float64(d.Microseconds())/1000, 'f', 2, 64) }
	fmt.Printf("url=%s rate=%d requests=%d errors=%d achieved_rps=%.1f p50_ms=%s p90_ms=%s p99_ms=%s p999_ms=%s max_ms=%s send_late_p50_ms=%s send_late_p99_ms=%s\n",
		*base, *rate, len(rec), errors, float64(len(rec))/end.Sub(recStart).Seconds(),
		ms(pct(rec, 50)), ms(pct(rec, 90)), ms(pct(rec, 99)), ms(pct(rec, 99.9)), ms(rec[len(rec)-1]), ms(pct(lateRec, 50)), ms(pct(lateRec, 99)))
	if errors > 0 {
		log.Printf("%d errors; the first: %s", errors, first)
		os.Exit(1)
	}
}

// writeSeries writes the latencies second by second, to see when a slow
// request happened (a stall of the server, or of this program).
func writeSeries(path string, lat, late []time.Duration, rate int) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	fmt.Fprintln(f, "second\trequests\tp50_ms\tp99_ms\tmax_ms\tlate_max_ms")
	for s := 0; s*rate < len(lat); s++ {
		sec := slices.Clone(lat[s*rate : min((s+1)*rate, len(lat))])
		slices.Sort(sec)
		fmt.Fprintf(f, "%d\t%d\t%.2f\t%.2f\t%.2f\t%.2f\n", s, len(sec), ms(pct(sec, 50)), ms(pct(sec, 99)), ms(sec[len(sec)-1]),
			ms(slices.Max(late[s*rate:min((s+1)*rate, len(lat))])))
	}
	return f.Close()
}

// pct is the p-th percentile of sorted durations (nearest rank).
func pct(sorted []time.Duration, p float64) time.Duration {
	rank := int(math.Ceil(p/100*float64(len(sorted)))) - 1
	return sorted[max(0, min(rank, len(sorted)-1))]
}

func get(ctx context.Context, client *http.Client, base, token string, id int) error {
	req, err := http.NewRequestWithContext(ctx, "GET", base+"/api/v1/contacts/"+strconv.Itoa(id), nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("contact %d: %s", id, resp.Status)
	}
	return nil
}
