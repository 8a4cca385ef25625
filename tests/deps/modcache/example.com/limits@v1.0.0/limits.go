// Package limits holds size limits.
package limits

// Terabyte is 2^40 bytes.
const Terabyte = 1 << 40

// Max64 is the largest size, as an int64.
const Max64 int64 = Terabyte

// Unused is never called, and still fails to type-check on 32-bit int.
func Unused() int {
	limit := Terabyte
	return limit
}
