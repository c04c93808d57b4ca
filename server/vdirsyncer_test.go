package server_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"rapport"
)

// VdirsyncerEnv names the vdirsyncer binary of the sync test with a client
// Rapport did not write (Debian's vdirsyncer, and khard reading what it
// syncs). Set, the test is required (CI); unset, it is skipped:
//
//	apt-get install -y vdirsyncer khard
//	RAPPORT_TEST_VDIRSYNCER=/usr/bin/vdirsyncer go test -run TestVdirsyncer ./server
const VdirsyncerEnv = "RAPPORT_TEST_VDIRSYNCER"

// syncer runs vdirsyncer and khard on one configuration in a temp dir.
type syncer struct {
	t                  *testing.T
	vdirsyncer, khard  string
	dir, config, kconf string
	contacts           string // the local collection's folder
}

func (s *syncer) run(bin string, stdin string, args ...string) (string, error) {
	s.t.Helper()
	ctx, cancel := context.WithTimeout(s.t.Context(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Stdin = strings.NewReader(stdin)
	cmd.Env = append(os.Environ(), "HOME="+s.dir, "XDG_CONFIG_HOME="+filepath.Join(s.dir, "config"),
		"XDG_DATA_HOME="+filepath.Join(s.dir, "data"), "LC_ALL=C.UTF-8", "LANG=C.UTF-8")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	return out.String(), err
}

func (s *syncer) vdir(args ...string) string {
	s.t.Helper()
	out, err := s.run(s.vdirsyncer, strings.Repeat("y\n", 10), append([]string{"-c", s.config}, args...)...)
	if err != nil {
		s.t.Fatalf("vdirsyncer %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return out
}

// only is the one .vcf file of the local collection whose text has want.
func (s *syncer) file(want string) string {
	s.t.Helper()
	files, _ := filepath.Glob(filepath.Join(s.contacts, "*.vcf"))
	var found []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			s.t.Fatal(err)
		}
		if strings.Contains(string(data), want) {
			found = append(found, f)
		}
	}
	if len(found) != 1 {
		s.t.Fatalf("%d files of %d in %s hold %q", len(found), len(files), s.contacts, want)
	}
	return found[0]
}

// edit rewrites a synced file, as an address book program would.
func (s *syncer) edit(path string, from, to string) {
	s.t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		s.t.Fatal(err)
	}
	if !strings.Contains(string(data), from) {
		s.t.Fatalf("%s has no %q:\n%s", path, from, data)
	}
	// A later modification time: vdirsyncer tells changes by it.
	time.Sleep(20 * time.Millisecond)
	if err := os.WriteFile(path, []byte(strings.Replace(string(data), from, to, 1)), 0o600); err != nil {
		s.t.Fatal(err)
	}
}

// TestVdirsyncerSyncsBothWays syncs the address book with vdirsyncer into
// a folder that khard reads: a contact made in Rapport arrives as a .vcf
// file; an edit of the file reaches Rapport with the version bumped; and a
// change on both sides between two syncs is a conflict that vdirsyncer
// reports, with Rapport's newer version kept, never silently overwritten.
func TestVdirsyncerSyncsBothWays(t *testing.T) {
	bin := os.Getenv(VdirsyncerEnv)
	if bin == "" {
		t.Skipf("%s is unset: install vdirsyncer and khard (apt-get install -y vdirsyncer khard) and run "+
			"%s=/usr/bin/vdirsyncer go test -run TestVdirsyncer ./server", VdirsyncerEnv, VdirsyncerEnv)
	}
	if _, err := exec.LookPath(bin); err != nil {
		t.Fatalf("%s=%s: %v", VdirsyncerEnv, bin, err)
	}
	khard, err := exec.LookPath("khard")
	if err != nil {
		t.Fatalf("%s is set, so khard is required too: %v (apt-get install -y khard)", VdirsyncerEnv, err)
	}

	e := newEnv(t, "sqlite")
	owner := e.signUp("Alpha", "alpha@a.example")
	w := e.token(owner, "write")
	id := e.contact(w, "Zofia Nowak")
	acct := owner.account

	dir := t.TempDir()
	s := &syncer{t: t, vdirsyncer: bin, khard: khard, dir: dir,
		config: filepath.Join(dir, "vdirsyncer.conf"), kconf: filepath.Join(dir, "khard.conf"),
		contacts: filepath.Join(dir, "contacts", "default")}
	conf := fmt.Sprintf(`[general]
status_path = "%s/status/"

[pair rapport]
a = "rapport_remote"
b = "rapport_local"
collections = ["from a"]

[storage rapport_remote]
type = "carddav"
url = "%s/"
username = "alpha@a.example"
password = "%s"

[storage rapport_local]
type = "filesystem"
path = "%s/contacts/"
fileext = ".vcf"
`, dir, e.http.URL, w.token, dir)
	kconf := fmt.Sprintf(`[addressbooks]
[[rapport]]
path = %s

[general]
default_action = list
editor = /bin/true
merge_editor = /bin/true

[contact table]
display = formatted_name
show_uids = yes
`, s.contacts)
	if err := os.WriteFile(s.config, []byte(conf), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(s.kconf, []byte(kconf), 0o600); err != nil {
		t.Fatal(err)
	}

	// Discovery from the server's root (/.well-known/carddav), then the
	// first sync: Rapport's contact arrives as a file khard reads.
	s.vdir("discover")
	s.vdir("sync")
	path := s.file("FN:Zofia Nowak")
	if data, _ := os.ReadFile(path); !strings.Contains(string(data), fmt.Sprintf("UID:rapport-contact-%d", id)) {
		t.Fatalf("synced card has not the contact's UID:\n%s", data)
	}
	out, err := s.run(khard, "", "-c", s.kconf, "list")
	if err != nil || !strings.Contains(out, "Zofia Nowak") {
		t.Fatalf("khard list: %v\n%s", err, out)
	}

	// An edit on the client reaches Rapport, with the version bumped.
	s.edit(path, "FN:Zofia Nowak", "FN:Zofia Nowak-Kowalska")
	s.edit(path, "END:VCARD", "TITLE:Head of Sales\r\nEND:VCARD")
	out, err = s.run(khard, "", "-c", s.kconf, "show", "--format", "yaml", "Kowalska")
	if err != nil || !strings.Contains(out, "Head of Sales") {
		t.Fatalf("khard show of the edited card: %v\n%s", err, out)
	}
	s.vdir("sync")
	c, err := e.db.Contact(t.Context(), acct, id)
	if err != nil || c.DisplayName != "Zofia Nowak-Kowalska" || c.Title != "Head of Sales" || c.Version != 2 {
		t.Fatalf("after the client's edit: %+v %v", c, err)
	}
	if c.Kind != rapport.KindClient {
		t.Fatalf("the kind, which no card holds, changed: %s", c.Kind)
	}

	// A card made on the client becomes a contact in Rapport.
	newCard := "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:made-on-the-phone-1\r\nFN:Jan Kowalski\r\nN:Kowalski;Jan;;;\r\n" +
		"TEL;TYPE=cell:+48 600 100 200\r\nEND:VCARD\r\n"
	if err := os.WriteFile(filepath.Join(s.contacts, "made-on-the-phone-1.vcf"), []byte(newCard), 0o600); err != nil {
		t.Fatal(err)
	}
	s.vdir("sync")
	cs, err := e.db.Contacts(t.Context(), acct, rapport.ContactFilter{NamePrefix: "Jan Kowalski"})
	if err != nil || len(cs) != 1 || len(cs[0].Phones) != 1 || cs[0].Phones[0].Label != "mobile" {
		t.Fatalf("the client's new card in Rapport: %+v %v", cs, err)
	}
	s.vdir("sync") // nothing to do: no duplicate on either side
	if n := e.countContacts(acct); n != 2 {
		t.Fatalf("%d contacts after a quiet sync, want 2", n)
	}
	s.file("UID:made-on-the-phone-1")

	// A conflict: both sides change the contact between syncs.
	if _, err := e.svc.EditContactAt(t.Context(), acct, id, 2, func(c *rapport.Contact) error {
		c.Title = "Sales Director"
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	s.edit(path, "TITLE:Head of Sales", "TITLE:Stale Title")
	out, err = s.run(s.vdirsyncer, "", "-c", s.config, "sync")
	if err == nil || !strings.Contains(strings.ToLower(out), "conflict") {
		t.Fatalf("vdirsyncer sync with a change on both sides: err %v, want a conflict\n%s", err, out)
	}
	c, _ = e.db.Contact(t.Context(), acct, id)
	if c.Title != "Sales Director" || c.Version != 3 {
		t.Fatalf("Rapport's newer version was overwritten: %+v", c)
	}
}
