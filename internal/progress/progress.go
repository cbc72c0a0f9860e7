// Package progress keeps a learner's progress through the kit in a small,
// human-readable file at the kit's root, .racekit-progress: which
// exercises passed when last graded, and how many hints of each were
// shown. The file is written atomically (a temporary file renamed over
// it), so a crash mid-write leaves the old file or the new one, never half
// of either. Grading rebuilds it: a missing or corrupt file loses nothing
// that cannot be found again.
package progress

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/racekit/racekit/internal/atomicfile"
)

// File is the state file's name, at the kit's root.
const File = ".racekit-progress"

// header opens every state file.
const header = "# racekit progress, written by grade: safe to delete, grading rebuilds it\n"

// ErrCorrupt is returned by Load, wrapped, when the state file cannot be
// read as one: the State returned with it is empty and usable.
var ErrCorrupt = errors.New(File + " is unreadable")

// State is a learner's progress.
type State struct {
	// done holds the exercises that passed when last graded.
	done map[string]bool
	// hints holds the highest hint tier shown for an exercise.
	hints map[string]int
}

// New returns an empty state.
func New() *State {
	return &State{done: map[string]bool{}, hints: map[string]int{}}
}

// Path returns the state file's path in the kit at root.
func Path(root string) string { return filepath.Join(root, File) }

// Load reads the state of the kit at root. A missing file is an empty
// state. A file that is not a state file gives an empty state and an error
// that wraps ErrCorrupt.
func Load(root string) (*State, error) {
	data, err := os.ReadFile(Path(root))
	if errors.Is(err, os.ErrNotExist) {
		return New(), nil
	}
	if err != nil {
		return New(), fmt.Errorf("%w: %v", ErrCorrupt, err)
	}
	s, err := Parse(data)
	if err != nil {
		return New(), fmt.Errorf("%w: %v", ErrCorrupt, err)
	}
	return s, nil
}

// Parse reads a state file's text: lines "done NAME", "hint NAME TIER"
// and # comments.
func Parse(data []byte) (*State, error) {
	s := New()
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Fields(line)
		switch {
		case f[0] == "done" && len(f) == 2:
			s.done[f[1]] = true
		case f[0] == "hint" && len(f) == 3:
			tier, err := strconv.Atoi(f[2])
			if err != nil || tier < 0 {
				return nil, fmt.Errorf("line %d: hint tier %q is not a number", n, f[2])
			}
			s.hints[f[1]] = tier
		default:
			return nil, fmt.Errorf("line %d: %q is not a progress line", n, line)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	return s, nil
}

// Bytes returns the state as its file holds it, sorted so that the file
// changes only where the progress does.
func (s *State) Bytes() []byte {
	var b bytes.Buffer
	b.WriteString(header)
	for _, name := range sortedKeys(s.done) {
		if s.done[name] {
			fmt.Fprintf(&b, "done %s\n", name)
		}
	}
	for _, name := range sortedKeys(s.hints) {
		if s.hints[name] > 0 {
			fmt.Fprintf(&b, "hint %s %d\n", name, s.hints[name])
		}
	}
	return b.Bytes()
}

// Save writes the state to the kit at root atomically: a temporary file in
// the same folder, synced, then renamed over the old one.
func (s *State) Save(root string) error {
	return atomicfile.Write(Path(root), s.Bytes(), 0o644)
}

// Done reports whether the exercise passed when last graded.
func (s *State) Done(name string) bool { return s.done[name] }

// SetDone records whether the exercise passed.
func (s *State) SetDone(name string, passed bool) {
	if passed {
		s.done[name] = true
	} else {
		delete(s.done, name)
	}
}

// Hints returns how many hint tiers of the exercise were shown.
func (s *State) Hints(name string) int { return s.hints[name] }

// SetHints records how many hint tiers of the exercise were shown.
func (s *State) SetHints(name string, tier int) { s.hints[name] = tier }

// NextHint returns the tier to show next of an exercise with n hints: one
// past the last shown, and the last once every one was shown. It records
// it as shown.
func (s *State) NextHint(name string, n int) int {
	tier := min(s.hints[name]+1, n)
	s.hints[name] = max(tier, s.hints[name])
	return tier
}

// Reset forgets the exercise: not done, no hints shown.
func (s *State) Reset(name string) {
	delete(s.done, name)
	delete(s.hints, name)
}

// Count returns how many of names are done.
func (s *State) Count(names []string) int {
	n := 0
	for _, name := range names {
		if s.done[name] {
			n++
		}
	}
	return n
}

// FirstPending returns the index of the first of names not done, or -1
// when every one is.
func (s *State) FirstPending(names []string) int {
	return slices.IndexFunc(names, func(n string) bool { return !s.done[n] })
}

// Bar draws a progress bar of width cells: "12/35 ██████░░░░".
func Bar(done, total, width int) string {
	filled := 0
	if total > 0 {
		filled = done * width / total
	}
	return fmt.Sprintf("%d/%d %s%s", done, total, strings.Repeat("█", filled), strings.Repeat("░", width-filled))
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
