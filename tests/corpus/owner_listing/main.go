// owner_listing: an `ls -l`-style listing of a directory showing each file's owner
// and group by name, for a backup tool's dry-run report.
package main

import (
	"fmt"
	"os"
	"os/user"
	"sort"
	"strconv"
	"syscall"
)

var nameCache = map[string]string{}

func ownerName(uid uint32) (string, error) {
	id := strconv.FormatUint(uint64(uid), 10)
	if n, ok := nameCache[id]; ok {
		return n, nil
	}
	u, err := user.LookupId(id)
	if err != nil {
		return "", err
	}
	nameCache[id] = u.Username
	return u.Username, nil
}

func main() {
	for _, f := range []string{"notes.txt", "photo.jpg", "db.sqlite"} {
		if err := os.WriteFile(f, []byte("backup me "+f), 0o644); err != nil {
			fmt.Println(err)
			os.Exit(1)
		}
	}
	entries, err := os.ReadDir(".")
	if err != nil {
		fmt.Println(err)
		os.Exit(1)
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].Name() < entries[j].Name() })

	listed := 0
	for _, e := range entries {
		info, err := e.Info()
		if err != nil {
			continue
		}
		st, ok := info.Sys().(*syscall.Stat_t)
		if !ok {
			fmt.Println("no ownership info for", e.Name())
			continue
		}
		owner, err := ownerName(st.Uid)
		if err != nil {
			fmt.Fprintln(os.Stderr, "owner lookup failed:", err)
			os.Exit(1)
		}
		fmt.Printf("%v %-8s %5d %s\n", info.Mode(), owner, info.Size(), e.Name())
		listed++
	}
	if listed == 3 {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
