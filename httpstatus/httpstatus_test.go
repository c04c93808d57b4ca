package httpstatus

import (
	"errors"
	"testing"

	"rapport"
)

func TestEveryErrorCodeHasItsStatus(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want int
	}{
		{rapport.Invalid("kind", "x", "bad"), 400},
		{rapport.NotFound("contact", 3), 404},
		{rapport.Errorf(rapport.ECONFLICT, "taken"), 409},
		{rapport.StaleVersion("contact", 3, 2, 1), 409},
		{rapport.Errorf(rapport.EUNAUTHORIZED, "who"), 401},
		{rapport.Errorf(rapport.EFORBIDDEN, "no"), 403},
		{rapport.Errorf(rapport.ETHROTTLED, "wait"), 429},
		{rapport.Internal(errors.New("disk")), 500},
		{errors.New("not a rapport error"), 500},
	} {
		if got := Of(tc.err); got != tc.want {
			t.Errorf("Of(%v) = %d, want %d", tc.err, got, tc.want)
		}
	}
}

func TestAStaleVersionFailsAConditionalRequest(t *testing.T) {
	if got := Conditional(rapport.StaleVersion("contact", 3, 2, 1)); got != 412 {
		t.Fatalf("Conditional(stale) = %d, want 412", got)
	}
	if got := Conditional(rapport.NotFound("contact", 3)); got != 404 {
		t.Fatalf("Conditional(not found) = %d, want 404", got)
	}
}
