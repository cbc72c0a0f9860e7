// Command 34_ignored_cancel searches a sharded archive of log lines for
// the first line that mentions a word, searching every shard at once.
//
// Run it with: go run ./exercises/34_ignored_cancel
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"sync"
	"time"
)

// A Shard is one part of the archive: the log lines of one file.
type Shard struct {
	Name  string
	Lines []string
}

// A Hit is a log line that mentions the word, and the shard it is in.
type Hit struct {
	Shard string
	Line  string
}

// readLine pretends to read one log line from disk.
func readLine(line string) string {
	time.Sleep(time.Millisecond)
	return line
}

// searchShard reads the lines of s one by one and sends every line that
// mentions word on hits. It gives up when ctx is cancelled.
func searchShard(ctx context.Context, s Shard, word string, hits chan<- Hit) {
	for _, line := range s.Lines {
		if ctx.Err() != nil {
			return // the caller has what it needs: stop reading
		}
		if strings.Contains(readLine(line), word) {
			// Once firstHit has its hit, a goroutine of its own takes
			// the rest, so this send never waits for good.
			hits <- Hit{Shard: s.Name, Line: line}
		}
	}
}

// firstHit searches every shard at once, one goroutine per shard, and
// returns the first hit that any of them finds, or ok == false if no shard
// mentions word.
func firstHit(ctx context.Context, shards []Shard, word string) (hit Hit, ok bool) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel() // one hit is enough: stop the other searches
	hits := make(chan Hit)
	var wg sync.WaitGroup
	for _, s := range shards {
		wg.Add(1)
		go func() {
			defer wg.Done()
			searchShard(ctx, s, word, hits)
		}()
	}
	go func() {
		wg.Wait()
		close(hits) // no shard has the word
	}()
	hit, ok = <-hits
	go func() {
		for range hits { // the hits of searches still under way
		}
	}()
	return hit, ok
}

// run searches a made-up archive for a disk error and reports to out.
func run(out io.Writer) {
	var shards []Shard
	for day := 1; day <= 7; day++ {
		s := Shard{Name: fmt.Sprintf("2024-05-%02d.log", day)}
		for i := range 500 {
			line := fmt.Sprintf("%02d:%02d request served", i/60, i%60)
			if i%100 == 99 {
				line = fmt.Sprintf("%02d:%02d error: disk full", i/60, i%60)
			}
			s.Lines = append(s.Lines, line)
		}
		shards = append(shards, s)
	}
	if hit, ok := firstHit(context.Background(), shards, "disk full"); ok {
		fmt.Fprintf(out, "found in %s: %s\n", hit.Shard, hit.Line)
	}
	time.Sleep(time.Second)
	fmt.Fprintf(out, "a second later, goroutines left over: %d\n", runtime.NumGoroutine()-1)
}

func main() {
	run(os.Stdout)
}
