package marker

import (
	"maps"
	"regexp"
	"testing"
)

func TestFormatParses(t *testing.T) {
	for _, k := range kinds {
		line := Format(k, "run returned while 2 of 5 workers were still working")
		kind, msg, ok := Parse(line)
		if !ok || kind != k || msg != "run returned while 2 of 5 workers were still working" {
			t.Errorf("Parse(%q) = %q, %q, %v", line, kind, msg, ok)
		}
	}
}

func TestParseRefusesOtherLines(t *testing.T) {
	for _, s := range []string{"", "racekit: ", "racekit: nope: x", "racekit: exit:x", "got 3, want 5", " racekit: exit: x"} {
		if kind, msg, ok := Parse(s); ok {
			t.Errorf("Parse(%q) = %q, %q, true; want not a marker", s, kind, msg)
		}
	}
}

// TestFindAsTheRegexpDid checks Find against the regexp that the checker
// used before this package owned the format.
func TestFindAsTheRegexpDid(t *testing.T) {
	old := regexp.MustCompile(`racekit: (exit|leak|stuck|deadlock|timeout): ([^\n]*)`)
	for _, text := range []string{
		"",
		"    fix_test.go:10: racekit: leak: goroutines are still running after the test ended\n    goleak: found unexpected goroutines\n",
		"racekit: exit: one\nracekit: exit: two\nracekit: stuck: did not finish within 200ms",
		"racekit: racekit: deadlock: nested racekit: exit: same line\nxracekit: timeout: t\r\n",
		"racekit: nope: x racekit: leak: y",
		"racekit: exit: ",
	} {
		want := map[Kind]string{}
		for _, m := range old.FindAllStringSubmatch(text, -1) {
			if _, seen := want[Kind(m[1])]; !seen {
				want[Kind(m[1])] = m[2]
			}
		}
		if got := Find(text); !maps.Equal(got, want) {
			t.Errorf("Find(%q) = %q; want %q", text, got, want)
		}
	}
}
