// Command 09_sleep_to_wait encodes a batch of uploaded videos, one goroutine
// per video, and reports each video it finished.
//
// Run it with: go run ./exercises/09_sleep_to_wait
package main

import (
	"fmt"
	"io"
	"os"
	"time"
)

// video is one upload waiting to be encoded.
type video struct {
	name    string
	minutes int
}

// uploads are today's videos.
var uploads = []video{
	{"cat-vs-cucumber.mp4", 1},
	{"unboxing.mp4", 12},
	{"conference-keynote.mp4", 45},
	{"birthday.mp4", 4},
}

// encode pretends to encode v: each minute of video takes 10ms. It is a
// variable so that the tests can time it.
var encode = func(v video) {
	time.Sleep(time.Duration(v.minutes) * 10 * time.Millisecond)
}

// run encodes every video at once and reports each one to out.
func run(out io.Writer, videos []video) {
	for _, v := range videos {
		go func() {
			encode(v)
			fmt.Fprintf(out, "encoded %s (%d min)\n", v.name, v.minutes)
		}()
	}
	// TODO: this is a guess. Most videos are encoded within 200ms, but a
	// long one takes longer, and then run returns before it is done.
	time.Sleep(200 * time.Millisecond)
}

func main() {
	run(os.Stdout, uploads)
	fmt.Println("all videos encoded")
}
