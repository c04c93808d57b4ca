package cli

import (
	"fmt"
	"os"
	"time"

	"golang.org/x/term"
)

func isTerminal(f *os.File) bool { return term.IsTerminal(int(f.Fd())) }

// progress draws a one-line progress bar on a terminal, at most five times a
// second; elsewhere it stays silent.
type progress struct {
	r           *runner
	what        string
	total, done int
	start, last time.Time
}

func (r *runner) newProgress(what string, total int) *progress {
	return &progress{r: r, what: what, total: total, start: time.Now()}
}

func (p *progress) set(done int) {
	p.done = done
	if !p.r.env.IsTerminal || time.Since(p.last) < 200*time.Millisecond {
		return
	}
	p.last = time.Now()
	p.draw()
}

func (p *progress) draw() {
	const width = 30
	frac := 1.0
	if p.total > 0 {
		frac = float64(p.done) / float64(p.total)
	}
	bar := make([]rune, width)
	for i := range bar {
		bar[i] = '░'
		if float64(i) < frac*width {
			bar[i] = '█'
		}
	}
	tr := p.r.translator()
	fmt.Fprintf(p.r.env.Stderr, "\r%-12s %s %3s%%  %s/%s  %s", p.what, string(bar), tr.Number(int(frac*100)), tr.Number(p.done), tr.Number(p.total),
		time.Since(p.start).Round(100*time.Millisecond))
}

func (p *progress) finish() {
	if p.r.env.IsTerminal {
		p.draw()
		fmt.Fprintln(p.r.env.Stderr)
	}
}
