package browser_test

import (
	"context"
	"time"

	"rapport"
	"rapport/app"
)

// The demo account: Maya's, with a few contacts of every kind, Polish,
// Arabic and English, a year of interactions, efforts (one under way, one
// given up), promises, favors and a breach of trust, so that Today, a
// contact's page and the review have something to show.
const (
	demoEmail    = "maya@acme.example"
	demoPassword = "a long password 1"
)

// demo names the seeded contacts a test visits.
type demo struct {
	anna    int64 // a rich contact's page: promises, favors, notes, a long timeline
	omar    int64 // an effort under way
	layla   int64 // dormant: a reconnection to draft
	youssef int64 // an effort given up: professional only
}

// seed fills a new site's account through the service and the store, with
// dates relative to the site's clock.
func (s *site) seed() demo {
	s.t.Helper()
	ctx, now := context.Background(), s.now
	in, err := s.svc.SignUp(ctx, app.SignUpRequest{AccountName: "Acme Logistics", DisplayName: "Maya Kowalczyk",
		Email: demoEmail, Password: demoPassword, Lang: "en", Gender: rapport.GenderFeminine})
	if err != nil {
		s.t.Fatal(err)
	}
	acct := in.Principal.Account.ID
	ago := func(days int, hour int) time.Time {
		d := now.AddDate(0, 0, -days)
		return time.Date(d.Year(), d.Month(), d.Day(), hour, 0, 0, 0, time.UTC)
	}
	day := func(days int) *time.Time {
		d := now.AddDate(0, 0, days)
		t := time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)
		return &t
	}
	mail := func(v string) []rapport.ContactPoint { return []rapport.ContactPoint{{Label: "work", Value: v}} }
	phone := func(v string) []rapport.ContactPoint { return []rapport.ContactPoint{{Label: "mobile", Value: v}} }
	soon := now.AddDate(0, 0, 3)

	anna := &rapport.Contact{DisplayName: "Anna Kowalska", GivenName: "Anna", FamilyName: "Kowalska", Kind: rapport.KindClient, Tier: rapport.TierInner,
		Org: "Vistula Logistics", Title: "CFO", Emails: mail("anna.kowalska@vistula.example"), Phones: phone("+48 600 100 200"),
		Lang: "pl", Gender: rapport.GenderFeminine, Tags: []string{"vip", "warsaw"}, HowWeMet: "The fintech meetup in Warsaw",
		Birthday: &rapport.Birthday{Month: time.March, Day: 14}, CreatedAt: ago(420, 9)}
	omar := &rapport.Contact{DisplayName: "Omar Haddad", GivenName: "Omar", FamilyName: "Haddad", Kind: rapport.KindPartner, Tier: rapport.TierCore,
		Org: "Gulf Freight", Title: "Head of Operations", Emails: mail("omar@gulffreight.example"), Phones: phone("+971 50 123 4567"),
		Lang: "ar", Gender: rapport.GenderMasculine, Tags: []string{"dubai"}, CreatedAt: ago(300, 9)}
	layla := &rapport.Contact{DisplayName: "ليلى المنصوري", GivenName: "ليلى", FamilyName: "المنصوري", Kind: rapport.KindMentor, Tier: rapport.TierCore,
		Org: "جامعة الشارقة", Title: "أستاذة سلاسل الإمداد", Lang: "ar", Gender: rapport.GenderFeminine, CreatedAt: ago(700, 9)}
	piotr := &rapport.Contact{DisplayName: "Piotr Wiśniewski", GivenName: "Piotr", FamilyName: "Wiśniewski", Kind: rapport.KindColleague, Tier: rapport.TierCore,
		Org: "Acme Logistics", Title: "Warehouse Lead", Emails: mail("piotr@acme.example"), Lang: "pl", Gender: rapport.GenderMasculine, CreatedAt: ago(500, 9)}
	karim := &rapport.Contact{DisplayName: "Karim Nasser", GivenName: "Karim", FamilyName: "Nasser", Kind: rapport.KindMentor, Tier: rapport.TierInner,
		Org: "Levant Ventures", Title: "Partner", Lang: "ar", Gender: rapport.GenderMasculine, CreatedAt: ago(600, 9)}
	zofia := &rapport.Contact{DisplayName: "Zofia Zielińska", GivenName: "Zofia", FamilyName: "Zielińska", Kind: rapport.KindNetwork, Tier: rapport.TierWider,
		Org: "Baltic Ports Authority", Lang: "pl", Gender: rapport.GenderFeminine, CreatedAt: ago(380, 9)}
	youssef := &rapport.Contact{DisplayName: "Youssef Benali", GivenName: "Youssef", FamilyName: "Benali", Kind: rapport.KindClient, Tier: rapport.TierCore,
		Org: "Atlas Shipping", Title: "Procurement Director", Lang: "ar", Gender: rapport.GenderMasculine, CreatedAt: ago(200, 9)}
	emily := &rapport.Contact{DisplayName: "Emily Carter", GivenName: "Emily", FamilyName: "Carter", Kind: rapport.KindFriend, Tier: rapport.TierCore,
		Lang: "en", Gender: rapport.GenderFeminine, Birthday: &rapport.Birthday{Month: soon.Month(), Day: soon.Day()}, CreatedAt: ago(900, 9)}
	kasia := &rapport.Contact{DisplayName: "Katarzyna Lewandowska", GivenName: "Katarzyna", FamilyName: "Lewandowska", Kind: rapport.KindNetwork, Tier: rapport.TierWider,
		Org: "Polish Freight Forum", Lang: "pl", Gender: rapport.GenderFeminine, CreatedAt: ago(250, 9)}
	sara := &rapport.Contact{DisplayName: "سارة خليل", GivenName: "سارة", FamilyName: "خليل", Kind: rapport.KindClient, Tier: rapport.TierCore,
		Org: "الخليج للتجارة", Lang: "ar", Gender: rapport.GenderFeminine, CreatedAt: ago(320, 9)}
	all := []*rapport.Contact{anna, omar, layla, piotr, karim, zofia, youssef, emily, kasia, sara}
	if err := s.svc.Store.CreateContacts(ctx, acct, all); err != nil {
		s.t.Fatal(err)
	}

	var is []*rapport.Interaction
	talk := func(c *rapport.Contact, days, hour int, ch rapport.Channel, dir rapport.Direction, out rapport.Outcome, invitation bool, note string) {
		is = append(is, &rapport.Interaction{At: ago(days, hour), Channel: ch, Direction: dir, Outcome: out, Invitation: invitation,
			Note: note, ContactIDs: []int64{c.ID}, CreatedAt: now})
	}
	held := rapport.OutcomeHeld
	// Anna: a year of regular, two-way contact.
	for k, d := range []int{400, 350, 300, 260, 220, 180, 150, 120, 95, 70, 50, 33, 19} {
		dir := rapport.Outbound
		if k%3 == 1 {
			dir = rapport.Inbound
		}
		ch := []rapport.Channel{rapport.ChannelCall, rapport.ChannelVideo, rapport.ChannelEmail, rapport.ChannelInPerson}[k%4]
		out := held
		if !ch.Live() {
			out = rapport.OutcomeReplied
		}
		talk(anna, d, 10, ch, dir, out, false, "")
	}
	talk(anna, 12, 11, rapport.ChannelEmail, rapport.Outbound, rapport.OutcomeReplied, false, "Sent the draft contract; she answered the same day.")
	talk(anna, 5, 9, rapport.ChannelInPerson, rapport.Outbound, held, true, "Lunch at Hala Koszyki: the Q4 forecast, and the new Gdańsk route.")
	// Omar: met before; an effort since, one call declined.
	talk(omar, 280, 14, rapport.ChannelInPerson, rapport.Inbound, held, false, "Met at the Dubai logistics expo.")
	talk(omar, 200, 15, rapport.ChannelEmail, rapport.Outbound, rapport.OutcomeReplied, false, "")
	talk(omar, 45, 10, rapport.ChannelVideo, rapport.Outbound, held, false, "")
	talk(omar, 12, 10, rapport.ChannelCall, rapport.Outbound, rapport.OutcomeDeclined, true, "Busy with the port audit until next month.")
	// Layla: silent for eight months.
	talk(layla, 650, 10, rapport.ChannelInPerson, rapport.Outbound, held, false, "")
	talk(layla, 400, 10, rapport.ChannelVideo, rapport.Inbound, held, false, "")
	talk(layla, 240, 10, rapport.ChannelEmail, rapport.Outbound, rapport.OutcomeSent, false, "")
	// Piotr: a colleague, often.
	for _, d := range []int{90, 60, 40, 25, 10} {
		talk(piotr, d, 13, rapport.ChannelInPerson, rapport.Inbound, held, false, "")
	}
	// Karim: a mentor who just helped.
	talk(karim, 80, 17, rapport.ChannelCall, rapport.Outbound, held, false, "")
	talk(karim, 3, 18, rapport.ChannelVideo, rapport.Inbound, held, false, "Walked me through the term sheet.")
	// Zofia: overdue.
	talk(zofia, 300, 12, rapport.ChannelInPerson, rapport.Outbound, held, false, "")
	talk(zofia, 120, 12, rapport.ChannelCall, rapport.Inbound, held, false, "")
	// Youssef: an effort given up after three failed invitations.
	talk(youssef, 150, 10, rapport.ChannelEmail, rapport.Outbound, rapport.OutcomeSent, false, "")
	talk(youssef, 80, 10, rapport.ChannelCall, rapport.Outbound, rapport.OutcomeDeclined, true, "")
	talk(youssef, 60, 10, rapport.ChannelCall, rapport.Outbound, rapport.OutcomeNoResponse, true, "")
	talk(youssef, 40, 10, rapport.ChannelVideo, rapport.Outbound, rapport.OutcomeDeclined, true, "")
	// Emily: a friend, both ways.
	for k, d := range []int{200, 130, 75, 28} {
		dir := rapport.Outbound
		if k%2 == 1 {
			dir = rapport.Inbound
		}
		talk(emily, d, 19, rapport.ChannelCall, dir, held, false, "")
	}
	// Katarzyna reaches out; Sara never does.
	for _, d := range []int{160, 100, 55} {
		talk(kasia, d, 11, rapport.ChannelEmail, rapport.Inbound, rapport.OutcomeSent, false, "")
	}
	for _, d := range []int{140, 85, 35} {
		talk(sara, d, 11, rapport.ChannelCall, rapport.Outbound, held, false, "")
	}
	if err := s.svc.Store.CreateInteractions(ctx, acct, is); err != nil {
		s.t.Fatal(err)
	}

	kept := ago(58, 12)
	recs := rapport.Records{
		Efforts: []*rapport.Effort{
			{ContactID: omar.ID, Goal: "Co-host the logistics roundtable in Dubai", StartedAt: ago(20, 9)},
			{ContactID: youssef.ID, Goal: "A pilot with Atlas Shipping", StartedAt: ago(90, 9)},
		},
		Promises: []*rapport.Promise{
			{ContactID: anna.ID, By: rapport.ByMe, What: "Send the Q4 freight forecast", Due: day(0), CreatedAt: ago(5, 10), State: rapport.PromiseOpen},
			{ContactID: anna.ID, By: rapport.ByThem, What: "Introduce me to the Gdańsk port team", Due: day(10), CreatedAt: ago(5, 10), State: rapport.PromiseOpen},
			{ContactID: anna.ID, By: rapport.ByMe, What: "Share the customs checklist", Due: day(-60), CreatedAt: ago(70, 10), State: rapport.PromiseKept, ResolvedAt: &kept},
			{ContactID: piotr.ID, By: rapport.ByThem, What: "Share the warehouse audit", Due: day(-5), CreatedAt: ago(25, 13), State: rapport.PromiseOpen},
		},
		Favors: []*rapport.Favor{
			{ContactID: anna.ID, Dir: rapport.FavorGiven, Kind: rapport.FavorAdvice, About: "choosing a customs broker", At: ago(210, 10)},
			{ContactID: anna.ID, Dir: rapport.FavorReceived, Kind: rapport.FavorIntro, About: "her bank's trade-finance desk", Thanked: true, At: ago(150, 10)},
			{ContactID: anna.ID, Dir: rapport.FavorAsked, Kind: rapport.FavorReferral, About: "a freight auditor", Outcome: rapport.FavorGranted, Thanked: true, At: ago(95, 10)},
			{ContactID: karim.ID, Dir: rapport.FavorReceived, Kind: rapport.FavorAdvice, About: "the term sheet", At: ago(3, 18)},
			{ContactID: emily.ID, Dir: rapport.FavorGiven, Kind: rapport.FavorTime, About: "moving house", At: ago(130, 10)},
		},
		Trust: []*rapport.TrustEvent{
			{ContactID: sara.ID, Kind: rapport.TrustBreach, Note: "shared our pricing with a competitor", At: ago(100, 10)},
		},
	}
	if err := s.svc.Store.CreateRecords(ctx, acct, recs); err != nil {
		s.t.Fatal(err)
	}
	if _, err := s.svc.AddNote(ctx, acct, anna.ID, "Prefers calls before 10:00; her team closes the books on the 5th."); err != nil {
		s.t.Fatal(err)
	}
	return demo{anna: anna.ID, omar: omar.ID, layla: layla.ID, youssef: youssef.ID}
}

// signIn signs Maya in through the sign-in form.
func (s *site) signIn() {
	s.t.Helper()
	s.open("/signin")
	s.typeIn("#email", demoEmail)
	s.typeIn("#password", demoPassword)
	s.submit(`form[action="/signin"] button[type="submit"]`)
	if loc := s.location(); loc != "/today" {
		s.t.Fatalf("sign-in ends on %s, want /today", loc)
	}
}
