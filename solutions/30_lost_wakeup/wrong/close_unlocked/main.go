// wrong: Close broadcasts without the lock, since Broadcast does not need
// it, but then it also sets closed without the lock that guards it.

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
type Queue struct {
	mu     sync.Mutex
	cond   *sync.Cond // announces new jobs and the closing of the queue
	jobs   []string
	closed bool
}

// newQueue returns an empty, open queue.
func newQueue() *Queue {
	q := &Queue{}
	q.cond = sync.NewCond(&q.mu)
	return q
}

// Put adds jobs to the queue and wakes the waiting workers, since there
// may be a job for each of them.
func (q *Queue) Put(jobs ...string) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.jobs = append(q.jobs, jobs...)
	q.cond.Broadcast()
}

// Get returns the next job. It waits while the queue is empty and open,
// and returns ok == false once the queue is closed and empty.
func (q *Queue) Get() (job string, ok bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	// Wake-ups promise nothing: another worker may have taken the job
	// first, so look again every time, until there is a job or the end.
	for len(q.jobs) == 0 && !q.closed {
		q.cond.Wait()
	}
	if len(q.jobs) == 0 {
		return "", false
	}
	job = q.jobs[0]
	q.jobs = q.jobs[1:]
	return job, true
}

// Close tells the workers that no more jobs will come: they finish the
// jobs left in the queue and quit.
func (q *Queue) Close() {
	q.closed = true

	// Every idle worker waits for this news: wake them all.
	q.cond.Broadcast()
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
