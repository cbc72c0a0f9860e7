// wrong: only the square stage watches done; the generator still blocks
// forever on its send.

// Command 27_pipeline_leak builds square numbers with a pipeline of
// goroutines: a generator counts 1, 2, 3, ..., a second stage squares each
// number, and the caller takes as many squares as it needs. Each stage
// closes the channel it sends on when it returns.
//
// Run it with: go run ./exercises/27_pipeline_leak
package main

import (
	"fmt"
	"os"
)

// generate sends 1, 2, 3, ... on the channel it returns, until done is
// closed.
func generate(done <-chan struct{}) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for n := 1; ; n++ {
			out <- n

		}
	}()
	return out
}

// square sends the square of every number it receives from in, until done
// is closed.
func square(done <-chan struct{}, in <-chan int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for n := range in {
			select {
			case out <- n * n:
			case <-done:
				return
			}
		}
	}()
	return out
}

// firstSquares returns the first n square numbers, taken from the pipeline.
func firstSquares(n int) []int {
	done := make(chan struct{})
	defer close(done)
	squares := square(done, generate(done))
	got := make([]int, 0, n)
	for range n {
		got = append(got, <-squares)
	}
	return got
}

func main() {
	for round := 1; round <= 3; round++ {
		fmt.Fprintf(os.Stdout, "quiz %d: %v\n", round, firstSquares(5))
	}
}
