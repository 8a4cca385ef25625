// Package sizes formats sizes with the limits of package limits.
package sizes

import "example.com/limits"

// Fits reports whether n is below the limit.
func Fits(n int64) bool {
	return n < limits.Max64
}
