package report

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/racekit/racekit/checker"
)

// maxLocations bounds the places shown under one test.
const maxLocations = 8

// locations writes places that explain a test's verdict, each with its
// source line and a caret under the column; goroutines at the same place
// are counted once.
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
			fmt.Fprintf(w, "    ... %d more places\n", len(order)-i)
			break
		}
		l := first[k]
		fmt.Fprintf(w, "    %s\n", l.Group(count[k]))
		quote(w, l.Line, l.Column, l.Code)
	}
}

// waits writes groups of stuck goroutines, each with its source line.
func waits(w io.Writer, ws []checker.Wait) {
	for i, wt := range ws {
		if i == maxLocations {
			fmt.Fprintf(w, "    ... %d more places\n", len(ws)-i)
			break
		}
		fmt.Fprintf(w, "    %s\n", wt)
		quote(w, wt.Line, wt.Column, wt.Code)
	}
}

// quote writes a source line without its indentation, and a caret under
// the 1-based byte column when it is known.
func quote(w io.Writer, line, column int, code string) {
	if strings.TrimSpace(code) == "" {
		return
	}
	trimmed := strings.TrimLeft(code, " \t")
	indent := len(code) - len(trimmed)
	fmt.Fprintf(w, "%s%s\n", dimStyle.Sprintf("      %4d | ", line), expandTabs(trimmed))
	at := column - 1 - indent
	if column < 1 || at < 0 || at > len(trimmed) {
		return
	}
	pad := utf8.RuneCountInString(expandTabs(trimmed[:at]))
	fmt.Fprintf(w, "%s%s%s\n", dimStyle.Sprint("           | "), strings.Repeat(" ", pad), failStyle.Sprint("^"))
}

// expandTabs turns tabs into four spaces, as most editors show them.
func expandTabs(s string) string {
	return strings.ReplaceAll(s, "\t", "    ")
}
