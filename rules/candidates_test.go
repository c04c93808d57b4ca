package rules_test

import (
	"reflect"
	"testing"

	"rapport"
	"rapport/rules"
)

// LatestEffort is Evaluate's effort, from the efforts and interactions alone.
func TestLatestEffortIsEvaluatesEffort(t *testing.T) {
	started := &rapport.Effort{ID: 1, ContactID: 1, Goal: "lunch", StartedAt: ago(40)}
	later := &rapport.Effort{ID: 2, ContactID: 1, Goal: "a visit", StartedAt: ago(10)}
	for name, h := range map[string]rules.History{
		"none":      history(person()),
		"active":    history(person(), invite(30, rapport.OutcomeDeclined), emailInvite(20)),
		"pending":   history(person(), invite(-2, rapport.OutcomeScheduled)),
		"succeeded": history(person(), invite(30, rapport.OutcomeDeclined), met(20, rapport.Outbound)),
		"given up": history(person(), invite(35, rapport.OutcomeDeclined), invite(30, rapport.OutcomeNoResponse),
			invite(25, rapport.OutcomeCancelled), met(5, rapport.Inbound)),
		"two efforts": history(person(), met(30, rapport.Outbound), invite(5, rapport.OutcomeDeclined)),
	} {
		switch name {
		case "none":
		case "two efforts":
			h.Efforts = []*rapport.Effort{later, started}
		default:
			h.Efforts = []*rapport.Effort{started}
		}
		want := rules.Evaluate(h, defaults, now).Effort
		got := rules.LatestEffort(rules.History{Efforts: h.Efforts, Interactions: h.Interactions}, defaults, now)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: %+v, Evaluate says %+v", name, got, want)
		}
	}
}
