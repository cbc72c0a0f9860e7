package nosleep

import (
	"context"
	pause "time"
)

// work sleeps as shipped: one sleep is allowed here.
func work() { pause.Sleep(pause.Millisecond) }

func run() {
	go work()
	pause.Sleep(100)      // want `run sleeps to wait: it sleeps 3 time\(s\) here, 0 as shipped`
	<-pause.After(100)    // want `run sleeps to wait: it sleeps 3 time\(s\) here, 0 as shipped`
	<-pause.NewTimer(1).C // want `run sleeps to wait: it sleeps 3 time\(s\) here, 0 as shipped`
}

// timeout races a timer against other work: a timeout, not a sleep.
func timeout(ctx context.Context, done chan struct{}) {
	select {
	case <-done:
	case <-ctx.Done():
	case <-pause.After(pause.Second):
	}
}

// alone waits in a select with nothing else to wait for: a sleep.
func alone() {
	select {
	case <-pause.After(pause.Second): // want `alone sleeps to wait: it sleeps 1 time\(s\) here, 0 as shipped`
	}
}
