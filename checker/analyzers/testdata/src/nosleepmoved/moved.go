package nosleepmoved

import "time"

// The shipped sleep moved with the work into a function of its own: the
// package sleeps no more than it did, so nothing is reported.
func run() {
	for range 2 {
		go func() { doWork() }()
	}
}

func doWork() { time.Sleep(time.Millisecond) }
