// wasi_tz_meeting_planner: given a meeting time in UTC and a list of attendees with
// their IANA time zones, print each attendee's local time and flag anyone for whom the
// meeting falls outside 08:00-18:00 local time.
package main

import (
	"fmt"
	"os"
	"sort"
	"time"
)

type attendee struct {
	name string
	zone string
}

type slot struct {
	who   string
	local time.Time
	ok    bool
}

func plan(at time.Time, people []attendee) ([]slot, error) {
	out := make([]slot, 0, len(people))
	for _, p := range people {
		loc, err := time.LoadLocation(p.zone)
		if err != nil {
			return nil, fmt.Errorf("attendee %s: %w", p.name, err)
		}
		lt := at.In(loc)
		out = append(out, slot{who: p.name, local: lt, ok: lt.Hour() >= 8 && lt.Hour() < 18})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].who < out[j].who })
	return out, nil
}

func main() {
	at := time.Date(2024, time.March, 12, 15, 0, 0, 0, time.UTC)
	people := []attendee{
		{"ana", "Europe/Lisbon"},
		{"bo", "Asia/Tokyo"},
		{"cy", "America/New_York"},
		{"di", "Australia/Sydney"},
	}
	slots, err := plan(at, people)
	if err != nil {
		fmt.Fprintln(os.Stderr, "plan:", err)
		os.Exit(1)
	}
	outside := 0
	for _, s := range slots {
		mark := ""
		if !s.ok {
			mark = "  (outside working hours)"
			outside++
		}
		fmt.Printf("%-4s %s%s\n", s.who, s.local.Format("Mon 15:04 MST"), mark)
	}
	// 15:00 UTC: Lisbon 15:00, New York 11:00 (DST), Tokyo 00:00, Sydney 02:00.
	if outside == 2 && slots[2].local.Hour() == 11 {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
