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

// bubbleGoroutines counts the goroutines of the calling goroutine's
// testing/synctest bubble that the code under test started.
func bubbleGoroutines() int {
	return len(racetest.Snapshot().InMyBubble())
}

// stopped checks, in fake time, that the searches end once firstHit has
// returned: at once, or after the one line each may be reading. It reports
// false, and leaves the failure to the bubble, if some of them never end;
// it fails t if they end only later.
func stopped(t *testing.T) bool {
	t.Helper()
	synctest.Wait()
	time.Sleep(time.Millisecond) // a search may finish the line it reads
	synctest.Wait()
	left := bubbleGoroutines()
	if left == 0 {
		return true
	}
	start := time.Now()
	for step := time.Millisecond; bubbleGoroutines() > 0 && time.Since(start) < time.Hour; step *= 2 {
		time.Sleep(step)
		synctest.Wait()
	}
	if bubbleGoroutines() > 0 {
		// Blocked forever: the bubble reports them as left behind.
		return false
	}
	t.Errorf("%d goroutines of firstHit went on for up to %v after it returned: a search must stop reading, and stop waiting to send, as soon as ctx is cancelled", left, time.Since(start)+time.Millisecond)
	return true
}

func TestHitsAtTheSameLine(t *testing.T) {
	racetest.CheckLeaks(t)
	// Every shard finds the word at the same moment: firstHit takes one
	// hit, and the other searches must not wait to hand over theirs.
	for _, n := range []int{2, 12} {
		synctest.Test(t, func(t *testing.T) {
			hits := make(map[int][]int)
			for i := range n {
				hits[i] = []int{5, 6, 7}
			}
			shards := archive(n, 40, hits)
			start := time.Now()
			hit, ok := firstHit(context.Background(), shards, "disk full")
			elapsed := time.Since(start)
			if !stopped(t) {
				return
			}
			if !ok {
				t.Fatalf("firstHit found nothing, but each of %d shards mentions the word on line 5", n)
			}
			checkHit(t, shards, hit)
			if elapsed != 6*time.Millisecond {
				t.Errorf("firstHit returned after %v of fake time, want 6ms: as soon as the first hit, on line 5 of every shard, is found", elapsed)
			}
		})
	}
}

func TestFirstHitEndsTheSearch(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		shards := archive(4, 400, map[int][]int{1: {9, 200}, 3: {300}})
		start := time.Now()
		hit, ok := firstHit(context.Background(), shards, "disk full")
		elapsed := time.Since(start)
		if !stopped(t) {
			return
		}
		if !ok || hit.Shard != "shard-1" || hit.Line != shards[1].Lines[9] {
			t.Errorf("firstHit returned %+v, %v, want line 9 of shard-1, the first hit", hit, ok)
		}
		if elapsed != 10*time.Millisecond {
			t.Errorf("firstHit returned after %v of fake time, want 10ms: as soon as line 9 of shard-1 was read", elapsed)
		}
	})
}

func TestCallerCancels(t *testing.T) {
	// The caller gives up after 10ms; the word comes only later.
	for _, after := range []time.Duration{0, 10 * time.Millisecond} {
		synctest.Test(t, func(t *testing.T) {
			shards := archive(4, 50, map[int][]int{0: {30}, 1: {30}, 2: {30}, 3: {30}})
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			if after == 0 {
				cancel()
			} else {
				time.AfterFunc(after, cancel)
			}
			start := time.Now()
			hit, ok := firstHit(ctx, shards, "disk full")
			elapsed := time.Since(start)
			if !stopped(t) {
				return
			}
			if ok {
				t.Errorf("firstHit returned %+v from line 30, read after the caller cancelled at %v", hit, after)
			}
			if elapsed > after+time.Millisecond {
				t.Errorf("the caller cancelled after %v, but firstHit returned only after %v of fake time: the searches must stop when ctx is cancelled", after, elapsed)
			}
		})
	}
}
