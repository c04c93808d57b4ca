package compose

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"rapport"
	"rapport/i18n"
)

func reconnectInput(lang string, g rapport.Gender) ReconnectInput {
	contact, user := fixture(lang, g)
	w := words[lang]
	return ReconnectInput{Contact: contact, User: user, LastContact: now.AddDate(0, 0, -700), Now: now,
		Lang: lang, WhyNow: w.whyNow, Offer: w.offer}
}

func TestReconnect700DaysYieldsAllThreePartsInEveryLanguage(t *testing.T) {
	almostTwoYears := map[string]string{
		"en": "It has been almost two years since we last spoke.",
		"ar": "يكاد يمرّ عامان على آخر حديث بيننا.",
		"pl": "Minęły prawie dwa lata od naszej ostatniej rozmowy.",
	}
	for _, lang := range i18n.Supported {
		for _, g := range goldenGenders {
			for _, reg := range Registers {
				in := reconnectInput(lang, g)
				in.Register = reg
				d, err := Reconnect(in)
				if err != nil {
					t.Fatalf("%s %s %s: %v", lang, g, reg, err)
				}
				if d.Parts == nil || d.Parts.Acknowledge == "" || d.Parts.WhyNow == "" || d.Parts.Offer == "" {
					t.Fatalf("%s %s %s: missing a part: %+v", lang, g, reg, d.Parts)
				}
				if !strings.Contains(d.Parts.Acknowledge, almostTwoYears[lang]) {
					t.Errorf("%s %s %s: acknowledge %q does not say %q", lang, g, reg, d.Parts.Acknowledge, almostTwoYears[lang])
				}
				a := strings.Index(d.Text, d.Parts.Acknowledge)
				b := strings.Index(d.Text, d.Parts.WhyNow)
				c := strings.Index(d.Text, d.Parts.Offer)
				if a < 0 || b < a || c < b {
					t.Errorf("%s %s %s: the text does not hold the parts in order:\n%s", lang, g, reg, d.Text)
				}
				if d.Lang != lang || d.Register != reg {
					t.Errorf("%s %s %s: draft says %s %s", lang, g, reg, d.Lang, d.Register)
				}
			}
		}
	}
}

func TestDraftJSONHasThePartsSeparatelyAndTheWholeText(t *testing.T) {
	d, err := Reconnect(reconnectInput("en", rapport.GenderFeminine))
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	b, _ := json.Marshal(d)
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	parts, _ := got["parts"].(map[string]any)
	for _, k := range []string{"acknowledge", "why_now", "offer"} {
		if s, _ := parts[k].(string); s == "" {
			t.Errorf("parts.%s missing in %s", k, b)
		}
	}
	for _, k := range []string{"lang", "register", "text"} {
		if s, _ := got[k].(string); s == "" {
			t.Errorf("%s missing in %s", k, b)
		}
	}
	o, err := Opener(OpenerInput{Contact: rapport.Contact{DisplayName: "Anna"}, Situation: HowWeWork})
	if err != nil {
		t.Fatal(err)
	}
	b, _ = json.Marshal(o)
	if strings.Contains(string(b), `"parts"`) {
		t.Errorf("an opener has no parts: %s", b)
	}
}

// TestMixedGendersAgreeEachWithItsOwnPerson: the addressee's gender shapes
// what is said to them, the sender's what they say of themselves.
func TestMixedGendersAgreeEachWithItsOwnPerson(t *testing.T) {
	for _, tc := range []struct {
		lang          string
		contact, user rapport.Gender
		register      Register
		want, wantNot []string
	}{
		{"ar", rapport.GenderMasculine, rapport.GenderFeminine, Formal,
			[]string{"الأستاذ ", "أرجو أن تكون بخير.", "كنت منشغلة جدًا بالعمل.", "سأكون ممتنة لوقتك."},
			[]string{"الأستاذة", "تكوني", "منشغلًا", "ممتنًا"}},
		{"ar", rapport.GenderFeminine, rapport.GenderMasculine, Formal,
			[]string{"الأستاذة ", "أرجو أن تكوني بخير.", "كنت منشغلًا جدًا بالعمل.", "سأكون ممتنًا لوقتك."},
			[]string{"المحترم،", "منشغلة", "ممتنة"}},
		{"ar", rapport.GenderFeminine, rapport.GenderUnknown, Informal,
			[]string{"مرحبًا ", "أتمنى أن تكوني بخير.", "استغرق العمل كل وقتي.", "شكرًا لك مقدّمًا على وقتك."},
			[]string{"منشغل", "ممتن"}},
		{"pl", rapport.GenderMasculine, rapport.GenderFeminine, Formal,
			[]string{"u Pana wszystko dobrze", "Byłam bardzo zajęta pracą.", "Zastanawiałam się", "Będę wdzięczna"},
			[]string{"Pani", "Byłem", "wdzięczny"}},
		{"pl", rapport.GenderFeminine, rapport.GenderMasculine, Formal,
			[]string{"u Pani wszystko dobrze", "Byłem bardzo zajęty pracą.", "Zastanawiałem się", "Będę wdzięczny"},
			[]string{"Pana", "Byłam", "wdzięczna"}},
		{"pl", rapport.GenderUnknown, rapport.GenderUnknown, Formal,
			[]string{"Mam nadzieję, że wszystko w porządku.", "Praca pochłaniała cały mój czas.", "W zamian mogę zaproponować:"},
			[]string{"Pan", "Pani", "Państw", "Byłem", "Byłam", "wdzięczn", "łem", "łam"}},
		{"pl", rapport.GenderFeminine, rapport.GenderFeminine, Informal,
			[]string{"Cześć,", "u Ciebie wszystko dobrze", "Byłam"},
			[]string{"Pani", "Pan "}},
	} {
		in := reconnectInput(tc.lang, tc.contact)
		in.User.Gender, in.Register, in.Silence = tc.user, tc.register, "busy"
		d, err := Reconnect(in)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range tc.want {
			if !strings.Contains(d.Text, s) {
				t.Errorf("%s contact %s user %s: missing %q in\n%s", tc.lang, tc.contact, tc.user, s, d.Text)
			}
		}
		for _, s := range tc.wantNot {
			if strings.Contains(d.Text, s) {
				t.Errorf("%s contact %s user %s: unexpected %q in\n%s", tc.lang, tc.contact, tc.user, s, d.Text)
			}
		}
	}
}

func TestOpenerProposesTheChannelAndNeverAnEmailThread(t *testing.T) {
	proposal := map[string]map[rapport.Channel]string{
		"en": {rapport.ChannelCall: "half-hour call", rapport.ChannelVideo: "video call", rapport.ChannelInPerson: "meet"},
		"ar": {rapport.ChannelCall: "مكالمة لمدة", rapport.ChannelVideo: "مكالمة فيديو", rapport.ChannelInPerson: "نلتقي"},
		"pl": {rapport.ChannelCall: "telefon", rapport.ChannelVideo: "rozmowę wideo", rapport.ChannelInPerson: "kaw"},
	}
	for _, lang := range i18n.Supported {
		for _, g := range goldenGenders {
			for _, reg := range Registers {
				for _, sit := range Situations {
					for _, ch := range OpenerChannels {
						contact, user := fixture(lang, g)
						d, err := Opener(OpenerInput{Contact: contact, User: user, Lang: lang, Register: reg, Situation: sit, Channel: ch})
						if err != nil {
							t.Fatal(err)
						}
						low := strings.ToLower(d.Text)
						if !strings.Contains(low, proposal[lang][ch]) {
							t.Errorf("%s %s %s %s %s: does not propose %q:\n%s", lang, g, reg, sit, ch, proposal[lang][ch], d.Text)
						}
						for _, bad := range []string{"email", "e-mail", "mail", "البريد", "write back", "odpisz"} {
							if strings.Contains(low, bad) {
								t.Errorf("%s %s %s %s %s: mentions %q:\n%s", lang, g, reg, sit, ch, bad, d.Text)
							}
						}
					}
				}
			}
		}
	}
}

// TestDraftsNeverPretendCloseness looks for the phrases that claim a
// closeness or a knowledge of the contact's life that the history does not show.
func TestDraftsNeverPretendCloseness(t *testing.T) {
	pretence := []string{"as you know", "miss you", "old friend", "dear friend", "my friend", "as always",
		"كما تعلم", "كما تعلمين", "اشتقت", "صديقي", "صديقتي", "عزيزي", "عزيزتي",
		"jak wiesz", "tęskni", "przyjacielu", "drogi ", "droga "}
	for _, lang := range i18n.Supported {
		for _, g := range goldenGenders {
			for _, reg := range Registers {
				in := reconnectInput(lang, g)
				in.Register, in.Silence = reg, "moved"
				r, err := Reconnect(in)
				if err != nil {
					t.Fatal(err)
				}
				contact, user := fixture(lang, g)
				o, err := Opener(OpenerInput{Contact: contact, User: user, Lang: lang, Register: reg, Situation: AfterHardYear})
				if err != nil {
					t.Fatal(err)
				}
				for _, text := range []string{r.Text, o.Text} {
					for _, p := range pretence {
						if strings.Contains(strings.ToLower(text), p) {
							t.Errorf("%s %s %s: %q in\n%s", lang, g, reg, p, text)
						}
					}
				}
			}
		}
	}
}

func TestArabicDraftsIsolateLatinNamesAndKeepTheirDirection(t *testing.T) {
	in := reconnectInput("ar", rapport.GenderMasculine) // contact خالد, user Tomasz Nowak
	in.Contact.GivenName = "Tom"
	in.Register = Informal
	d, err := Reconnect(in)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(d.Text, "مرحبًا "+i18n.FSI+"Tom"+i18n.PDI+"،") {
		t.Errorf("the Latin name is not isolated in the greeting:\n%q", d.Text)
	}
	lines := strings.Split(d.Text, "\n")
	if sig := lines[len(lines)-1]; sig != "\u200f"+i18n.FSI+"Tomasz Nowak"+i18n.PDI {
		t.Errorf("the signature line is %q, want RLM and the isolated name", sig)
	}
	in = reconnectInput("ar", rapport.GenderMasculine)
	d, err = Reconnect(in)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(d.Text, i18n.FSI+"خالد") {
		t.Errorf("an Arabic name is isolated in Arabic text:\n%q", d.Text)
	}
	en := reconnectInput("en", rapport.GenderMasculine)
	en.Contact.GivenName = "خالد"
	d, err = Reconnect(en)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(d.Text, "Dear "+i18n.FSI+"خالد"+i18n.PDI+",") {
		t.Errorf("an Arabic name is not isolated in English text:\n%q", d.Text)
	}
}

func TestUsersOwnWordsBecomeSentences(t *testing.T) {
	in := reconnectInput("en", rapport.GenderUnknown)
	in.WhyNow, in.Offer, in.Silence = "  we are   hiring ", "an intro to our team!", "i was abroad"
	d, err := Reconnect(in)
	if err != nil {
		t.Fatal(err)
	}
	if d.Parts.WhyNow != "We are hiring." {
		t.Errorf("why_now = %q", d.Parts.WhyNow)
	}
	if !strings.HasPrefix(d.Parts.Offer, "In return, here is what I can offer: an intro to our team! ") {
		t.Errorf("offer = %q", d.Parts.Offer)
	}
	if !strings.HasSuffix(d.Parts.Acknowledge, " I was abroad.") {
		t.Errorf("acknowledge = %q", d.Parts.Acknowledge)
	}
	in.Lang, in.WhyNow = "ar", "هل لديك وقت؟"
	d, err = Reconnect(in)
	if err != nil {
		t.Fatal(err)
	}
	if d.Parts.WhyNow != "هل لديك وقت؟" {
		t.Errorf("an Arabic question mark is punctuation: %q", d.Parts.WhyNow)
	}
}

func TestSilenceReasonCodesAreRecognisedAndOtherTextKept(t *testing.T) {
	for _, tc := range []struct{ silence, want string }{
		{"studies", "My studies took up all my time."},
		{"MOVED", "I moved, and lost touch with many people."},
		{"family", "Family matters took up most of my time."},
		{"career", "A change in my work took up most of my attention."},
		{"busy", "Work kept me very busy."},
		{"a long illness", "A long illness."},
	} {
		in := reconnectInput("en", rapport.GenderUnknown)
		in.Silence = tc.silence
		d, err := Reconnect(in)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasSuffix(d.Parts.Acknowledge, tc.want) {
			t.Errorf("silence %q: acknowledge %q does not end with %q", tc.silence, d.Parts.Acknowledge, tc.want)
		}
	}
}

func TestDraftLanguageIsAskedThenContactsThenUsers(t *testing.T) {
	base := reconnectInput("en", rapport.GenderUnknown)
	base.Lang = ""
	for _, tc := range []struct{ asked, contact, user, want string }{
		{"pl", "ar", "en", "pl"},
		{"", "ar", "pl", "ar"},
		{"", "", "pl-PL", "pl"},
		{"", "de", "", "en"},
	} {
		in := base
		in.Lang, in.Contact.Lang, in.User.Lang = tc.asked, tc.contact, tc.user
		d, err := Reconnect(in)
		if err != nil {
			t.Fatal(err)
		}
		if d.Lang != tc.want {
			t.Errorf("asked %q, contact %q, user %q: %s, want %s", tc.asked, tc.contact, tc.user, d.Lang, tc.want)
		}
	}
}

func TestInvalidInputIsRefusedWithTheFieldAtFault(t *testing.T) {
	ok := reconnectInput("en", rapport.GenderUnknown)
	for _, tc := range []struct {
		field string
		edit  func(*ReconnectInput)
	}{
		{"why_now", func(in *ReconnectInput) { in.WhyNow = "  " }},
		{"offer", func(in *ReconnectInput) { in.Offer = "" }},
		{"now", func(in *ReconnectInput) { in.Now = time.Time{} }},
		{"register", func(in *ReconnectInput) { in.Register = "casual" }},
		{"lang", func(in *ReconnectInput) { in.Lang = "de" }},
	} {
		in := ok
		tc.edit(&in)
		_, err := Reconnect(in)
		var e *rapport.Error
		if !errors.As(err, &e) || e.Code != rapport.EINVALID || e.Field != tc.field {
			t.Errorf("%s: got %v, want an invalid %s", tc.field, err, tc.field)
		}
	}
	contact, user := fixture("en", rapport.GenderUnknown)
	for _, tc := range []struct {
		field string
		in    OpenerInput
	}{
		{"situation", OpenerInput{Contact: contact, User: user, Situation: "party"}},
		{"situation", OpenerInput{Contact: contact, User: user}},
		{"channel", OpenerInput{Contact: contact, User: user, Situation: HowWeWork, Channel: rapport.ChannelEmail}},
		{"register", OpenerInput{Contact: contact, User: user, Situation: HowWeWork, Register: "casual"}},
	} {
		_, err := Opener(tc.in)
		var e *rapport.Error
		if !errors.As(err, &e) || e.Code != rapport.EINVALID || e.Field != tc.field {
			t.Errorf("%s: got %v, want an invalid %s", tc.field, err, tc.field)
		}
	}
	if s, err := ParseSituation("new-quarter"); err != nil || s != NewQuarter {
		t.Errorf("ParseSituation(new-quarter) = %q, %v", s, err)
	}
}
