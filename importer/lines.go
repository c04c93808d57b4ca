package importer

import (
	"bufio"
	"bytes"
	"io"
	"unicode/utf8"

	"rapport"
)

// contentLine is one unfolded line of a vCard or iCalendar file (RFC 6350
// §3.2, RFC 5545 §3.1).
type contentLine struct {
	line int // the physical line it starts on, from 1
	text string
}

// lineScanner reads content lines: it unfolds continuation lines (those
// starting with a space or a tab), counts physical lines, drops a leading
// byte order mark and blank lines (some exporters put them inside folds),
// and refuses input that is not UTF-8 or is longer than allowed.
type lineScanner struct {
	r       *bufio.Reader
	n       int // physical lines read
	cur     contentLine
	pending []byte
	start   int // line of pending
	has     bool
	eof     bool
	err     error
}

func newLineScanner(r io.Reader, max int64) *lineScanner {
	return &lineScanner{r: bufio.NewReaderSize(capped(r, max), 64<<10)}
}

// Scan advances to the next content line; false at the end or on an error.
func (s *lineScanner) Scan() bool {
	for s.err == nil {
		if s.eof {
			if !s.has {
				return false
			}
			s.emit()
			return true
		}
		raw, err := s.r.ReadSlice('\n')
		if err == bufio.ErrBufferFull {
			// A long line (a photo): gather it whole.
			buf := append([]byte(nil), raw...)
			for err == bufio.ErrBufferFull {
				raw, err = s.r.ReadSlice('\n')
				buf = append(buf, raw...)
			}
			raw = buf
		}
		if err == io.EOF {
			s.eof = true
			if len(raw) == 0 {
				continue
			}
		} else if err != nil {
			s.err = err
			return false
		}
		s.n++
		raw = bytes.TrimSuffix(raw, []byte("\n"))
		raw = bytes.TrimSuffix(raw, []byte("\r"))
		if s.n == 1 {
			raw = bytes.TrimPrefix(raw, []byte("\ufeff"))
		}
		if !utf8.Valid(raw) {
			s.err = errorAt(s.n, "error.import.not_utf8", nil, "not UTF-8 text: export the file as UTF-8")
			return false
		}
		switch {
		case len(raw) == 0:
		case raw[0] == ' ' || raw[0] == '\t':
			if !s.has {
				s.err = errorAt(s.n, "error.import.continuation", nil, "a continuation line (starting with a space) with no line before it")
				return false
			}
			s.pending = append(s.pending, raw[1:]...)
		case s.has:
			s.emit()
			s.begin(raw)
			return true
		default:
			s.begin(raw)
		}
	}
	return false
}

func (s *lineScanner) begin(raw []byte) {
	s.pending = append(s.pending[:0], raw...)
	s.start, s.has = s.n, true
}

func (s *lineScanner) emit() {
	s.cur = contentLine{line: s.start, text: string(s.pending)}
	s.has = false
}

// Line is the content line Scan found.
func (s *lineScanner) Line() contentLine { return s.cur }

// Lines is the number of physical lines read so far.
func (s *lineScanner) Lines() int { return s.n }

// Err is what stopped Scan, nil at the end of the input.
func (s *lineScanner) Err() error { return s.err }

// capped reads at most max bytes of r, and fails past them rather than
// pretending the input ended.
func capped(r io.Reader, max int64) io.Reader { return &capReader{r: r, left: max, max: max} }

type capReader struct {
	r         io.Reader
	left, max int64
}

func (c *capReader) Read(p []byte) (int, error) {
	if c.left <= 0 {
		// One byte more tells a file of exactly max bytes from a longer one.
		var one [1]byte
		if n, _ := io.ReadFull(c.r, one[:]); n == 0 {
			return 0, io.EOF
		}
		return 0, rapport.Errorf(rapport.EINVALID, "the file is larger than %d bytes: split it, or raise the limit", c.max).
			Keyed("error.import.too_large", map[string]any{"count": c.max})
	}
	if int64(len(p)) > c.left {
		p = p[:c.left]
	}
	n, err := c.r.Read(p)
	c.left -= int64(n)
	return n, err
}
