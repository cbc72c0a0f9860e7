// wrong: locks a mutex made fresh in every call of Add, which no other
// report ever sees, so reports still clash over the votes.
// Command 17_copied_mutex adds up an election's votes. The polling stations
// count their ballots at the same time and each reports its count to one
// shared tally.
//
// Run it with: go run ./exercises/17_copied_mutex
package main

import (
	"fmt"
	"slices"
	"sync"
	"time"
)

// candidates are the names on the ballot, in ballot order.
var candidates = []string{"Ada", "Grace", "Linus"}

// stations are the polling stations' counts: one row per station, one
// column per candidate.
var stations = [][]int{
	{120, 98, 45},
	{87, 130, 60},
	{64, 71, 102},
	{150, 12, 33},
	{41, 88, 97},
}

// Tally adds up the votes of every polling station. Stations report at the
// same time, so its mutex guards the counts.
type Tally struct {
	votes []int // votes per candidate, in ballot order
}

// newTally returns an empty tally for n candidates.
func newTally(n int) Tally {
	return Tally{votes: make([]int, n)}
}

// Add records one station's count: counts[i] votes for candidate i.
func (t Tally) Add(counts []int) {
	var mu sync.Mutex
	mu.Lock()
	defer mu.Unlock()
	for i, n := range counts {
		t.votes[i] += n
	}
}

// Result returns the votes per candidate, in ballot order.
func (t Tally) Result() []int {
	return slices.Clone(t.votes)
}

// countBallots pretends to count one station's paper ballots. It is a
// variable so that the tests can stand in for the counting.
var countBallots = func() {
	time.Sleep(10 * time.Millisecond)
}

// run has every station count its ballots at once and report to the
// tally, and returns the votes per candidate.
func run(stations [][]int) []int {
	tally := newTally(len(candidates))
	var wg sync.WaitGroup
	for _, counts := range stations {
		wg.Add(1)
		go func() {
			defer wg.Done()
			countBallots()
			tally.Add(counts)
		}()
	}
	wg.Wait()
	return tally.Result()
}

func main() {
	for i, n := range run(stations) {
		fmt.Printf("%-6s %d\n", candidates[i], n)
	}
}
