// Package conf is imported as example.com/conf.v2 but named conf (as gopkg.in/yaml.v3 is
// named yaml).
package conf

import "os/user"

// Home reads the current user's home directory.
func Home() string {
	u, err := user.Current()
	if err != nil {
		return ""
	}
	return u.HomeDir
}
