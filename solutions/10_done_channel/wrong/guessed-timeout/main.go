// wrong: waits for the done channel, but gives up after a guessed timeout,
// so a slow disk still loses the last line.
// Command 10_done_channel backs up a list of files and keeps an audit log.
// A background goroutine writes the log to disk while the uploads go on, so
// that the slow disk does not hold up the backup.
//
// Run it with: go run ./exercises/10_done_channel
package main

import (
	"fmt"
	"io"
	"os"
	"time"
)

// files are the files to back up, in order.
var files = []string{"notes.txt", "photos.zip", "taxes.pdf", "thesis.tex", "wedding.mov"}

// upload pretends to copy one file to the backup server.
func upload(name string) {
	time.Sleep(10 * time.Millisecond)
}

// writeLog pretends to append one line to the audit log on disk.
func writeLog(out io.Writer, line string) {
	time.Sleep(7 * time.Millisecond)
	fmt.Fprintln(out, line)
}

// run backs up every file and logs each upload. The log writer runs in the
// background and writes the lines it is sent until the channel is closed.
func run(out io.Writer) {
	lines := make(chan string)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for line := range lines {
			writeLog(out, line)
		}
	}()
	for _, name := range files {
		upload(name)
		lines <- "backed up " + name
	}
	close(lines)
	select {
	case <-done:
	case <-time.After(100 * time.Millisecond):
	}
}

func main() {
	run(os.Stdout)
	fmt.Println("backup complete")
}
