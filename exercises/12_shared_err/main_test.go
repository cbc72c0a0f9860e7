package main

import (
	"fmt"
	"strings"
	"testing"
	"testing/synctest"
	"time"
)

func TestEveryProblemReported(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		want := []string{
			"section db: port 0 out of range",
			"section cache: no host",
			"section metrics: port 99999 out of range",
		}
		// The checkers of the three bad sections wake up at the same fake
		// instant and report their problems together, on every run.
		err := validate(sections)
		if err == nil {
			t.Fatalf("validate found no problem in a config with %d", len(want))
		}
		got := map[string]bool{}
		for _, line := range strings.Split(err.Error(), "\n") {
			got[line] = true
		}
		var lost []string
		for _, w := range want {
			if !got[w] {
				lost = append(lost, fmt.Sprintf("%q", w))
			}
			delete(got, w)
		}
		if len(lost) > 0 {
			t.Errorf("validate reported %d of %d problems; it lost %s", len(want)-len(lost), len(want), strings.Join(lost, ", "))
		}
		for line := range got {
			t.Errorf("validate reported %q, which is not a problem of the config", line)
		}
	})
}

func TestGoodConfigPasses(t *testing.T) {
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

func TestSectionsCheckedAtOnce(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		validate(sections)
		// One section takes 10ms of fake time to check; one after another,
		// the five would take 50ms.
		if elapsed := time.Since(start); elapsed > 10*time.Millisecond {
			t.Errorf("checking %d sections took %v of fake time: the sections were checked one after another, not at once", len(sections), elapsed)
		}
	})
}
