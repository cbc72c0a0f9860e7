// Command 04_shared_slice pings every download mirror at once and picks the
// fastest one.
//
// Run it with: go run ./exercises/04_shared_slice
package main

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"sync"
	"time"
)

// mirrors are the servers that host the same downloads, with how long a
// ping to each one takes.
var mirrors = map[string]time.Duration{
	"mirror.eu.example":    40 * time.Millisecond,
	"mirror.us.example":    90 * time.Millisecond,
	"mirror.asia.example":  150 * time.Millisecond,
	"mirror.local.example": 5 * time.Millisecond,
}

// result is the round-trip time to one mirror.
type result struct {
	mirror string
	rtt    time.Duration
}

// ping pretends to send a ping to mirror and returns how long the answer took.
func ping(mirror string) time.Duration {
	time.Sleep(mirrors[mirror])
	return mirrors[mirror]
}

// pingAll pings every mirror in its own goroutine and returns one result per
// mirror, in no particular order.
func pingAll(hosts []string, ping func(mirror string) time.Duration) []result {
	// Room for every result up front, so append never moves the slice.
	results := make([]result, 0, len(hosts))
	var wg sync.WaitGroup
	for _, host := range hosts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := result{mirror: host, rtt: ping(host)}
			results = append(results, r)
		}()
	}
	wg.Wait()
	return results
}

// fastest returns the result with the shortest round trip.
func fastest(results []result) result {
	return slices.MinFunc(results, func(a, b result) int { return cmp.Compare(a.rtt, b.rtt) })
}

func main() {
	hosts := slices.Sorted(maps.Keys(mirrors))
	results := pingAll(hosts, ping)
	for _, r := range results {
		fmt.Printf("%-22s %v\n", r.mirror, r.rtt)
	}
	fmt.Printf("fastest: %s\n", fastest(results).mirror)
}
