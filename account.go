package rapport

import "time"

// Account is a tenant: every row of every table belongs to exactly one, and
// no query ever crosses from one account to another.
type Account struct {
	ID        int64     `json:"id"`
	Name      string    `json:"name"`
	CreatedAt time.Time `json:"created_at"`
}

// Role is what a user may do in their account.
type Role string

const (
	RoleOwner  Role = "owner"
	RoleEditor Role = "editor"
	RoleViewer Role = "viewer"
)

// Roles lists every role.
var Roles = []Role{RoleOwner, RoleEditor, RoleViewer}

// User is a person who signs in to an account.
type User struct {
	ID          int64     `json:"id"`
	AccountID   int64     `json:"account_id"`
	Email       string    `json:"email"`
	DisplayName string    `json:"display_name"`
	Lang        string    `json:"lang"`
	Gender      Gender    `json:"gender"`
	Role        Role      `json:"role"`
	CreatedAt   time.Time `json:"created_at"`
}

// Validate checks a user before it is stored.
func (u *User) Validate() error {
	if u.DisplayName == "" {
		return Invalid("display_name", u.DisplayName, "must not be empty").Keyed("error.invalid.required", nil)
	}
	if u.Email != "" {
		if err := validateEmail("email", u.Email); err != nil {
			return err
		}
	}
	if err := validateLang("lang", u.Lang); err != nil {
		return err
	}
	if err := validEnum("gender", u.Gender, Genders); err != nil {
		return err
	}
	return validEnum("role", u.Role, Roles)
}
