// Command 20_done_twice converts a folder of video clips for the web, one
// goroutine per clip, and skips the clips it cannot read.
//
// Run it with: go run ./exercises/20_done_twice
package main

import (
	"fmt"
	"io"
	"os"
	"slices"
	"sync"
	"time"
)

// Clip is one video clip to convert.
type Clip struct {
	Name    string
	Seconds int
	Format  string
}

// formats are the formats the converter can read.
var formats = []string{"mov", "mp4", "mkv"}

// clips are the clips of the folder.
var clips = []Clip{
	{"intro.mov", 12, "mov"},
	{"interview.mp4", 40, "mp4"},
	{"drone.raw", 90, "raw"},
	{"credits.mkv", 3, "mkv"},
	{"b-roll.mp4", 30, "mp4"},
}

// convert converts one clip and reports it to out; it takes a millisecond
// per second of video. A clip in a format it cannot read is skipped.
func convert(c Clip, out io.Writer, wg *sync.WaitGroup) {
	if !slices.Contains(formats, c.Format) {
		fmt.Fprintf(out, "skipped %s: cannot read %s video\n", c.Name, c.Format)
		wg.Done()
		return
	}
	time.Sleep(time.Duration(c.Seconds) * time.Millisecond)
	fmt.Fprintf(out, "converted %s (%ds)\n", c.Name, c.Seconds)
	wg.Done()
}

// run converts every clip at once and returns when all of them are
// converted or skipped.
func run(out io.Writer, clips []Clip) {
	var wg sync.WaitGroup
	for _, c := range clips {
		wg.Add(1)
		go convert(c, out, &wg)
	}
	wg.Wait()
}

func main() {
	run(os.Stdout, clips)
	fmt.Println("folder converted")
}
