package importer

import (
	"slices"
	"strings"
	"testing"
	"time"

	"rapport"
)

func TestInteractionsFromACalendarExport(t *testing.T) {
	evs, _, err := ParseICS(openTestdata(t, "calendar.ics"), Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	contacts := map[string][]int64{
		"zofia.wojcik@bankpomorski.pl": {1},
		"ahmad@gulf-consult.example":   {2},
		"pawel.nowak@example.pl":       {3, 4}, // two contacts share an address
	}
	is, skipped := Interactions(evs, contacts, now)
	type summary struct {
		at        string
		channel   rapport.Channel
		direction rapport.Direction
		outcome   rapport.Outcome
		ids       []int64
	}
	got := map[string]summary{}
	for _, i := range is {
		if err := i.Validate(); err != nil {
			t.Errorf("interaction %+v: %v", i, err)
		}
		got[i.Note+" "+i.At.UTC().Format("01-02")] = summary{i.At.UTC().Format("01-02T15:04"), i.Channel, i.Direction, i.Outcome, i.ContactIDs}
	}
	for key, want := range map[string]summary{
		"Lunch z Zofią 03-10":         {"03-10T11:30", rapport.ChannelInPerson, rapport.Outbound, rapport.OutcomeHeld, []int64{1}},
		"1:1 أحمد / me 01-06":         {"01-06T08:00", rapport.ChannelVideo, rapport.Inbound, rapport.OutcomeHeld, []int64{2}},
		"1:1 أحمد / me (moved) 02-04": {"02-04T09:00", rapport.ChannelVideo, rapport.Inbound, rapport.OutcomeHeld, []int64{2}},
		"1:1 أحمد / me 02-10":         {"02-10T08:00", rapport.ChannelCall, rapport.Inbound, rapport.OutcomeCancelled, []int64{2}},
		"Telefon do Pawła 02-20":      {"02-20T16:00", rapport.ChannelCall, rapport.Outbound, rapport.OutcomeHeld, []int64{3, 4}},
		"Przegląd kwartalny 03-12":    {"03-12T14:00", rapport.ChannelVideo, rapport.Inbound, rapport.OutcomeHeld, []int64{1}},
		"Demo 03-14":                  {"03-14T13:00", rapport.ChannelVideo, rapport.Outbound, rapport.OutcomeHeld, []int64{2}},
		"Kawa 03-05":                  {"03-05T10:00", rapport.ChannelInPerson, rapport.Outbound, rapport.OutcomeCancelled, []int64{1}},
		"Konferencja 03-20":           {"03-20T00:00", rapport.ChannelInPerson, rapport.Outbound, rapport.OutcomeHeld, []int64{2}},
	} {
		if g, ok := got[key]; !ok || g.at != want.at || g.channel != want.channel || g.direction != want.direction || g.outcome != want.outcome || !slices.Equal(g.ids, want.ids) {
			t.Errorf("%s = %+v (found %v), want %+v", key, g, ok, want)
		}
	}
	// 1 lunch, 12 weekly, 1 call, 1 Teams, 1 demo, 1 cancelled coffee, 1 conference.
	if len(is) != 18 {
		t.Errorf("%d interactions, want 18", len(is))
	}
	var reasons []string
	for _, s := range skipped {
		if s.Malformed() {
			t.Errorf("skipped as malformed: %v", s)
		}
		reasons = append(reasons, s.Reason.Error())
	}
	if !slices.Equal(reasons, []string{
		"line 130: no attendee of the event on 2025-03-18 is a contact",
		"line 146: the event on 2025-06-15 is in the future",
	}) {
		t.Errorf("skipped = %q", reasons)
	}
}

func TestInteractionsChannel(t *testing.T) {
	for _, tc := range []struct {
		name string
		e    Event
		want rapport.Channel
	}{
		{"a conference link", Event{Conference: "https://meet.google.com/x", Location: "Sala 1"}, rapport.ChannelVideo},
		{"a place", Event{Location: "Kawiarnia Nowa, Gdynia"}, rapport.ChannelInPerson},
		{"nowhere", Event{}, rapport.ChannelCall},
		{"online", Event{Location: "Online"}, rapport.ChannelVideo},
		{"Teams without a link", Event{Location: "Microsoft Teams Meeting"}, rapport.ChannelVideo},
		{"by phone", Event{Location: "Phone call"}, rapport.ChannelCall},
		{"telefonicznie", Event{Location: "telefon"}, rapport.ChannelCall},
		{"a street with a word inside", Event{Location: "Calloway Street 5"}, rapport.ChannelInPerson},
		{"an Arabic place", Event{Location: "مقهى النخيل، دبي"}, rapport.ChannelInPerson},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := channelOf(tc.e); got != tc.want {
				t.Fatalf("channel = %s, want %s", got, tc.want)
			}
		})
	}
}

func TestInteractionsSkipsWhatCannotBeLogged(t *testing.T) {
	at := now.Add(-time.Hour)
	contacts := map[string][]int64{"ewa@example.pl": {7}}
	for _, tc := range []struct {
		name   string
		e      Event
		reason string
	}{
		{"in the future", Event{Line: 3, Start: now.Add(time.Minute), Attendees: []string{"ewa@example.pl"}}, "line 3: the event on 2025-04-01 is in the future"},
		{"no contact", Event{Line: 4, Start: at, Attendees: []string{"obcy@example.pl"}}, "line 4: no attendee of the event on 2025-04-01 is a contact"},
		{"nobody", Event{Line: 5, Start: at}, "line 5: no attendee"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			is, skipped := Interactions([]Event{tc.e}, contacts, now)
			if len(is) != 0 || len(skipped) != 1 || !strings.HasPrefix(skipped[0].Reason.Error(), tc.reason) || skipped[0].Malformed() {
				t.Fatalf("interactions %v skipped %v, want skipped for %q", is, skipped, tc.reason)
			}
		})
	}
	long := Event{Start: at, Attendees: []string{"ewa@example.pl"}, Summary: strings.Repeat("ą", 5000)}
	if is, _ := Interactions([]Event{long}, contacts, now); len(is) != 1 || len(is[0].Note) > 510 {
		t.Errorf("a long summary is cut for the note: %d bytes", len(is[0].Note))
	}
}
