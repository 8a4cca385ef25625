// Package limits holds size limits.
package limits

// Terabyte is 2^40 bytes.
const Terabyte = 1 << 40

// Max64 is the largest size, as an int64.
const Max64 int64 = Terabyte

// Rounded is never called; the package still fails to type-check with a 32-bit int.
func Rounded() int {
	limit := Terabyte
	return limit
}
