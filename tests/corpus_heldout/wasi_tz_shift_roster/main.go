// wasi_tz_shift_roster: build a week of on-call shifts that hand over at 09:00 local
// time in each site's time zone, and report every handover instant in UTC so the
// paging system (which only understands UTC) can be configured.
package main

import (
	"fmt"
	"strings"
	"time"
	_ "time/tzdata"
)

type site struct {
	name string
	zone string
}

func handovers(s site, from time.Time, days int) ([]time.Time, error) {
	loc, err := time.LoadLocation(s.zone)
	if err != nil {
		return nil, err
	}
	start := from.In(loc)
	var out []time.Time
	for d := 0; d < days; d++ {
		day := start.AddDate(0, 0, d)
		h := time.Date(day.Year(), day.Month(), day.Day(), 9, 0, 0, 0, loc)
		out = append(out, h.UTC())
	}
	return out, nil
}

func main() {
	// The week in which Europe leaves daylight saving time (last Sunday of October).
	from := time.Date(2024, time.October, 24, 12, 0, 0, 0, time.UTC)
	sites := []site{{"berlin", "Europe/Berlin"}, {"denver", "America/Denver"}}

	var b strings.Builder
	shifts := map[string][]time.Time{}
	for _, s := range sites {
		hs, err := handovers(s, from, 7)
		if err != nil {
			fmt.Println("roster:", err)
			return
		}
		shifts[s.name] = hs
		for _, h := range hs {
			fmt.Fprintf(&b, "%s %s\n", s.name, h.Format(time.RFC3339))
		}
	}
	fmt.Print(b.String())

	ber := shifts["berlin"]
	den := shifts["denver"]
	// Berlin: 07:00Z while on CEST (until Oct 27), 08:00Z on CET afterwards.
	// Denver stays on MDT all week: 15:00Z.
	ok := ber[0].Hour() == 7 && ber[6].Hour() == 8 && den[0].Hour() == 15 && den[6].Hour() == 15
	if ok {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
