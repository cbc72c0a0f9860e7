package sendorcancel

import "context"

// The channels of this file that a goroutine drains are matched by name:
// hits is drained below, so its sends may wait for the drain.
// drainedLater sends on a channel that a goroutine drains after the first
// value: a send waits only until the drain takes it.
func drainedLater(ctx context.Context, lines []string) string {
	hits := make(chan string)
	go func() {
		for _, line := range lines {
			if ctx.Err() != nil {
				return
			}
			hits <- line
		}
		close(hits)
	}()
	first := <-hits
	go func() {
		for range hits {
		}
	}()
	return first
}

// searchAll sends on a channel called hits too: the drain of this file
// takes its values.
func searchAll(ctx context.Context, lines []string, hits chan<- string) {
	for _, line := range lines {
		if ctx.Err() != nil {
			return
		}
		hits <- line
	}
}

// notDrained sends on a channel no goroutine drains.
func notDrained(ctx context.Context, lines []string, out chan<- string) {
	for _, line := range lines {
		out <- line // want `send without cancel`
	}
}
