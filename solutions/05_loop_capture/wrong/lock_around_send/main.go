//go:build go1.21

// Command 05_loop_capture uploads a large backup to cloud storage in parts,
// one goroutine per part.
//
// This file keeps the loop semantics of Go 1.21 (see the build line above):
// a for loop has one loop variable, shared by every iteration, as in all Go
// code written before Go 1.22.
//
// Run it with: go run ./exercises/05_loop_capture
package main

import (
	"fmt"
	"sync"
	"time"
)

// parts is how many parts the backup is cut into.
const parts = 6

// uploadPart pretends to upload one part of the backup.
func uploadPart(part int) {
	time.Sleep(10 * time.Millisecond)
	fmt.Printf("uploaded part %d of %d\n", part+1, parts)
}

// uploadAll sends parts 0 to n-1 with send, each part in its own goroutine.
func uploadAll(n int, send func(part int)) {
	var mu sync.Mutex
	var wg sync.WaitGroup
	for part := 0; part < n; part++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			defer mu.Unlock()
			send(part)
		}()
	}
	wg.Wait()
}

func main() {
	uploadAll(parts, uploadPart)
	fmt.Println("backup uploaded")
}
