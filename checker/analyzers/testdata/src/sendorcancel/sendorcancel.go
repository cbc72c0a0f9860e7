package sendorcancel

import (
	"context"
	"strings"
	"time"
)

// ignoresCancel sends every hit, cancelled or not.
func ignoresCancel(ctx context.Context, lines []string, hits chan<- string) {
	for _, line := range lines {
		if ctx.Err() != nil {
			return
		}
		if strings.Contains(line, "error") {
			hits <- line // want `send without cancel: after a cancel nobody receives from hits, so this send waits for good as soon as the channel has no room \(a buffer only delays it\); send in a select with a case <-ctx.Done\(\) that returns`
		}
	}
}

// timesOut gives up after a guess instead of on the cancel.
func timesOut(ctx context.Context, lines []string, hits chan<- string) {
	for _, line := range lines {
		select {
		case hits <- line: // want `send without cancel: this select waits for a receiver on hits but not for a cancel`
		case <-time.After(time.Millisecond):
			return
		}
	}
}

// inAGoroutine checks the goroutines a function starts too.
func inAGoroutine(ctx context.Context, lines []string) chan string {
	hits := make(chan string)
	go func() {
		for {
			for _, line := range lines {
				switch {
				case line == "":
				default:
					hits <- line // want `send without cancel`
				}
			}
		}
	}()
	return hits
}

// selectsCancel waits for the receiver or the cancel.
func selectsCancel(ctx context.Context, lines []string, hits chan<- string) {
	for _, line := range lines {
		select {
		case hits <- line:
		case <-ctx.Done():
			return
		}
	}
}

// selectsDone waits on a done channel it was given.
func selectsDone(done interface{ Done() <-chan struct{} }, lines []string, hits chan<- string) {
	for _, line := range lines {
		select {
		case hits <- line:
		case _, ok := <-done.Done():
			_ = ok
			return
		}
	}
}

// trySend never waits.
func trySend(ctx context.Context, lines []string, hits chan<- string) {
	for _, line := range lines {
		select {
		case hits <- line:
		default:
		}
	}
}

// firstOnly sends one hit and stops: with a slot per sender it never waits.
func firstOnly(ctx context.Context, lines []string, hits chan<- string) {
	for _, line := range lines {
		if strings.Contains(line, "error") {
			hits <- line
			return
		}
	}
	for _, line := range lines {
		if line == "" {
			hits <- line
			break
		}
	}
}

// once sends outside any loop.
func once(ctx context.Context, hits chan<- string) {
	hits <- "done"
}
