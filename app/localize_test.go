package app_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"rapport"
	"rapport/app"
	"rapport/i18n"
	"rapport/password"
	"rapport/sqlstore/sqltest"
)

// TestLocalizeErrorSaysTheFieldAndTheValueInEveryLanguage renders errors
// made where they are made (the domain's validation, ResolveContact, the
// store's version check) in each language. The English says what the
// error's Message says, with numbers written as English writes them (3,650);
// Latin values are isolated in Arabic, and Arabic ones in Polish and English.
func TestLocalizeErrorSaysTheFieldAndTheValueInEveryLanguage(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	db := sqltest.Open(t, "sqlite")
	acct, err := db.CreateAccount(ctx, "Test", &rapport.User{DisplayName: "Maya"}, now)
	if err != nil {
		t.Fatal(err)
	}
	svc := &app.Service{Store: db, Now: func() time.Time { return now }}
	for _, name := range []string{"Anna Nowak", "Anna Smith"} {
		if err := svc.AddContact(ctx, acct.ID, &rapport.Contact{DisplayName: name, Kind: rapport.KindClient, Tier: rapport.TierCore, Gender: rapport.GenderUnknown}); err != nil {
			t.Fatal(err)
		}
	}
	const fsi, pdi = i18n.FSI, i18n.PDI

	for _, tc := range []struct {
		name       string
		err        func() error
		en, pl, ar string
	}{
		{
			name: "empty display name",
			err:  func() error { c := rapport.Contact{DisplayName: "  "}; c.Normalize(); return c.Validate() },
			en:   `display_name: invalid value "": a contact needs a name`,
			pl:   `display_name: nieprawidłowa wartość „”: kontakt musi mieć nazwę`,
			ar:   fsi + "display_name" + pdi + ": قيمة غير صالحة «»: لا بد لجهة الاتصال من اسم",
		},
		{
			name: "bad email",
			err: func() error {
				c := rapport.Contact{DisplayName: "Anna", Emails: []rapport.ContactPoint{{Value: "anna@"}}}
				c.Normalize()
				return c.Validate()
			},
			en: `email: invalid value "anna@": not an email address`,
			pl: `email: nieprawidłowa wartość „anna@”: to nie jest adres e-mail`,
			ar: fsi + "email" + pdi + ": قيمة غير صالحة «" + fsi + "anna@" + pdi + "»: ليس عنوان بريد إلكتروني صالحًا",
		},
		{
			name: "bad enum value",
			err:  func() error { _, err := rapport.ParseEnum("--kind", "boss", rapport.Kinds); return err },
			en:   `--kind: invalid value "boss": must be one of colleague, client, partner, mentor, network, friend`,
			pl:   `--kind: nieprawidłowa wartość „boss”: dozwolone wartości to: colleague, client, partner, mentor, network, friend`,
			ar: fsi + "--kind" + pdi + ": قيمة غير صالحة «" + fsi + "boss" + pdi + "»: القيم المسموح بها: " +
				fsi + "colleague, client, partner, mentor, network, friend" + pdi,
		},
		{
			name: "a number out of range",
			err:  func() error { s := rapport.DefaultSettings(); s.DormantDays = 0; return s.Validate() },
			en:   `dormant_days: invalid value "0": must be between 1 and 3,650`,
			pl:   `dormant_days: nieprawidłowa wartość „0”: wartość musi mieścić się w przedziale od 1 do 3650`,
			ar:   fsi + "dormant_days" + pdi + ": قيمة غير صالحة «" + fsi + "0" + pdi + "»: يجب أن تكون القيمة بين ١ و٣٬٦٥٠",
		},
		{
			name: "unknown contact REF",
			err:  func() error { _, err := svc.ResolveContact(ctx, acct.ID, "zofia", false); return err },
			en:   `no contact matches "zofia"`,
			pl:   `żaden kontakt nie pasuje do „zofia”`,
			ar:   "لا توجد جهة اتصال تطابق «" + fsi + "zofia" + pdi + "»",
		},
		{
			name: "unknown contact REF in Arabic script",
			err:  func() error { _, err := svc.ResolveContact(ctx, acct.ID, "خالد", false); return err },
			en:   `no contact matches "` + fsi + "خالد" + pdi + `"`,
			pl:   "żaden kontakt nie pasuje do „" + fsi + "خالد" + pdi + "”",
			ar:   "لا توجد جهة اتصال تطابق «" + fsi + "خالد" + pdi + "»",
		},
		{
			name: "ambiguous REF",
			err:  func() error { _, err := svc.ResolveContact(ctx, acct.ID, "anna", false); return err },
			en:   `"anna" matches several contacts; use an id or a longer name`,
			pl:   `„anna” pasuje do kilku kontaktów; użyj identyfikatora albo dłuższej nazwy`,
			ar:   "«" + fsi + "anna" + pdi + "» يطابق عدة جهات اتصال؛ يُفضَّل استخدام رقم المعرّف أو اسم أطول",
		},
		{
			name: "stale version",
			err: func() error {
				c, err := db.Contact(ctx, acct.ID, 1)
				if err != nil {
					return err
				}
				stale := *c
				if err := db.UpdateContact(ctx, acct.ID, c); err != nil {
					return err
				}
				return db.UpdateContact(ctx, acct.ID, &stale)
			},
			en: "contact 1 was changed since you read it (version 2, you had 1): read it again and redo your change",
			pl: "kontakt 1 zmienił się od chwili odczytu (wersja 2, twoja: 1): wczytaj go ponownie i powtórz zmianę",
			ar: "تغيّرت جهة الاتصال " + fsi + "1" + pdi + " منذ قراءتها (الإصدار الحالي " + fsi + "2" + pdi +
				"، والإصدار المقروء " + fsi + "1" + pdi + "): تلزم قراءتها من جديد وإعادة التعديل",
		},
		{
			name: "an error the catalogs have no message for stays in English",
			err:  func() error { return rapport.Invalid("why_now", "", "say why you are writing now") },
			en:   `why_now: invalid value "": say why you are writing now`,
			pl:   `why_now: invalid value "": say why you are writing now`,
			ar:   `why_now: invalid value "": say why you are writing now`,
		},
		{
			name: "an internal error shows no cause",
			err:  func() error { return rapport.Internal(errors.New("disk I/O error")) },
			en:   "internal error",
			pl:   "błąd wewnętrzny",
			ar:   "خطأ داخلي",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.err()
			if err == nil {
				t.Fatal("no error")
			}
			for lang, want := range map[string]string{"en": tc.en, "pl": tc.pl, "ar": tc.ar} {
				if got := app.LocalizeError(i18n.For(lang), err); got != want {
					t.Errorf("%s:\n got %q\nwant %q", lang, got, want)
				}
			}
		})
	}
}

// TestLocalizeErrorSaysARefusalOfTheRules: a refusal carries its own key.
func TestLocalizeErrorSaysARefusalOfTheRules(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	db := sqltest.Open(t, "sqlite")
	acct, err := db.CreateAccount(ctx, "Test", &rapport.User{DisplayName: "Maya"}, now)
	if err != nil {
		t.Fatal(err)
	}
	svc := &app.Service{Store: db, Now: func() time.Time { return now }}
	c := &rapport.Contact{DisplayName: "Anna", Kind: rapport.KindClient, Tier: rapport.TierCore, Gender: rapport.GenderFeminine}
	if err := svc.AddContact(ctx, acct.ID, c); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.StartEffort(ctx, acct.ID, c, ""); err != nil {
		t.Fatal(err)
	}
	_, err = svc.StartEffort(ctx, acct.ID, c, "")
	if got, want := app.LocalizeError(i18n.For("en"), err), rapport.ErrorMessage(err); got != want {
		t.Errorf("en = %q, want the rules' own English %q", got, want)
	}
	if got := app.LocalizeError(i18n.For("pl"), err); got == rapport.ErrorMessage(err) || got == "" {
		t.Errorf("pl = %q: not translated", got)
	}
}

// TestLocalizeErrorSaysSignInErrorsInEveryLanguage renders the errors of
// signing up, signing in and accepting an invitation, made where they are
// made, in each language: a refused sign-in says the same words whether the
// email exists or not, and a refused password names the field and its limit
// but never the password.
func TestLocalizeErrorSaysSignInErrorsInEveryLanguage(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	svc := &app.Service{Store: sqltest.Open(t, "sqlite"), Now: func() time.Time { return now }, Passwords: password.Fast}
	owner, err := svc.SignUp(ctx, app.SignUpRequest{DisplayName: "Maya", Email: "maya@acme.example", Password: "a long password 1"})
	if err != nil {
		t.Fatal(err)
	}
	inv, err := svc.CreateInvite(ctx, owner.Principal, rapport.RoleViewer, "vic@acme.example")
	if err != nil {
		t.Fatal(err)
	}
	const fsi, pdi = i18n.FSI, i18n.PDI
	errOf := func(_ any, err error) error { return err }

	wrong := errOf(svc.SignIn(ctx, "maya@acme.example", "not the password", "192.0.2.1"))
	unknown := errOf(svc.SignIn(ctx, "nobody@acme.example", "not the password", "192.0.2.1"))
	for _, lang := range i18n.Supported {
		tr := i18n.For(lang)
		if w, u := app.LocalizeError(tr, wrong), app.LocalizeError(tr, unknown); w != u || w == rapport.ErrorMessage(wrong) && lang != "en" {
			t.Errorf("%s: a wrong password says %q, an unknown email %q", lang, w, u)
		}
	}

	for _, tc := range []struct {
		name       string
		err        error
		en, pl, ar string
	}{
		{
			name: "wrong password",
			err:  wrong,
			en:   "wrong email or password",
			pl:   "nieprawidłowy adres e-mail lub hasło",
			ar:   "البريد الإلكتروني أو كلمة المرور غير صحيحة",
		},
		{
			name: "password too short",
			err:  errOf(svc.SignUp(ctx, app.SignUpRequest{DisplayName: "Omar", Email: "omar@acme.example", Password: "sesame"})),
			en:   "password: must be at least 10 characters",
			pl:   "password: hasło musi mieć co najmniej 10 znaków",
			ar:   fsi + "password" + pdi + ": يجب أن تتكوّن كلمة المرور من ١٠ أحرف على الأقل",
		},
		{
			name: "email taken",
			err:  errOf(svc.SignUp(ctx, app.SignUpRequest{DisplayName: "Maya", Email: "maya@acme.example", Password: "a long password 2"})),
			en:   "email maya@acme.example is already registered",
			pl:   "adres e-mail maya@acme.example jest już zarejestrowany",
			ar:   "البريد الإلكتروني " + fsi + "maya@acme.example" + pdi + " مسجَّل بالفعل",
		},
		{
			name: "an invitation for another email",
			err: errOf(svc.AcceptInvite(ctx, app.AcceptInviteRequest{Token: inv.Token, DisplayName: "Eve",
				Email: "eve@acme.example", Password: "eve's long password"})),
			en: `email: invalid value "eve@acme.example": this invitation is for another email`,
			pl: `email: nieprawidłowa wartość „eve@acme.example”: to zaproszenie jest przeznaczone dla innego adresu e-mail`,
			ar: fsi + "email" + pdi + ": قيمة غير صالحة «" + fsi + "eve@acme.example" + pdi + "»: هذه الدعوة موجَّهة إلى بريد إلكتروني آخر",
		},
		{
			name: "a forged credential",
			err:  errOf(svc.TokenPrincipal(ctx, "rt_1_1_"+strings.Repeat("A", 43))),
			en:   "invalid or expired credentials",
			pl:   "nieprawidłowe lub wygasłe dane uwierzytelniające",
			ar:   "بيانات الاعتماد غير صالحة أو منتهية الصلاحية",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.err == nil {
				t.Fatal("no error")
			}
			if got := rapport.ErrorMessage(tc.err); got != tc.en {
				t.Errorf("Message %q, want the English %q", got, tc.en)
			}
			for lang, want := range map[string]string{"en": tc.en, "pl": tc.pl, "ar": tc.ar} {
				if got := app.LocalizeError(i18n.For(lang), tc.err); got != want {
					t.Errorf("%s:\n got %q\nwant %q", lang, got, want)
				}
			}
		})
	}
}
