// wrong: big channel buffers only postpone the block; the generator counts
// without end and fills any buffer.

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

// generate sends 1, 2, 3, ... on the channel it returns, without end.
func generate() <-chan int {
	out := make(chan int, 100)
	go func() {
		defer close(out)
		for n := 1; ; n++ {
			out <- n
		}
	}()
	return out
}

// square sends the square of every number it receives from in.
func square(in <-chan int) <-chan int {
	out := make(chan int, 100)
	go func() {
		defer close(out)
		for n := range in {
			out <- n * n
		}
	}()
	return out
}

// firstSquares returns the first n square numbers, taken from the pipeline.
func firstSquares(n int) []int {
	squares := square(generate())
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
