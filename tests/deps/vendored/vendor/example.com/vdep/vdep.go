// Package vdep is vendored.
package vdep

import "os/user"

// Who asks for the current user.
func Who() string {
	u, err := user.Current()
	if err != nil {
		return ""
	}
	return u.Username
}
