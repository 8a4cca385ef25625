// stdin_wordfreq: counts word frequencies of the text piped on standard input (or of a
// built-in sample when stdin is empty) and prints the top three words.
package main

import (
	"bufio"
	"fmt"
	"os"
	"sort"
	"strings"
	"unicode"
)

const sample = `It was the best of times, it was the worst of times, it was the age of
wisdom, it was the age of foolishness`

func topWords(text string, n int) []string {
	counts := map[string]int{}
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r)
	})
	for _, w := range words {
		counts[w]++
	}
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if counts[keys[i]] != counts[keys[j]] {
			return counts[keys[i]] > counts[keys[j]]
		}
		return keys[i] < keys[j]
	})
	out := make([]string, 0, n)
	for _, k := range keys[:min(n, len(keys))] {
		out = append(out, fmt.Sprintf("%s=%d", k, counts[k]))
	}
	return out
}

func main() {
	var sb strings.Builder
	sc := bufio.NewScanner(os.Stdin)
	for sc.Scan() {
		sb.WriteString(sc.Text())
		sb.WriteByte('\n')
	}
	if err := sc.Err(); err != nil {
		fmt.Fprintln(os.Stderr, "reading stdin:", err)
		os.Exit(1)
	}
	text := sb.String()
	if strings.TrimSpace(text) == "" {
		text = sample
	}

	top := topWords(text, 3)
	fmt.Println("top words:", strings.Join(top, " "))
	if strings.Join(top, " ") == "it=4 of=4 the=4" {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}
