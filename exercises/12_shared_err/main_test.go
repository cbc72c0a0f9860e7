package main

import (
	"fmt"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/racekit/racekit/racetest"
)

// bigConfig returns a config of n sections that is not the program's own,
// every third section bad in one of three ways, and the problems it has.
func bigConfig(n int) ([]Section, []string) {
	var cfg []Section
	var problems []string
	for i := range n {
		s := Section{Name: fmt.Sprintf("svc%02d", i), Host: fmt.Sprintf("svc%02d.example", i), Port: 1000 + i}
		switch i % 6 {
		case 1:
			s.Host = ""
			problems = append(problems, fmt.Sprintf("section %s: no host", s.Name))
		case 3:
			s.Port = -i
			problems = append(problems, fmt.Sprintf("section %s: port %d out of range", s.Name, s.Port))
		case 5:
			s.Port = 70000 + i
			problems = append(problems, fmt.Sprintf("section %s: port %d out of range", s.Name, s.Port))
		}
		cfg = append(cfg, s)
	}
	return cfg, problems
}

// withLookup makes check use fake to look up host names until the test
// ends.
func withLookup(t *testing.T, fake func(host string)) {
	saved := lookup
	lookup = fake
	t.Cleanup(func() { lookup = saved })
}

// compare reports the problems validate lost, and those it made up or
// reported twice.
func compare(t *testing.T, err error, want []string) {
	t.Helper()
	if err == nil {
		if len(want) > 0 {
			t.Errorf("validate found no problem in a config with %d", len(want))
		}
		return
	}
	got := strings.Split(err.Error(), "\n")
	var lost []string
	for _, w := range want {
		if i := slices.Index(got, w); i >= 0 {
			got = slices.Delete(got, i, i+1)
		} else {
			lost = append(lost, fmt.Sprintf("%q", w))
		}
	}
	if len(lost) > 0 {
		t.Errorf("validate reported %d of %d problems; it lost %s", len(want)-len(lost), len(want), strings.Join(lost, ", "))
	}
	for _, line := range got {
		t.Errorf("validate reported %q, which is not a problem of the config or was reported twice", line)
	}
}

// serialized is set when the checkers were seen to run one at a time, so
// that the tests in a synctest bubble (where a checker that waits on a
// sync.Mutex held across a lookup would stop fake time for good) are
// skipped.
var serialized bool

func TestSectionsCheckedAtOnce(t *testing.T) {
	cfg, _ := bigConfig(48)
	// Every lookup waits until all of them are under way at once; then
	// every checker reports its problem at the same moment.
	barrier := racetest.NewBarrier(len(cfg), 0)
	// The fake is put back only once validate has returned: a validate that got
	// stuck leaves goroutines that may still call it.
	saved := lookup
	lookup = func(string) { barrier.Wait() }
	serialized = true // until it returns
	racetest.Within(t, 4*racetest.DefaultLimit, func() { validate(cfg) })
	serialized = false
	lookup = saved
	if !barrier.Full() {
		serialized = true
		t.Errorf("at most %d of %d sections were being checked at once: the checkers ran one after another (is a lock held while checking?)", barrier.Max(), len(cfg))
	}
}

func TestEveryProblemReported(t *testing.T) {
	if serialized {
		t.Skip("the checkers run one at a time or got stuck: see TestSectionsCheckedAtOnce")
	}
	sample := []string{
		"section db: port 0 out of range",
		"section cache: no host",
		"section metrics: port 99999 out of range",
	}
	big, problems := bigConfig(48)
	for _, tc := range []struct {
		name string
		cfg  []Section
		want []string
	}{
		{"sample", sections, sample},
		{"48_sections", big, problems},
		{"one_bad", big[1:2], problems[:1]},
	} {
		t.Run(tc.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				// Each lookup takes a different time, so the checkers
				// report one after another and no report can be lost to
				// timing: every problem must come back exactly once.
				var next atomic.Int64
				withLookup(t, func(string) {
					time.Sleep(time.Duration(next.Add(1)) * time.Millisecond)
				})
				compare(t, validate(tc.cfg), tc.want)
			})
		})
	}
}

func TestGoodConfigPasses(t *testing.T) {
	if serialized {
		t.Skip("the checkers run one at a time or got stuck: see TestSectionsCheckedAtOnce")
	}
	synctest.Test(t, func(t *testing.T) {
		good := []Section{
			{Name: "web", Host: "web.internal", Port: 8080},
			{Name: "queue", Host: "queue.internal", Port: 5672},
		}
		if err := validate(good); err != nil {
			t.Errorf("validate rejected a good config: %v", err)
		}
	})
}
