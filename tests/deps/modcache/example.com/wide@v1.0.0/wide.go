// Package wide keeps its 64-bit constant in a file for 64-bit ports only.
package wide

// Limit returns the limit for this port.
func Limit() int64 {
	return int64(limit())
}
