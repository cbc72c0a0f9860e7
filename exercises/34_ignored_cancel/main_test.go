package main

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/racekit/racekit/racetest"
)

// archive returns n shards of size lines each. Shard i mentions "disk
// full" on each line listed in hits[i].
func archive(n, size int, hits map[int][]int) []Shard {
	shards := make([]Shard, n)
	for i := range shards {
		shards[i].Name = fmt.Sprintf("shard-%d", i)
		for j := range size {
			line := fmt.Sprintf("line %d: request served", j)
			if slices.Contains(hits[i], j) {
				line = fmt.Sprintf("line %d: error: disk full", j)
			}
			shards[i].Lines = append(shards[i].Lines, line)
		}
	}
	return shards
}

// checkHit checks that hit is a line of shards that mentions the word.
func checkHit(t *testing.T, shards []Shard, hit Hit) {
	t.Helper()
	for _, s := range shards {
		if s.Name == hit.Shard && slices.Contains(s.Lines, hit.Line) && strings.Contains(hit.Line, "disk full") {
			return
		}
	}
	t.Errorf("firstHit returned %+v, which is not a line of the archive that mentions %q", hit, "disk full")
}

func TestSearchStopsAfterFirstHit(t *testing.T) {
	racetest.CheckLeaks(t)
	// Every shard mentions the word near its start and then goes on for
	// 2000 lines, two seconds of reading: a search that does not stop
	// when the caller has its hit is still running when the test ends.
	shards := archive(4, 2000, map[int][]int{0: {1}, 1: {2}, 2: {3}, 3: {4}})
	var hit Hit
	var ok bool
	racetest.Within(t, 2*time.Second, func() {
		hit, ok = firstHit(context.Background(), shards, "disk full")
	})
	if !ok {
		t.Fatal("firstHit found nothing, but every shard mentions the word")
	}
	checkHit(t, shards, hit)
}

func TestNoShardHasTheWord(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		shards := archive(4, 50, nil)
		start := time.Now()
		hit, ok := firstHit(context.Background(), shards, "disk full")
		if ok {
			t.Errorf("firstHit returned %+v, but no shard mentions the word", hit)
		}
		// Reading a line takes 1ms: 4 shards of 50 lines, read at once,
		// take 50ms; one after another they would take 200ms.
		if elapsed := time.Since(start); elapsed != 50*time.Millisecond {
			t.Errorf("searching 4 shards of 50 lines took %v of fake time, want 50ms: the shards were not searched at once", elapsed)
		}
	})
}

func TestOneShardHasTheWord(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		shards := archive(4, 50, map[int][]int{2: {49}})
		start := time.Now()
		hit, ok := firstHit(context.Background(), shards, "disk full")
		if !ok {
			t.Fatal("firstHit found nothing, but shard-2 mentions the word on its last line")
		}
		if hit.Shard != "shard-2" || hit.Line != shards[2].Lines[49] {
			t.Errorf("firstHit returned %+v, want the last line of shard-2", hit)
		}
		if elapsed := time.Since(start); elapsed != 50*time.Millisecond {
			t.Errorf("finding the word on the last of 50 lines took %v of fake time, want 50ms: the shards were not searched at once", elapsed)
		}
	})
}
