package main

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/racekit/racekit/racetest"
)

// day is a batch of videos of the test's own.
type day struct {
	videos []video
	// want holds the line run must print for each video, sorted.
	want []string
	// meter counts the videos being encoded at once.
	meter *racetest.Meter
	// longest is how long the slowest video takes to encode.
	longest time.Duration
}

// useDay makes n videos, one of them very long, and replaces encode for the
// length of t: a video takes 10ms of fake time per minute, as in the
// program, plus some nanoseconds that differ from video to video, so that
// no wait computed from the minutes matches the encoder and the videos
// finish one at a time.
func useDay(t *testing.T, n int) *day {
	if racetest.Abandoned() {
		t.Skip("skipped: an earlier test never finished, so its goroutines still use encode")
	}
	d := &day{meter: &racetest.Meter{}}
	took := map[string]time.Duration{}
	for i := range n {
		v := video{name: fmt.Sprintf("upload-%02d.mp4", i), minutes: 1 + (i*7)%n}
		if i == n/2 {
			v.minutes = 90 // a webinar
		}
		d.videos = append(d.videos, v)
		took[v.name] = time.Duration(v.minutes)*10*time.Millisecond + time.Duration(1+i*13)*time.Nanosecond
		d.longest = max(d.longest, took[v.name])
		d.want = append(d.want, fmt.Sprintf("encoded %s (%d min)", v.name, v.minutes))
	}
	slices.Sort(d.want)
	old := encode
	t.Cleanup(func() {
		if !racetest.Abandoned() {
			encode = old
		}
	})
	encode = func(v video) {
		d.meter.Enter()
		defer d.meter.Leave()
		time.Sleep(took[v.name])
	}
	return d
}

// sizes are the numbers of videos the tests encode: about as many as the
// program's uploads, and many more.
var sizes = []int{4, 30}

func TestEveryVideoEncoded(t *testing.T) {
	for _, n := range sizes {
		t.Run(fmt.Sprintf("%d videos", n), func(t *testing.T) {
			d := useDay(t, n)
			racetest.InBubble(t, racetest.DefaultLimit, func(t *testing.T) {
				out := &racetest.Output{}
				run(out, d.videos)
				// Fake time stands still until every goroutine in the
				// bubble is blocked, so a video that takes longer than
				// run waited is still being encoded here.
				got := out.Lines()
				if len(got) < n {
					racetest.Exit(t, "run returned while %d of %d videos were still being encoded", n-len(got), n)
				} else if slices.Sort(got); !slices.Equal(got, d.want) {
					t.Errorf("run reported\n%q\nwant one line for each of the %d videos:\n%q", got, n, d.want)
				}
				racetest.LetFinish()
			})
		})
	}
}

func TestReturnsWhenLastVideoDone(t *testing.T) {
	for _, n := range sizes {
		t.Run(fmt.Sprintf("%d videos", n), func(t *testing.T) {
			d := useDay(t, n)
			racetest.InBubble(t, racetest.DefaultLimit, func(t *testing.T) {
				start := time.Now()
				run(&racetest.Output{}, d.videos)
				elapsed := time.Since(start)
				if most := d.meter.Max(); most < n {
					t.Errorf("only %d of %d videos were encoded at the same time: keep one goroutine per video and start them all before waiting", most, n)
				}
				// Videos encoded at once are all done when the longest
				// one is.
				if elapsed > d.longest && d.meter.Finished() == n {
					t.Errorf("run took %v of fake time, but %d videos encoded at once are done after %v: run waited %v too long (a sleep, or a wait for a guessed time)",
						elapsed, n, d.longest, elapsed-d.longest)
				}
				racetest.LetFinish()
			})
		})
	}
}
