package rules_test

import (
	"slices"
	"testing"

	"rapport"
	"rapport/rules"
)

func TestRule1_LiveBeatsWritten_CheckLog(t *testing.T) {
	out, in := rapport.Outbound, rapport.Inbound
	for _, tc := range []struct {
		name    string
		i       *rapport.Interaction
		attempt bool
		warn    []rules.WarningCode
	}{
		{"an email invitation is not an attempt", emailInvite(0), false, []rules.WarningCode{rules.WarnNotAnAttempt}},
		{"a text invitation is not an attempt", ix(0, rapport.ChannelText, out, true, rapport.OutcomeSent), false, []rules.WarningCode{rules.WarnNotAnAttempt}},
		{"a social invitation is not an attempt", ix(0, rapport.ChannelSocial, out, true, rapport.OutcomeSent), false, []rules.WarningCode{rules.WarnNotAnAttempt}},
		{"an email that invites nobody is just an email", ix(0, rapport.ChannelEmail, out, false, rapport.OutcomeSent), false, nil},
		{"their email invitation is not mine to warn about", ix(0, rapport.ChannelEmail, in, true, rapport.OutcomeSent), false, nil},
		{"a call invitation is an attempt", invite(-2, rapport.OutcomeScheduled), true, nil},
		{"a video invitation is an attempt", ix(-2, rapport.ChannelVideo, out, true, rapport.OutcomeScheduled), true, nil},
		{"a call I made is an attempt", ix(0, rapport.ChannelCall, out, false, rapport.OutcomeNoResponse), true, nil},
		{"a meeting they scheduled is an attempt", ix(-2, rapport.ChannelInPerson, in, true, rapport.OutcomeScheduled), true, nil},
		{"a call they made is not my attempt", met(0, in), false, nil},
		{"their call I missed is not my attempt", ix(0, rapport.ChannelCall, in, false, rapport.OutcomeNoResponse), false, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lc := rules.CheckLog(history(person()), tc.i, defaults, now)
			if lc.CountsAsAttempt != tc.attempt {
				t.Errorf("CountsAsAttempt = %v, want %v", lc.CountsAsAttempt, tc.attempt)
			}
			if got := codes(lc.Warnings); !slices.Equal(got, append([]rules.WarningCode{}, tc.warn...)) {
				t.Errorf("warnings = %v, want %v", got, tc.warn)
			}
			if lc.Attempt != 0 {
				t.Errorf("Attempt = %d without an effort, want 0", lc.Attempt)
			}
		})
	}
}

func TestRule1_LiveBeatsWritten_NotAnAttemptAdvisesLive(t *testing.T) {
	lc := rules.CheckLog(history(person()), emailInvite(0), defaults, now)
	if len(lc.Warnings) != 1 {
		t.Fatalf("warnings = %v", lc.Warnings)
	}
	w := lc.Warnings[0]
	for _, want := range []string{"call", "video", "meeting"} {
		if !containsFold(w.Suggestion, want) {
			t.Errorf("suggestion %q does not advise to %s", w.Suggestion, want)
		}
	}
	if w.Message == "" || w.MessageKey() != "warning.not_an_attempt.message" || w.SuggestionKey() != "warning.not_an_attempt.suggestion" {
		t.Errorf("warning = %+v, keys %s %s", w, w.MessageKey(), w.SuggestionKey())
	}
}

func TestRule1_LiveBeatsWritten_CheckLogNumbersTheAttempt(t *testing.T) {
	declined := invite(5, rapport.OutcomeDeclined)
	pending := invite(-3, rapport.OutcomeScheduled)
	for _, tc := range []struct {
		name string
		is   []*rapport.Interaction
		i    *rapport.Interaction
		want int
	}{
		{"the first attempt", nil, invite(0, rapport.OutcomeScheduled), 1},
		{"after one declined", []*rapport.Interaction{declined}, invite(0, rapport.OutcomeScheduled), 2},
		{"after one declined and one pending", []*rapport.Interaction{declined, pending}, invite(0, rapport.OutcomeScheduled), 3},
		{"the pending one itself, logged again, is not counted twice", []*rapport.Interaction{declined, pending}, pending, 2},
		{"a written invitation is no attempt", []*rapport.Interaction{declined}, emailInvite(0), 0},
		{"an attempt before the effort started is not part of it", nil, invite(20, rapport.OutcomeDeclined), 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := history(person(), tc.is...)
			h.Efforts = []*rapport.Effort{effort(10)}
			lc := rules.CheckLog(h, tc.i, defaults, now)
			if lc.Attempt != tc.want || lc.MaxAttempts != 3 {
				t.Fatalf("attempt %d of %d, want %d of 3", lc.Attempt, lc.MaxAttempts, tc.want)
			}
		})
	}
}

func TestRule2_EffectiveOutcome(t *testing.T) {
	for _, tc := range []struct {
		name string
		i    *rapport.Interaction
		s    func(*rapport.Settings)
		want rapport.Outcome
	}{
		{"scheduled 13 days ago is still scheduled", invite(13, rapport.OutcomeScheduled), nil, rapport.OutcomeScheduled},
		{"scheduled 14 days ago had no response", invite(14, rapport.OutcomeScheduled), nil, rapport.OutcomeNoResponse},
		{"scheduled in the future is scheduled", invite(-30, rapport.OutcomeScheduled), nil, rapport.OutcomeScheduled},
		{"held stays held", invite(100, rapport.OutcomeHeld), nil, rapport.OutcomeHeld},
		{"declined stays declined", invite(100, rapport.OutcomeDeclined), nil, rapport.OutcomeDeclined},
		{"NoResponseDays 30 keeps it scheduled", invite(14, rapport.OutcomeScheduled), func(s *rapport.Settings) { s.NoResponseDays = 30 }, rapport.OutcomeScheduled},
		{"NoResponseDays 5 makes it no_response sooner", invite(5, rapport.OutcomeScheduled), func(s *rapport.Settings) { s.NoResponseDays = 5 }, rapport.OutcomeNoResponse},
		{"NoResponseDays 0: unanswered from its own day on", ix(0, rapport.ChannelCall, rapport.Outbound, true, rapport.OutcomeScheduled), func(s *rapport.Settings) { s.NoResponseDays = 0 }, rapport.OutcomeNoResponse},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := defaults
			if tc.s != nil {
				tc.s(&s)
			}
			if got := rules.EffectiveOutcome(tc.i, s, now); got != tc.want {
				t.Fatalf("EffectiveOutcome = %s, want %s", got, tc.want)
			}
		})
	}
	t.Run("a meeting later today is not yet unanswered", func(t *testing.T) {
		s := defaults
		s.NoResponseDays = 0
		i := ix(0, rapport.ChannelCall, rapport.Outbound, true, rapport.OutcomeScheduled)
		i.At = now.Add(3 * 3600e9)
		if got := rules.EffectiveOutcome(i, s, now); got != rapport.OutcomeScheduled {
			t.Fatalf("EffectiveOutcome = %s, want scheduled", got)
		}
	})
}

func TestRule2_ThreeAttempts(t *testing.T) {
	out, in := rapport.Outbound, rapport.Inbound
	type want struct {
		state    rules.EffortState
		failed   int
		attempts int
		next     int
		pending  bool
	}
	for _, tc := range []struct {
		name    string
		efforts []int // days ago each effort started; nil: none
		is      []*rapport.Interaction
		s       func(*rapport.Settings)
		want    want
	}{
		{name: "no effort", want: want{state: rules.EffortNone}},
		{name: "a new effort waits for its first attempt", efforts: []int{10}, want: want{state: rules.EffortActive, next: 1}},
		{name: "one declined attempt", efforts: []int{60},
			is:   []*rapport.Interaction{invite(50, rapport.OutcomeDeclined)},
			want: want{state: rules.EffortActive, failed: 1, attempts: 1, next: 2}},
		{name: "declined, unanswered and cancelled: given up", efforts: []int{60},
			is:   []*rapport.Interaction{invite(50, rapport.OutcomeDeclined), invite(40, rapport.OutcomeNoResponse), invite(30, rapport.OutcomeCancelled)},
			want: want{state: rules.EffortGivenUp, failed: 3, attempts: 3}},
		{name: "an email invitation among two failed live ones does not count", efforts: []int{60},
			is:   []*rapport.Interaction{invite(50, rapport.OutcomeDeclined), emailInvite(45), invite(40, rapport.OutcomeNoResponse)},
			want: want{state: rules.EffortActive, failed: 2, attempts: 2, next: 3}},
		{name: "an email invitation among three failed live ones: given up after the three live", efforts: []int{60},
			is: []*rapport.Interaction{invite(50, rapport.OutcomeDeclined), emailInvite(45), ix(44, rapport.ChannelText, out, true, rapport.OutcomeNoResponse),
				invite(40, rapport.OutcomeNoResponse), invite(30, rapport.OutcomeCancelled)},
			want: want{state: rules.EffortGivenUp, failed: 3, attempts: 3}},
		{name: "a held conversation after two failures succeeds", efforts: []int{60},
			is:   []*rapport.Interaction{invite(50, rapport.OutcomeDeclined), invite(40, rapport.OutcomeNoResponse), invite(30, rapport.OutcomeHeld)},
			want: want{state: rules.EffortSucceeded, failed: 2, attempts: 3}},
		{name: "a conversation they started succeeds, and is no attempt of mine", efforts: []int{60},
			is:   []*rapport.Interaction{met(30, in)},
			want: want{state: rules.EffortSucceeded}},
		{name: "a written reply does not succeed", efforts: []int{60},
			is:   []*rapport.Interaction{ix(30, rapport.ChannelEmail, out, false, rapport.OutcomeReplied), ix(29, rapport.ChannelEmail, in, false, rapport.OutcomeSent)},
			want: want{state: rules.EffortActive, next: 1}},
		{name: "a scheduled invitation left 14 days is a failed attempt", efforts: []int{60},
			is:   []*rapport.Interaction{invite(50, rapport.OutcomeDeclined), invite(40, rapport.OutcomeDeclined), invite(20, rapport.OutcomeScheduled)},
			want: want{state: rules.EffortGivenUp, failed: 3, attempts: 3}},
		{name: "a scheduled invitation is the pending attempt", efforts: []int{60},
			is:   []*rapport.Interaction{invite(50, rapport.OutcomeDeclined), invite(-3, rapport.OutcomeScheduled)},
			want: want{state: rules.EffortActive, failed: 1, attempts: 2, next: 2, pending: true}},
		{name: "a meeting they scheduled and cancelled is a failed attempt", efforts: []int{60},
			is:   []*rapport.Interaction{ix(50, rapport.ChannelVideo, in, true, rapport.OutcomeCancelled)},
			want: want{state: rules.EffortActive, failed: 1, attempts: 1, next: 2}},
		{name: "their invitation I declined is not my failed attempt", efforts: []int{60},
			is:   []*rapport.Interaction{ix(50, rapport.ChannelCall, in, true, rapport.OutcomeDeclined)},
			want: want{state: rules.EffortActive, next: 1}},
		{name: "attempts before the effort started do not count", efforts: []int{20},
			is:   []*rapport.Interaction{invite(50, rapport.OutcomeDeclined), invite(40, rapport.OutcomeDeclined), invite(30, rapport.OutcomeDeclined), met(25, out)},
			want: want{state: rules.EffortActive, next: 1}},
		{name: "a cancellation after the meeting was held leaves it succeeded", efforts: []int{60},
			is:   []*rapport.Interaction{invite(40, rapport.OutcomeHeld), ix(30, rapport.ChannelInPerson, in, false, rapport.OutcomeCancelled)},
			want: want{state: rules.EffortSucceeded, attempts: 1}},
		{name: "three failures after success leave it succeeded", efforts: []int{60},
			is: []*rapport.Interaction{met(50, out), invite(40, rapport.OutcomeDeclined), invite(30, rapport.OutcomeDeclined),
				invite(20, rapport.OutcomeDeclined)},
			want: want{state: rules.EffortSucceeded, attempts: 1}},
		{name: "a conversation after giving up leaves it given up", efforts: []int{60},
			is: []*rapport.Interaction{invite(50, rapport.OutcomeDeclined), invite(40, rapport.OutcomeDeclined), invite(30, rapport.OutcomeDeclined),
				met(20, out)},
			want: want{state: rules.EffortGivenUp, failed: 3, attempts: 3}},
		{name: "a later effort starts from nothing", efforts: []int{60, 15},
			is: []*rapport.Interaction{invite(50, rapport.OutcomeDeclined), invite(40, rapport.OutcomeDeclined), invite(30, rapport.OutcomeDeclined),
				met(20, in), invite(10, rapport.OutcomeDeclined)},
			want: want{state: rules.EffortActive, failed: 1, attempts: 1, next: 2}},
		{name: "at the same instant, the lower id comes first", efforts: []int{60},
			is: func() []*rapport.Interaction {
				a, b := invite(30, rapport.OutcomeDeclined), invite(30, rapport.OutcomeHeld)
				b.At = a.At
				return []*rapport.Interaction{a, b}
			}(),
			want: want{state: rules.EffortSucceeded, failed: 1, attempts: 2}},
		{name: "an effort started in the future is not started yet", efforts: []int{-5}, want: want{state: rules.EffortNone}},
		{name: "MaxAttempts 2 gives up after two", efforts: []int{60},
			is:   []*rapport.Interaction{invite(50, rapport.OutcomeDeclined), invite(40, rapport.OutcomeDeclined)},
			s:    func(s *rapport.Settings) { s.MaxAttempts = 2 },
			want: want{state: rules.EffortGivenUp, failed: 2, attempts: 2}},
		{name: "MaxAttempts 4 keeps trying after three", efforts: []int{60},
			is:   []*rapport.Interaction{invite(50, rapport.OutcomeDeclined), invite(40, rapport.OutcomeDeclined), invite(30, rapport.OutcomeDeclined)},
			s:    func(s *rapport.Settings) { s.MaxAttempts = 4 },
			want: want{state: rules.EffortActive, failed: 3, attempts: 3, next: 4}},
		{name: "NoResponseDays 30 keeps a 20-day-old invitation pending", efforts: []int{60},
			is:   []*rapport.Interaction{invite(50, rapport.OutcomeDeclined), invite(40, rapport.OutcomeDeclined), invite(20, rapport.OutcomeScheduled)},
			s:    func(s *rapport.Settings) { s.NoResponseDays = 30 },
			want: want{state: rules.EffortActive, failed: 2, attempts: 3, next: 3, pending: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := defaults
			if tc.s != nil {
				tc.s(&s)
			}
			for _, order := range []string{"oldest first", "newest first", "shuffled"} {
				is := slices.Clone(tc.is)
				switch order {
				case "newest first":
					slices.Reverse(is)
				case "shuffled":
					if len(is) > 2 {
						is[0], is[len(is)-1], is[1] = is[1], is[0], is[len(is)-1]
					}
				}
				h := history(person(), is...)
				for _, d := range tc.efforts {
					h.Efforts = append(h.Efforts, effort(d))
				}
				slices.Reverse(h.Efforts) // the rules sort them
				e := rules.Evaluate(h, s, now).Effort
				got := want{e.State, e.FailedAttempts, e.Attempts, e.NextAttempt, e.PendingAt != nil}
				if got != tc.want {
					t.Fatalf("%s: effort = %+v, want %+v", order, got, tc.want)
				}
				if e.MaxAttempts != max(s.MaxAttempts, 1) {
					t.Fatalf("max_attempts = %d", e.MaxAttempts)
				}
				if (e.State == rules.EffortNone) != (e.StartedAt == nil) || (e.State == rules.EffortSucceeded || e.State == rules.EffortGivenUp) != (e.EndedAt != nil) {
					t.Fatalf("started_at %v, ended_at %v for %s", e.StartedAt, e.EndedAt, e.State)
				}
			}
		})
	}
}

func TestRule2_ThreeAttempts_TheDomainKeepsAHeldMeetingHeld(t *testing.T) {
	i := invite(3, rapport.OutcomeHeld)
	if err := i.SetOutcome(rapport.OutcomeCancelled); err == nil {
		t.Fatal("SetOutcome(held → cancelled) succeeded; the rules assume a held meeting stays held")
	}
}

func TestRule3_GivenUpMeansProfessional(t *testing.T) {
	failed := func() []*rapport.Interaction {
		return []*rapport.Interaction{invite(50, rapport.OutcomeDeclined), invite(40, rapport.OutcomeNoResponse), invite(30, rapport.OutcomeCancelled)}
	}
	givenUp := func(more ...*rapport.Interaction) rules.History {
		h := history(person(tier(rapport.TierInner)), append(failed(), more...)...)
		h.Efforts = []*rapport.Effort{effort(60)}
		return h
	}
	for _, tc := range []struct {
		name         string
		h            rules.History
		professional bool
		reachedOut   bool
	}{
		{"given up", givenUp(), true, false},
		{"given up when they cancelled the meeting they had proposed", func() rules.History {
			h := history(person(tier(rapport.TierInner)), invite(50, rapport.OutcomeDeclined), invite(40, rapport.OutcomeNoResponse),
				ix(30, rapport.ChannelVideo, rapport.Inbound, true, rapport.OutcomeCancelled))
			h.Efforts = []*rapport.Effort{effort(60)}
			return h
		}(), true, false},
		{"given up, and they wrote an email since", givenUp(ix(10, rapport.ChannelEmail, rapport.Inbound, false, rapport.OutcomeSent)), true, false},
		{"given up, and I met them since", givenUp(met(10, rapport.Outbound)), true, false},
		{"given up, and they called since", givenUp(met(10, rapport.Inbound)), false, true},
		{"given up, and they invited me to a meeting since", givenUp(ix(10, rapport.ChannelInPerson, rapport.Inbound, true, rapport.OutcomeScheduled)), false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := rules.Evaluate(tc.h, defaults, now)
			if st.Effort.State != rules.EffortGivenUp || st.ProfessionalOnly != tc.professional || st.Effort.ReachedOut != tc.reachedOut {
				t.Fatalf("state %s, professional_only %v, reached_out %v; want given_up, %v, %v",
					st.Effort.State, st.ProfessionalOnly, st.Effort.ReachedOut, tc.professional, tc.reachedOut)
			}
			wantAdvice := ""
			if tc.professional {
				wantAdvice = "Professional only: include in necessary meetings and communications; stop inviting."
			}
			if st.Advice != wantAdvice || (st.AdviceKey != "") != tc.professional {
				t.Fatalf("advice %q (%s), want %q", st.Advice, st.AdviceKey, wantAdvice)
			}

			lc := rules.CheckLog(tc.h, invite(-2, rapport.OutcomeScheduled), defaults, now)
			if hasCode(lc.Warnings, rules.WarnGivenUp) != tc.professional {
				t.Errorf("a new call invitation warns %v, want given_up: %v", codes(lc.Warnings), tc.professional)
			}
			lc = rules.CheckLog(tc.h, emailInvite(0), defaults, now)
			if hasCode(lc.Warnings, rules.WarnGivenUp) != tc.professional || !hasCode(lc.Warnings, rules.WarnNotAnAttempt) {
				t.Errorf("a new email invitation warns %v", codes(lc.Warnings))
			}
			if lc := rules.CheckLog(tc.h, met(0, rapport.Outbound), defaults, now); len(lc.Warnings) != 0 {
				t.Errorf("a meeting the work needs warns %v; it should not", codes(lc.Warnings))
			}
			if a := rules.CheckAsk(tc.h, rules.Ask{Kind: rapport.FavorAdvice}, defaults, now); hasCode(a.Warnings, rules.WarnGivenUp) != tc.professional {
				t.Errorf("the ask check warns %v", codes(a.Warnings))
			}

			err := rules.CanStartEffort(tc.h, defaults, now)
			if tc.professional {
				if key := refusal(t, err); key != "refusal.given_up" {
					t.Errorf("refusal %s", key)
				}
			} else if err != nil {
				t.Errorf("CanStartEffort = %v after they reached out", err)
			}

		})
	}
}

func TestRule3_GivenUpMeansProfessional_GivenUpWarningCountsTries(t *testing.T) {
	h := history(person(), invite(50, rapport.OutcomeDeclined), invite(40, rapport.OutcomeDeclined), invite(30, rapport.OutcomeDeclined))
	h.Efforts = []*rapport.Effort{effort(60)}
	lc := rules.CheckLog(h, invite(-1, rapport.OutcomeScheduled), defaults, now)
	if len(lc.Warnings) != 1 {
		t.Fatalf("warnings = %v", codes(lc.Warnings))
	}
	w := lc.Warnings[0]
	if w.Params["count"] != 3 || w.Params["name"] != "Anna Kowalska" || !containsFold(w.Message, "3 times") || !containsFold(w.Message, "don't chase") {
		t.Fatalf("warning = %+v", w)
	}
}

func TestRule2_CanStartEffort(t *testing.T) {
	for _, tc := range []struct {
		name string
		h    func() rules.History
		want string // refusal key; "" for allowed
	}{
		{"with no effort", func() rules.History { return history(person()) }, ""},
		{"while one is active", func() rules.History {
			h := history(person(), invite(5, rapport.OutcomeDeclined))
			h.Efforts = []*rapport.Effort{effort(10)}
			return h
		}, "refusal.effort_active"},
		{"after one succeeded", func() rules.History {
			h := history(person(), met(5, rapport.Outbound))
			h.Efforts = []*rapport.Effort{effort(10)}
			return h
		}, ""},
		{"when trust is on a second chance", func() rules.History {
			h := history(person())
			h.Trust = []*rapport.TrustEvent{breach(3)}
			return h
		}, ""},
		{"when trust is lost", func() rules.History {
			h := history(person())
			h.Trust = []*rapport.TrustEvent{breach(30), breach(3)}
			return h
		}, "refusal.trust_lost"},
		{"when trust is lost, even after they reached out", func() rules.History {
			h := history(person(), met(1, rapport.Inbound))
			h.Trust = []*rapport.TrustEvent{breach(30), breach(3)}
			return h
		}, "refusal.trust_lost"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := rules.CanStartEffort(tc.h(), defaults, now)
			if tc.want == "" {
				if err != nil {
					t.Fatalf("CanStartEffort = %v, want nil", err)
				}
				return
			}
			if key := refusal(t, err); key != tc.want {
				t.Fatalf("refusal %s, want %s", key, tc.want)
			}
			if !containsFold(err.Error(), "Anna Kowalska") {
				t.Fatalf("error %q does not name the contact", err)
			}
		})
	}
}
