package watch

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// ansi matches the terminal's escape sequences, which take no room on
// screen.
var ansi = regexp.MustCompile(`\x1b\[[0-9;?]*[A-Za-z]`)

// Width returns how many columns s takes on a terminal: its runes, less
// the escape sequences.
func Width(s string) int {
	return utf8.RuneCountInString(ansi.ReplaceAllString(s, ""))
}

// Wrap breaks text into lines of at most width columns, at spaces where it
// can; a wrapped line keeps its indentation and two spaces more. Tabs
// become four spaces.
func Wrap(text string, width int) []string {
	var out []string
	for _, line := range strings.Split(strings.TrimRight(text, "\n"), "\n") {
		line = strings.ReplaceAll(strings.TrimRight(line, " \r"), "\t", "    ")
		out = append(out, wrapLine(line, width)...)
	}
	return out
}

// wrapLine wraps one line at its last space that fits, keeping the
// spacing inside each piece; a piece with no space is cut.
func wrapLine(line string, width int) []string {
	indent := len(line) - len(strings.TrimLeft(line, " "))
	cont := strings.Repeat(" ", min(indent+2, width/2))
	var out []string
	for Width(line) > width {
		lead := len(line) - len(strings.TrimLeft(line, " "))
		room, _ := cut(line, width+1) // a space just past the edge is a break too
		i := strings.LastIndex(room, " ")
		if i <= lead {
			head, _ := cut(line, width)
			i = len(head)
		}
		out = append(out, strings.TrimRight(line[:i], " "))
		line = cont + strings.TrimLeft(line[i:], " ")
	}
	return append(out, line)
}

// cut splits s after n runes of text, escape sequences not counted.
func cut(s string, n int) (string, string) {
	if n <= 0 {
		return "", s
	}
	count := 0
	for i := 0; i < len(s); {
		if loc := ansi.FindStringIndex(s[i:]); loc != nil && loc[0] == 0 {
			i += loc[1]
			continue
		}
		if count == n {
			return s[:i], s[i:]
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
		count++
	}
	return s, ""
}

// Clip keeps at most n lines; when it drops some, the last line kept says
// so with more.
func Clip(lines []string, n int, more string) []string {
	if len(lines) <= n {
		return lines
	}
	if n <= 0 {
		return nil
	}
	return append(lines[:n-1:n-1], more)
}
