package cli

import (
	"bufio"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"rapport/app"
	"rapport/i18n"
)

func (r *runner) exportCommand() *cobra.Command {
	var out string
	cmd := &cobra.Command{
		Use:   "export FORMAT",
		Short: "Export the account: contacts as vCard or CSV, or everything as JSON",
		Long: `Write the account to standard output, or to --out FILE:

  vcard  the contacts (not those in the trash) as vCard 4.0, with their notes
  csv    the contacts (not those in the trash), one row each
  json   everything in the account, as of one moment: contacts (the trash
         too), notes, interactions, efforts, promises, trust events, favors
         and settings, which rapport import json restores into an empty
         account exactly`,
		Args: argsKey(1, 1, "cli.export.args"),
		RunE: r.withAccount(func(cmd *cobra.Command, a []string) error {
			format, err := parseFormat(a[0], app.ExportFormats)
			if err != nil {
				return err
			}
			if out == "" || out == "-" {
				w := bufio.NewWriterSize(r.env.Stdout, 64<<10)
				if _, err := r.svc.Export(cmd.Context(), r.account, format, w); err != nil {
					return err
				}
				return w.Flush()
			}
			var n app.ArchiveCounts
			err = writeFile(out, func(w io.Writer) error {
				var err error
				n, err = r.svc.Export(cmd.Context(), r.account, format, w)
				return err
			})
			if err != nil {
				return err
			}
			if r.json {
				return r.printJSON(struct {
					Format app.ExportFormat `json:"format"`
					Path   string           `json:"path"`
					app.ArchiveCounts
				}{format, out, n})
			}
			if format == app.ExportJSON {
				r.printf("%s\n", r.t("cli.export.archive", i18n.Args{"path": out, "contacts": n.Contacts, "interactions": n.Interactions, "records": n.Records()}))
			} else {
				r.printf("%s\n", r.t("cli.export.contacts", i18n.Args{"path": out, "count": n.Contacts}))
			}
			return nil
		}),
	}
	cmd.Flags().StringVar(&out, "out", "", "write to this file (replaced whole, or not at all) instead of standard output")
	return cmd
}

// writeFile writes a file whole or not at all: into a temporary file beside
// it, renamed over it once complete. Only its owner may read it.
func writeFile(path string, write func(w io.Writer) error) error {
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return fileError(path, errIsFolder)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fileError(path, err)
	}
	defer os.Remove(tmp.Name()) // after the rename, there is nothing to remove
	w := bufio.NewWriterSize(tmp, 64<<10)
	if err := write(w); err != nil {
		tmp.Close()
		return err
	}
	if err := w.Flush(); err != nil {
		tmp.Close()
		return fileError(path, err)
	}
	if err := tmp.Close(); err != nil {
		return fileError(path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fileError(path, err)
	}
	return nil
}
