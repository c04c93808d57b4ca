package cli

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"rapport"
	"rapport/app"
	"rapport/i18n"
)

// Export, merge and backup (issue 8) work on the local database itself:
// they refuse to run with --server. Import runs either way (through the
// API's upload, which restores no JSON archive).

// argsKey checks the number of positional arguments, as a usage error said
// by the catalog's key.
func argsKey(min, max int, key string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, a []string) error {
		if len(a) >= min && (max < 0 || len(a) <= max) {
			return nil
		}
		return usage(key, i18n.Args{"command": cmd.CommandPath()})
	}
}

// progressFrom is the size of input from which imports draw progress bars.
const progressFrom = 1 << 20

func (r *runner) importCommand() *cobra.Command {
	var skipBad bool
	cmd := &cobra.Command{
		Use:   "import FORMAT FILE",
		Short: "Import contacts or calendar events from a file, or restore a JSON export",
		Long: `Import a file into the account, all of it or nothing (FILE - reads standard input):

  vcard     vCard 3.0 or 4.0 (.vcf), from address books and phones
  linkedin  LinkedIn's Connections.csv (from its data export)
  google    a Google Contacts CSV export
  ics       an iCalendar file (.ics): each past event with a contact among
            its attendees becomes a held meeting, video call or call (a
            cancelled one, cancelled)
  json      a Rapport JSON export (rapport export json), restored exactly
            into an empty account

People are matched to your contacts by email or phone (case and formatting
aside), or by the file's own id for them from an earlier import: a match
gets the emails, phones, tags and note it lacks and its empty fields filled;
nothing you set is changed. Importing the same file again changes nothing.
A malformed record refuses the whole file, naming its line, unless
--skip-bad, which leaves it out and lists it.`,
		Args: argsKey(2, 2, "cli.import.args"),
		RunE: r.withBackend(func(cmd *cobra.Command, a []string) error {
			format, err := parseFormat(a[0], app.ImportFormats)
			if err != nil {
				return err
			}
			name := a[1]
			in, size, err := r.openInput(name)
			if err != nil {
				return err
			}
			defer in.Close()
			long := size >= progressFrom
			var reading, writing *progress
			var src io.Reader = in
			if long {
				reading = r.newProgress(r.t("cli.import.reading", nil), int(size))
				src = &countingReader{r: in, progress: reading}
			}
			opts := app.ImportOptions{SkipBad: skipBad, Location: r.loc, Progress: func(done, total int) {
				if !long && total < 10000 {
					return
				}
				if writing == nil {
					if reading != nil {
						reading.finish()
						reading = nil
					}
					writing = r.newProgress(r.t("cli.import.writing", nil), total)
				}
				writing.set(done)
			}}
			res, err := r.be.Import(cmd.Context(), format, src, opts)
			for _, p := range []*progress{reading, writing} {
				if p != nil {
					p.finish()
				}
			}
			if err != nil {
				return r.inFile(name, err)
			}
			if r.json { // reasons and warnings in English, as the API gives them
				return r.printJSON(struct {
					File string `json:"file"`
					*app.ImportResult
				}{name, res})
			}
			r.printImport(name, res)
			return nil
		}),
	}
	cmd.Flags().BoolVar(&skipBad, "skip-bad", false, "leave malformed records out, and list them, instead of refusing the file")
	return cmd
}

// parseFormat reads FORMAT, as a usage error naming the choices.
func parseFormat[T ~string](v string, formats []T) (T, error) {
	for _, f := range formats {
		if strings.EqualFold(v, string(f)) {
			return f, nil
		}
	}
	return "", rapport.Invalid("FORMAT", v, "must be one of "+rapport.Choices(formats)).
		Keyed("error.invalid.one_of", map[string]any{"choices": rapport.Choices(formats)})
}

// openInput opens FILE, or standard input for "-", and returns its size
// when it is known.
func (r *runner) openInput(name string) (io.ReadCloser, int64, error) {
	if name == "-" {
		return io.NopCloser(r.env.Stdin), 0, nil
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, 0, fileError(name, err)
	}
	st, err := f.Stat()
	if err != nil || st.IsDir() {
		f.Close()
		if err == nil {
			err = errIsFolder
		}
		return nil, 0, fileError(name, err)
	}
	return f, st.Size(), nil
}

var errIsFolder = errors.New("is a folder")

// fileError reports a file that cannot be read or written.
func fileError(name string, err error) error {
	cause := err.Error()
	var pe *os.PathError
	if errors.As(err, &pe) {
		cause = pe.Err.Error()
	}
	return rapport.Invalid("FILE", name, "cannot be read or written: "+cause).Keyed("error.import.file", map[string]any{"cause": cause})
}

// inFile names the file an error is about: "contacts.vcf: line 7: …".
func (r *runner) inFile(name string, err error) error {
	var e *rapport.Error
	if !errors.As(err, &e) || e.Code == rapport.EINTERNAL {
		return err
	}
	text := app.LocalizeError(r.translator(), err)
	return &rapport.Error{Code: e.Code, Field: e.Field, Message: name + ": " + e.Message, Key: "error.import.in_file",
		Args: map[string]any{"path": filepath.Base(name), "error": text}, Err: e.Err}
}

// countingReader tells a progress bar how much was read.
type countingReader struct {
	r        io.Reader
	n        int
	progress *progress
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += n
	c.progress.set(c.n)
	return n, err
}

// listed is how many records of each kind the text output lists; --json
// lists them all. Malformed records left out are always all listed.
const listed = 20

func (r *runner) printImport(name string, res *app.ImportResult) {
	base := filepath.Base(name)
	tr := r.translator()
	at := func(text string) string {
		// A message in the other direction (English, through a server) is isolated.
		return r.t("cli.import.at", i18n.Args{"path": base, "error": text})
	}
	more := func(n int) {
		if n > 0 {
			r.printf("  %s\n", r.t("cli.import.more", i18n.Args{"count": n}))
		}
	}
	if n := res.Restored; n != nil {
		r.printf("%s\n", r.t("cli.import.restored", i18n.Args{"path": base, "contacts": n.Contacts, "interactions": n.Interactions, "records": n.Records()}))
		return
	}
	said := false
	line := func(key string, n int) {
		if n > 0 {
			r.printf("%s\n", r.t(key, i18n.Args{"count": n}))
			said = true
		}
	}
	line("cli.import.created", len(res.Contacts.Created))
	line("cli.import.merged", len(res.Contacts.Merged))
	for k, m := range res.Contacts.Merged {
		if k == listed {
			more(len(res.Contacts.Merged) - listed)
			break
		}
		var added []string
		for _, a := range m.Added {
			added = append(added, r.fieldName(a))
		}
		r.printf("  %s\n", at(r.t("cli.import.merged_into", i18n.Args{"line": tr.Digits(m.Line), "name": m.Name, "id": idText(m.ID),
			"what": i18n.Text(tr.List(added...))})))
	}
	line("cli.import.unchanged", len(res.Contacts.Unchanged))
	line("cli.import.logged", len(res.Interactions.Created))
	line("cli.import.logged_before", len(res.Interactions.Unchanged))
	if len(res.Skipped) > 0 {
		line("cli.import.skipped", len(res.Skipped))
		shown, hidden := 0, 0
		for _, s := range res.Skipped {
			// Every malformed record is listed: it is data the user may
			// have to fix and import again.
			switch {
			case s.Malformed:
			case shown < listed:
				shown++
			default:
				hidden++
				continue
			}
			r.printf("  %s\n", at(app.LocalizeSkipped(tr, s)))
		}
		more(hidden)
	}
	if len(res.Warnings) > 0 {
		line("cli.import.warnings", len(res.Warnings))
		for k, w := range res.Warnings {
			if k == listed {
				more(len(res.Warnings) - listed)
				break
			}
			r.printf("  %s\n", at(app.LocalizeWarning(tr, w)))
		}
	}
	if !said {
		r.printf("%s\n", r.t("cli.import.nothing", i18n.Args{"path": base}))
	}
}

// fieldName names a detail a merge added (app.MergeDetails) in the user's
// language.
func (r *runner) fieldName(f string) string {
	key := "cli.import.field." + f
	if r.translator().Has(key) {
		return r.t(key, nil)
	}
	return f
}
