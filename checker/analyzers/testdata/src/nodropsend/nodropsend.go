package nodropsend

import "context"

type result struct{ n int }

// dropIfBusy sends only when a receiver happens to be waiting.
func dropIfBusy(out chan<- result, n int) {
	select {
	case out <- result{n}: // want `dropped send: this select takes its default when no receiver is waiting on out at that moment, and the value is lost; send without a default \(give the channel a buffer if the sender must not wait\)`
	default:
	}
}

// dropOrCancel drops too: the cancel case does not stop the default.
func dropOrCancel(ctx context.Context, out []chan int, n int) {
	select {
	case <-ctx.Done():
	case out[0] <- n: // want `dropped send: this select takes its default when no receiver is waiting on out\[0\]`
	default:
		println("busy")
	}
}

// deliver waits for the receiver, or for the cancel.
func deliver(ctx context.Context, out chan<- int, n int) {
	select {
	case out <- n:
	case <-ctx.Done():
	}
	out <- n
}

// poll receives without waiting: nothing is dropped.
func poll(in <-chan int) (int, bool) {
	select {
	case v := <-in:
		return v, true
	default:
		return 0, false
	}
}
