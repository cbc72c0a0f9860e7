// wrong: uploads each batch itself, so nothing is shared, but the station
// stops reading while a batch uploads (the go statement is kept and idle).
// Command 18_mixed_sharing reads a weather station's temperature sensor and
// uploads the readings in batches. Reading and uploading overlap: one
// goroutine uploads a batch while the next batch is being filled.
//
// Run it with: go run ./exercises/18_mixed_sharing
package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"
)

// batchSize is how many readings go into one upload.
const batchSize = 4

// readSensor pretends to take the i-th temperature reading.
func readSensor(i int) float64 {
	time.Sleep(2 * time.Millisecond)
	return 10 + float64(i)/2
}

// upload pretends to send a batch of readings to the weather server.
func upload(out io.Writer, batch []float64) {
	time.Sleep(5 * time.Millisecond)
	var b strings.Builder
	for _, r := range batch {
		fmt.Fprintf(&b, " %.1f", r)
	}
	fmt.Fprintf(out, "uploaded%s\n", b.String())
}

// run takes n readings and uploads them in batches of batchSize. An
// uploader goroutine sends each batch it receives while run goes on
// reading.
func run(out io.Writer, n int) {
	batches := make(chan []float64)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for batch := range batches {
			upload(out, batch)
		}
	}()
	batch := make([]float64, 0, batchSize)
	for i := range n {
		batch = append(batch, readSensor(i))
		if len(batch) == batchSize {
			upload(out, batch)
			batch = batch[:0]
		}
	}
	if len(batch) > 0 {
		upload(out, batch)
	}
	close(batches)
	<-done
}

func main() {
	run(os.Stdout, 10)
}
