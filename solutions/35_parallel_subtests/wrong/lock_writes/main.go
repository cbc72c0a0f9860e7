// wrong: every write to the shared buffer is locked, but the slug is read
// out of it without the lock, while other calls write over it.

// Command 35_parallel_subtests turns the titles of blog posts into the
// slugs that end their URLs: "Hello, World!" becomes "hello-world".
//
// Run it with: go run ./exercises/35_parallel_subtests
package main

import (
	"fmt"
	"os"
	"strings"
	"sync"
)

// maxSlug is the longest slug, in bytes.
const maxSlug = 64

// scratch is where slugify builds a slug. It is allocated once and reused
// by every call, to save an allocation per title.
//
// TODO: every call of slugify writes to this one buffer. Run two calls at
// the same time, as the parallel tests do, and each writes over the
// other's slug.
var (
	scratchMu sync.Mutex
	scratch   [maxSlug]byte
)

// slugify turns title into a slug: its letters and digits in lower case,
// each run of other characters turned into one dash, no dash at either
// end, and at most maxSlug bytes. Only ASCII letters and digits are kept.
func slugify(title string) string {
	n := 0
	dash := false
	for _, r := range strings.ToLower(title) {
		if !('a' <= r && r <= 'z' || '0' <= r && r <= '9') {
			dash = n > 0
			continue
		}
		if dash && n < maxSlug {
			scratchMu.Lock()
			scratch[n] = '-'
			scratchMu.Unlock()
			n++
		}
		dash = false
		if n < maxSlug {
			scratchMu.Lock()
			scratch[n] = byte(r)
			scratchMu.Unlock()
			n++
		}
	}
	return string(scratch[:n])
}

func main() {
	titles := []string{"Hello, World!", "Go 1.26 is out", "Data races: a field guide"}
	if len(os.Args) > 1 {
		titles = os.Args[1:]
	}
	for _, title := range titles {
		fmt.Printf("%-30q /blog/%s\n", title, slugify(title))
	}
}
