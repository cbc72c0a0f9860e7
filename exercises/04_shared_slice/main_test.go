package main

import (
	"fmt"
	"testing"
	"time"

	"github.com/racekit/racekit/racetest"
)

// fleet returns n mirror names; mirror i answers a ping in i+1 milliseconds.
func fleet(n int) ([]string, map[string]time.Duration) {
	hosts := make([]string, n)
	rtts := make(map[string]time.Duration, n)
	for i := range hosts {
		hosts[i] = fmt.Sprintf("mirror%02d.example", i+1)
		rtts[hosts[i]] = time.Duration(i+1) * time.Millisecond
	}
	return hosts, rtts
}

// checkResults fails t unless results hold exactly one right result per host.
func checkResults(t *testing.T, hosts []string, rtts map[string]time.Duration, results []result) {
	t.Helper()
	seen := make(map[string]bool)
	for _, r := range results {
		if r.rtt == rtts[r.mirror] {
			seen[r.mirror] = true
		}
	}
	lost := 0
	for _, h := range hosts {
		if !seen[h] {
			lost++
		}
	}
	if lost > 0 || len(results) != len(hosts) {
		t.Errorf("%d of %d mirrors are missing from the results: pingAll returned %d results", lost, len(hosts), len(results))
	}
}

func TestEveryMirrorReported(t *testing.T) {
	// Far more mirrors than the package has, so that no buffer sized for
	// its mirrors holds every result.
	hosts, rtts := fleet(200)
	var results []result
	racetest.Within(t, 0, func() {
		results = pingAll(hosts, func(h string) time.Duration { return rtts[h] })
	})
	checkResults(t, hosts, rtts, results)
}

func TestMirrorsPingedAtOnce(t *testing.T) {
	hosts, rtts := fleet(6)
	// Every ping waits here until all of them are pinging; pings that run
	// one at a time never get there together.
	barrier := racetest.NewBarrier(len(hosts), time.Second)
	results := pingAll(hosts, func(h string) time.Duration {
		barrier.Wait()
		return rtts[h]
	})
	if got := barrier.Max(); got < len(hosts) {
		t.Errorf("at most %d of %d mirrors were pinged at once: the pings ran one after another", got, len(hosts))
	}
	checkResults(t, hosts, rtts, results)
}
