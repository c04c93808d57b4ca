package importer

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
)

// csvFormat is what tells one CSV export from another: how to recognise its
// header, how many lines of notes may come before it, and how a row becomes
// a record. Reading, line counting and skipping are shared.
type csvFormat struct {
	name     string // for messages: "LinkedIn Connections.csv"
	preamble int    // records that may come before the header
	isHeader func(h csvHeader) bool
	want     string // the columns the header needs, for the message when none is found
	// headerKey and noHeaderKey are the catalog keys of the messages when
	// a line that should be the header is not, and when none is found.
	headerKey, noHeaderKey string
	// row maps a row to a record; an ENOTFOUND error skips a row with
	// nothing to import.
	row func(r csvRow, opts Options) (Record, error)
}

// csvHeader maps column names to their index.
type csvHeader map[string]int

func (h csvHeader) has(names ...string) bool {
	for _, n := range names {
		if _, ok := h[n]; ok {
			return true
		}
	}
	return false
}

// csvRow is one row of the file, read through its header.
type csvRow struct {
	line   int
	fields []string
	header csvHeader
}

// get is the value of the first of the columns that the row has and that
// is not empty, with the name of that column.
func (r csvRow) get(names ...string) (value, column string) {
	for _, n := range names {
		if i, ok := r.header[n]; ok && i < len(r.fields) {
			if v := strings.TrimSpace(r.fields[i]); v != "" {
				return v, n
			}
		}
	}
	return "", names[0]
}

func (r csvRow) value(names ...string) string {
	v, _ := r.get(names...)
	return v
}

func (r csvRow) empty() bool {
	for _, f := range r.fields {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// parseCSV reads a CSV export: notes before the header, the header, then one
// record per row, each with the line it starts on.
func parseCSV(r io.Reader, opts Options, f csvFormat) ([]Record, []Skipped, error) {
	br := bufio.NewReader(capped(r, opts.maxBytes()))
	if bom, _ := br.Peek(3); string(bom) == "\ufeff" {
		br.Discard(3)
	}
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1 // the notes before the header have their own widths
	res := results{skipBad: opts.SkipBad}
	var header csvHeader
	var recs []Record
	for n := 0; ; n++ {
		fields, err := cr.Read()
		if err == io.EOF {
			break
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			e := errorAt(pe.StartLine, "error.import.csv_invalid", map[string]any{"cause": pe.Err.Error()}, "not valid CSV: %v", pe.Err)
			if pe.Line != pe.StartLine {
				e = errorAt(pe.StartLine, "error.import.csv_invalid_at", map[string]any{"ref": pe.Line, "cause": pe.Err.Error()},
					"not valid CSV at line %d: %v", pe.Line, pe.Err)
			}
			if header == nil {
				return nil, nil, e
			}
			if err := res.bad(pe.StartLine, e); err != nil {
				return nil, nil, err
			}
			continue
		} else if err != nil {
			return nil, nil, err
		}
		line, _ := cr.FieldPos(0) // only after a record was read: it panics after an error
		if header == nil {
			h := make(csvHeader, len(fields))
			for i, name := range fields {
				if _, dup := h[strings.TrimSpace(name)]; !dup {
					h[strings.TrimSpace(name)] = i
				}
			}
			switch {
			case f.isHeader(h):
				header = h
			case n >= f.preamble:
				return nil, nil, errorAt(line, f.headerKey, nil, "not %s: expected a header with %s", f.name, f.want)
			}
			continue
		}
		row := csvRow{line: line, fields: fields, header: header}
		switch {
		case row.empty():
			res.nothing(line, "error.import.empty_row", nil, "an empty row")
			continue
		case len(fields) > len(header):
			e := errorAt(line, "error.import.csv_fields", map[string]any{"count": len(fields), "max": len(header)},
				"%d fields, but the header has %d: a value with a comma needs quotes", len(fields), len(header))
			if err := res.bad(line, e); err != nil {
				return nil, nil, err
			}
			continue
		}
		rec, err := f.row(row, opts)
		if err != nil {
			if err := res.add(line, err); err != nil {
				return nil, nil, err
			}
			continue
		}
		recs = append(recs, rec)
	}
	if header == nil {
		return nil, nil, errorAt(1, f.noHeaderKey, nil, "not %s: no header with %s", f.name, f.want)
	}
	return recs, res.skipped, nil
}

// splitMulti splits a cell holding several values, as Google writes them:
// "a@example.com ::: b@example.com".
func splitMulti(s string) []string {
	var out []string
	for _, v := range strings.Split(s, ":::") {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// numbered lists the columns "E-mail 1 - Value", "E-mail 2 - Value", … that
// the header has, stopping at the first missing number.
func numbered(h csvHeader, format string) []int {
	var ns []int
	for n := 1; h.has(fmt.Sprintf(format, n)); n++ {
		ns = append(ns, n)
	}
	return ns
}
