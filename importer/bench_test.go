package importer

import (
	"bytes"
	"fmt"
	"testing"
	"time"
)

// The import of issue 8, storage included, should take under 10 s for
// 10,000 contacts or 100,000 events; parsing is measured here alone.

func vcardFile(n int) []byte {
	var b bytes.Buffer
	given := []string{"Zofia", "Paweł", "أحمد", "Łucja", "Grzegorz", "فاطمة", "Anna", "Jan"}
	family := []string{"Łukasiewicz", "Nowak", "الخطيب", "Wójcik", "Brzęczyszczykiewicz", "الزهراء", "Kowalska", "Kowalski"}
	for i := range n {
		g, f := given[i%len(given)], family[(i/len(given))%len(family)]
		fmt.Fprintf(&b, "BEGIN:VCARD\r\nVERSION:%s\r\nUID:urn:uuid:%08d-0000-4000-8000-000000000000\r\n", []string{"3.0", "4.0"}[i%2], i)
		fmt.Fprintf(&b, "FN:%s %s\r\nN:%s;%s;;;\r\nORG:Firma %d;Dział\r\nTITLE:Kierownik\r\n", g, f, f, g, i%300)
		fmt.Fprintf(&b, "EMAIL;TYPE=work:person%d@example.pl\r\nEMAIL;TYPE=home:p%d@example.com\r\n", i, i)
		fmt.Fprintf(&b, "TEL;TYPE=cell:+48 600 %03d %03d\r\nTEL;TYPE=work:+48 58 %03d 00 00\r\n", i/1000%1000, i%1000, i%1000)
		fmt.Fprintf(&b, "BDAY:19%02d%02d%02d\r\nCATEGORIES:klienci,gdańsk\r\n", 50+i%50, 1+i%12, 1+i%28)
		fmt.Fprintf(&b, "NOTE:Poznaliśmy się na konferencji %d\\, rozmowa o projekcie. Kontakt przez \r\n asystentkę.\r\nEND:VCARD\r\n", i)
	}
	return b.Bytes()
}

func icsFile(n int) []byte {
	var b bytes.Buffer
	b.WriteString("BEGIN:VCALENDAR\r\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\r\nVERSION:2.0\r\n")
	b.WriteString("BEGIN:VTIMEZONE\r\nTZID:Europe/Warsaw\r\nBEGIN:DAYLIGHT\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nDTSTART:19700329T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\nBEGIN:STANDARD\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nDTSTART:19701025T030000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n")
	start := time.Date(2015, 1, 5, 9, 0, 0, 0, time.UTC)
	for i := range n {
		at := start.Add(time.Duration(i) * 47 * time.Minute)
		fmt.Fprintf(&b, "BEGIN:VEVENT\r\nDTSTART;TZID=Europe/Warsaw:%s\r\nDTEND;TZID=Europe/Warsaw:%s\r\n", at.Format(icsDateTime), at.Add(30*time.Minute).Format(icsDateTime))
		fmt.Fprintf(&b, "DTSTAMP:20250401T080000Z\r\nUID:event-%d@google.com\r\nORGANIZER;CN=Me:mailto:me@example.com\r\n", i)
		fmt.Fprintf(&b, "ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN=Person %d;X-NUM-GUESTS=0:mailto:person%d@example.pl\r\n", i%10000, i%10000)
		fmt.Fprintf(&b, "ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN=Me:mailto:me@example.com\r\n")
		switch i % 3 {
		case 0:
			b.WriteString("X-GOOGLE-CONFERENCE:https://meet.google.com/abc-defg-hij\r\nDESCRIPTION:Join with Google Meet: https://meet.google.com/abc-defg-hij\\n\\nLearn more about Meet at: https://support.google.com/a/users/answer/9282720\r\n")
		case 1:
			b.WriteString("LOCATION:Kawiarnia Nowa\\, ul. Długa 1\\, Gdańsk\r\n")
		}
		fmt.Fprintf(&b, "SEQUENCE:0\r\nSTATUS:CONFIRMED\r\nSUMMARY:Spotkanie %d\r\nTRANSP:OPAQUE\r\nEND:VEVENT\r\n", i)
	}
	b.WriteString("END:VCALENDAR\r\n")
	return b.Bytes()
}

func BenchmarkParseVCard10k(b *testing.B) {
	data := vcardFile(10000)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		recs, _, err := ParseVCard(bytes.NewReader(data), Options{})
		if err != nil || len(recs) != 10000 {
			b.Fatal(len(recs), err)
		}
	}
}

func BenchmarkParseICS100k(b *testing.B) {
	data := icsFile(100000)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		evs, _, err := ParseICS(bytes.NewReader(data), Options{Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)})
		if err != nil || len(evs) != 100000 {
			b.Fatal(len(evs), err)
		}
	}
}

func BenchmarkInteractions100k(b *testing.B) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	evs, _, err := ParseICS(bytes.NewReader(icsFile(100000)), Options{Now: now})
	if err != nil {
		b.Fatal(err)
	}
	contacts := map[string][]int64{}
	for i := range 10000 {
		contacts[fmt.Sprintf("person%d@example.pl", i)] = []int64{int64(i + 1)}
	}
	for b.Loop() {
		is, _ := Interactions(evs, contacts, now)
		if len(is) != 100000 {
			b.Fatal(len(is))
		}
	}
}
