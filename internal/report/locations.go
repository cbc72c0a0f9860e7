package report

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/racekit/racekit/checker"
)

// maxLocations bounds the places shown under one test.
const maxLocations = 8

// locations writes the places that explain a test's verdict, each with its
// source line; goroutines stuck at the same place are counted once.
func locations(w io.Writer, locs []checker.Location) {
	type key struct {
		role, file string
		line       int
	}
	var order []key
	count := map[key]int{}
	first := map[key]checker.Location{}
	for _, l := range locs {
		k := key{l.Role, l.File, l.Line}
		if count[k] == 0 {
			order = append(order, k)
			first[k] = l
		}
		count[k]++
	}
	for i, k := range order {
		if i == maxLocations {
			fmt.Fprintf(w, "      ... %d more places\n", len(order)-i)
			break
		}
		l := first[k]
		head := l.Group(count[k])
		fmt.Fprintf(w, "      %s\n", dimStyle.Sprint(head))
		if src := sourceLine(l.File, l.Line); src != "" {
			fmt.Fprintf(w, "      %4d | %s\n", l.Line, src)
		}
	}
}

// sourceLine returns line n of a file, tabs expanded, or "" if it cannot be
// read.
func sourceLine(file string, n int) string {
	f, err := os.Open(file)
	if err != nil {
		return ""
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for i := 1; sc.Scan(); i++ {
		if i == n {
			return strings.ReplaceAll(strings.TrimRight(sc.Text(), " \t"), "\t", "    ")
		}
	}
	return ""
}
