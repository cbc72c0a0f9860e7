package keepgofewer // want `goroutines started in 3 places as shipped, 1 now: keep the work concurrent`

// The work runs in the caller's goroutine: one go statement is left.
func run() {
	work()
	work()
	go work()
}

func work() {}

// main calls run, which starts a goroutine, but hands it no function: the
// go statement in run is the place that counts, not this call.
func main() { run() }
