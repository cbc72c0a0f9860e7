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

// lastWord has room for its one value: the default is never taken.
func lastWord(n int) int {
	out := make(chan int, 1)
	go func() {
		select {
		case out <- n:
		default:
		}
	}()
	return <-out
}

// twoSlots sends twice into two slots.
func twoSlots(a, b int) int {
	out := make(chan int, 2)
	select {
	case out <- a:
	default:
	}
	func() {
		select {
		case out <- b:
		default:
		}
	}()
	close(out)
	sum := 0
	for v := range out {
		sum += v
	}
	return sum + len(out)
}

// tooMany sends twice into one slot.
func tooMany(a, b int) chan int {
	out := make(chan int, 1)
	select {
	case out <- a: // want `dropped send`
	default:
	}
	select {
	case out <- b: // want `dropped send`
	default:
	}
	return out
}

// inALoop sends once per item into one slot.
func inALoop(items []int) chan int {
	out := make(chan int, 1)
	for _, it := range items {
		select {
		case out <- it: // want `dropped send`
		default:
		}
	}
	return out
}

// passedOn lets other code send on the channel too.
func passedOn(n int, fill func(chan int)) chan int {
	out := make(chan int, 1)
	fill(out)
	select {
	case out <- n: // want `dropped send`
	default:
	}
	return out
}

// calledAgain sends from a function that can run any number of times.
func calledAgain(n int) chan int {
	out := make(chan int, 1)
	send := func() {
		select {
		case out <- n: // want `dropped send`
		default:
		}
	}
	send()
	send()
	return out
}

// jumpsBack sends again by goto.
func jumpsBack(n int) int {
	out := make(chan int, 1)
	tries := 0
again:
	select {
	case out <- n: // want `dropped send`
	default:
	}
	if tries++; tries < 2 {
		goto again
	}
	return <-out
}
