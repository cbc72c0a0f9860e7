package main

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/racekit/racekit/racetest"
)

// batch is a set of photos of the tests' own that run must resize.
type batch struct {
	// want holds the line run must print for each photo, sorted.
	want []string
	// meter counts the photos being resized at once.
	meter *racetest.Meter
	// slowest is how long the slowest photo takes to resize.
	slowest time.Duration
}

// useBatch replaces the package's photos with n photos of the test's own
// for the length of t. Each takes a different number of tenths of a second
// of fake time to resize, so the last photo to finish is later than all the
// others and no guessed wait matches the time the batch takes.
func useBatch(t *testing.T, n int) *batch {
	if racetest.Abandoned() {
		t.Skip("skipped: an earlier test never finished, so its goroutines still use the photos")
	}
	b := &batch{meter: &racetest.Meter{}}
	took := map[string]time.Duration{}
	var names []string
	for i := range n {
		name := fmt.Sprintf("upload-%02d.png", i)
		names = append(names, name)
		// A nanosecond more than whole tenths: no polling period lands
		// on the moment the last photo is done.
		took[name] = time.Duration((i*17)%n+1)*100*time.Millisecond + time.Nanosecond
		b.slowest = max(b.slowest, took[name])
		b.want = append(b.want, fmt.Sprintf("resized %s -> small-%s", name, name))
	}
	slices.Sort(b.want)
	oldPhotos, oldResize := photos, resize
	t.Cleanup(func() {
		if !racetest.Abandoned() {
			photos, resize = oldPhotos, oldResize
		}
	})
	photos = names
	resize = func(name string) string {
		b.meter.Enter()
		defer b.meter.Leave()
		time.Sleep(took[name])
		return "small-" + name
	}
	return b
}

// sizes are the batch sizes the tests run: a small one like the package's
// own, and one with many more photos.
var sizes = []int{5, 40}

func TestAllPhotosResized(t *testing.T) {
	for _, n := range sizes {
		t.Run(fmt.Sprintf("%d photos", n), func(t *testing.T) {
			b := useBatch(t, n)
			racetest.InBubble(t, racetest.DefaultLimit, func(t *testing.T) {
				out := &racetest.Output{}
				run(out)
				// Fake time stands still until every goroutine in the
				// bubble is blocked, so the workers are still asleep
				// here unless run waited for them.
				got := out.Lines()
				if len(got) < n {
					racetest.Exit(t, "run returned while %d of %d workers were still working", n-len(got), n)
				} else if slices.Sort(got); !slices.Equal(got, b.want) {
					t.Errorf("run reported\n%q\nwant one line for each of the %d photos in the batch:\n%q", got, n, b.want)
				}
				racetest.LetFinish()
			})
		})
	}
}

func TestWorkersRunAtOnce(t *testing.T) {
	for _, n := range sizes {
		t.Run(fmt.Sprintf("%d photos", n), func(t *testing.T) {
			b := useBatch(t, n)
			racetest.InBubble(t, racetest.DefaultLimit, func(t *testing.T) {
				start := time.Now()
				run(&racetest.Output{})
				elapsed := time.Since(start)
				if done := b.meter.Finished(); done < n {
					// Not a question of overlap: run did not wait.
					racetest.Exit(t, "run returned while %d of %d workers were still working", n-done, n)
				} else if most := b.meter.Max(); most < n {
					t.Errorf("only %d of %d photos were resized at the same time: keep one goroutine per photo and start them all before waiting", most, n)
				}
				// The batch takes exactly as long as its slowest photo
				// when run waits for the workers and for nothing else.
				if elapsed > b.slowest && b.meter.Finished() == n {
					t.Errorf("the slowest of %d photos took %v, but run took %v of fake time: wait for the workers, not for a guessed time", n, b.slowest, elapsed)
				}
				racetest.LetFinish()
			})
		})
	}
}
