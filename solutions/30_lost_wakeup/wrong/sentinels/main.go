// wrong: Close sends one end-of-work value per worker of the example
// instead of closing the channel; it needs to know how many workers there
// are, and it does not.

// Command 30_lost_wakeup renders thumbnails for photos as they are
// uploaded, on a small pool of workers that share one job queue.
//
// Run it with: go run ./exercises/30_lost_wakeup
package main

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"
)

// A Queue hands out jobs to workers. A worker that finds the queue empty
// waits in Get until a job comes or the queue is closed.
//
// The queue is an unbuffered channel: a receive waits for a job, and the
// close of the channel reaches every receiver, now and later.
type Queue struct {
	jobs chan string
}

// newQueue returns an empty, open queue.
func newQueue() *Queue {
	return &Queue{jobs: make(chan string)}
}

// Put hands jobs to the workers, one at a time: it returns once the
// workers have taken them all.
func (q *Queue) Put(jobs ...string) {
	for _, job := range jobs {
		q.jobs <- job
	}
}

// Get returns the next job. It waits while the queue is empty and open,
// and returns ok == false once the queue is closed and empty.
func (q *Queue) Get() (job string, ok bool) {
	job = <-q.jobs
	return job, job != ""
}

// Close tells the workers that no more jobs will come: they finish the
// jobs they have and quit. Close must be called once, after the last Put.
func (q *Queue) Close() {
	for range 3 {
		q.jobs <- ""
	}

}

// worker renders jobs from q until q is closed and empty.
func worker(id int, q *Queue, out io.Writer) {
	for {
		job, ok := q.Get()
		if !ok {
			return
		}
		render(job)
		fmt.Fprintf(out, "worker %d rendered %s\n", id, job)
	}
}

// render pretends to render the thumbnail of one photo.
func render(photo string) {
	time.Sleep(10 * time.Millisecond)
}

// run renders every photo of every batch that arrives on uploads, on n
// workers, and returns once uploads is closed and every photo is done.
func run(out io.Writer, uploads <-chan []string, n int) {
	q := newQueue()
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			worker(i+1, q, out)
		}()
	}
	for batch := range uploads {
		q.Put(batch...)
	}
	q.Close()
	wg.Wait()
}

func main() {
	uploads := make(chan []string)
	go func() {
		defer close(uploads)
		uploads <- []string{"beach.jpg", "cat.jpg", "dog.jpg", "forest.jpg", "moon.jpg", "sea.jpg"}
		time.Sleep(100 * time.Millisecond) // the next upload comes later
		uploads <- []string{"cake.jpg", "party.jpg", "sunset.jpg"}
		time.Sleep(100 * time.Millisecond) // then the uploads are over
	}()
	run(os.Stdout, uploads, 3)
	fmt.Println("all thumbnails rendered")
}
