// Command 26_semaphore downloads the packages of a project from a mirror
// that allows only a few connections at a time from one client.
//
// Run it with: go run ./exercises/26_semaphore
package main

import (
	"fmt"
	"os"
	"sync"
	"time"
)

// maxConns is how many downloads the mirror allows at once from one client;
// it blocks clients that open more.
const maxConns = 3

// packages are the packages the project needs.
var packages = []string{
	"yaml-3.0.1", "cobra-1.8.0", "pflag-1.0.5", "color-1.16.0",
	"uuid-1.6.0", "errors-0.9.1", "testify-1.9.0", "zap-1.27.0",
}

// fetchSize pretends to download one package and returns its size in KiB;
// it takes a while.
func fetchSize(pkg string) int {
	time.Sleep(25 * time.Millisecond)
	return 40 * len(pkg)
}

// downloadAll downloads every package at once, but never more than limit at
// a time, and returns the size fetch gave for each, in the order of pkgs.
func downloadAll(pkgs []string, limit int, fetch func(pkg string) int) []int {
	sizes := make([]int, len(pkgs))
	var mu sync.Mutex // one download at a time is surely under the limit
	var wg sync.WaitGroup
	for i, pkg := range pkgs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			defer mu.Unlock()
			sizes[i] = fetch(pkg)
		}()
	}
	wg.Wait()
	return sizes
}

func main() {
	sizes := downloadAll(packages, maxConns, fetchSize)
	for i, pkg := range packages {
		fmt.Fprintf(os.Stdout, "%-14s %4d KiB\n", pkg, sizes[i])
	}
}
