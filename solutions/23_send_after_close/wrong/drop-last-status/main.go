// wrong: the last status is sent with a select default, so when the
// progress bar has not come back to its receive yet, "cancelled at N%" is
// dropped. A test sees the missing line on such schedules (fail), and rule
// no-drop-send sees the default on all the others (rule).
// Command 23_send_after_close downloads a file in the background and shows
// its progress; the user can cancel the download at any point.
//
// Run it with: go run ./exercises/23_send_after_close
package main

import (
	"fmt"
	"io"
	"os"
	"time"
)

// chunkTime is how long one chunk of the file takes to download.
const chunkTime = 10 * time.Millisecond

// Status reports how far a download has got.
type Status struct {
	Percent   int
	Cancelled bool // the download was cancelled at Percent
}

// Download is a file download running in the background.
type Download struct {
	// Progress receives a Status after every chunk, and a last one if the
	// download is cancelled. It is closed when the download is over.
	Progress chan Status
	cancel   chan struct{}
}

// StartDownload starts downloading a file of the given number of chunks.
func StartDownload(chunks int) *Download {
	d := &Download{
		Progress: make(chan Status),
		cancel:   make(chan struct{}),
	}
	go d.run(chunks)
	return d
}

// run downloads the chunks one after another and reports after each one.
func (d *Download) run(chunks int) {
	defer close(d.Progress)
	for chunk := 1; chunk <= chunks; chunk++ {
		select {
		case <-d.cancel:
			// Tell the user how far the download got.
			select {
			case d.Progress <- Status{Percent: (chunk - 1) * 100 / chunks, Cancelled: true}:
			default: // the progress bar is not listening any more
			}
			return
		case <-time.After(chunkTime):
		}
		d.Progress <- Status{Percent: chunk * 100 / chunks}
	}
}

// Cancel stops the download.
func (d *Download) Cancel() {
	close(d.cancel)
}

// show downloads a file of the given number of chunks, prints its progress
// to out and cancels the download once it has reached cancelAt percent.
func show(out io.Writer, chunks, cancelAt int) {
	d := StartDownload(chunks)
	cancelled := false
	for st := range d.Progress {
		if st.Cancelled {
			fmt.Fprintf(out, "cancelled at %d%%\n", st.Percent)
			continue
		}
		fmt.Fprintf(out, "%d%%\n", st.Percent)
		if st.Percent >= cancelAt && !cancelled {
			d.Cancel()
			cancelled = true
		}
	}
}

func main() {
	show(os.Stdout, 10, 40)
	fmt.Println("bye")
}
