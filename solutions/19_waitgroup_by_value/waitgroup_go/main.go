// Command 19_waitgroup_by_value computes the checksums of a release's build
// artifacts, one goroutine per file, and prints a line for each file.
//
// Run it with: go run ./exercises/19_waitgroup_by_value
package main

import (
	"crypto/sha256"
	"fmt"
	"io"
	"os"
	"sync"
	"time"
)

// artifacts are the files of the release.
var artifacts = []string{
	"racekit-linux-amd64.tar.gz",
	"racekit-linux-arm64.tar.gz",
	"racekit-darwin-arm64.tar.gz",
	"racekit-windows-amd64.zip",
}

// checksum hashes one file and prints its checksum to out. Hashing a big file
// takes a little while.
func checksum(name string, out io.Writer) {
	time.Sleep(10 * time.Millisecond)
	fmt.Fprintf(out, "%x  %s\n", sha256.Sum256([]byte(name)), name)
}

// run computes the checksums of files at once and returns when every one is
// printed.
func run(out io.Writer, files []string) {
	var wg sync.WaitGroup
	for _, name := range files {
		wg.Go(func() { checksum(name, out) })
	}
	wg.Wait()
}

func main() {
	run(os.Stdout, artifacts)
	fmt.Println("all checksums computed")
}
