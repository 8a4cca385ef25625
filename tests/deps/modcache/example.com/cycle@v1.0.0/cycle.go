// Package cycle parses nested lists with functions that call each other.
package cycle

import (
	"os/exec"
	"time"
)

// Parse reads one item: a list, then a process run.
func Parse(n int) {
	parseList(n)
	exec.Command("git").Run()
}

func parseList(n int) {
	if n > 0 {
		Parse(n - 1)
	}
}

// ParseList reads a list.
func ParseList(n int) {
	parseList(n)
}

// Even and Odd only call each other: they never return before n runs out, and reach nothing.
func Even(n int) bool { return n == 0 || Odd(n-1) }

// Odd is Even's partner.
func Odd(n int) bool { return n != 0 && Even(n-1) }

// Ping sleeps, then asks Pong; Pong asks Ping.
func Ping(n int) {
	if n > 0 {
		Pong(n - 1)
	}
	time.Sleep(time.Millisecond)
}

// Pong is Ping's partner: it yields through Ping.
func Pong(n int) { Ping(n) }
