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

// buffers holds the buffers where slugify builds its slugs. A call takes
// one for itself and puts it back when it is done, so that buffers are
// reused without two calls ever sharing one.
var buffers = sync.Pool{New: func() any { return new([maxSlug]byte) }}

// slugify turns title into a slug: its letters and digits in lower case,
// each run of other characters turned into one dash, no dash at either
// end, and at most maxSlug bytes. Only ASCII letters and digits are kept.
func slugify(title string) string {
	scratch := buffers.Get().(*[maxSlug]byte)
	defer buffers.Put(scratch)
	n := 0
	dash := false
	for _, r := range strings.ToLower(title) {
		if !('a' <= r && r <= 'z' || '0' <= r && r <= '9') {
			dash = n > 0
			continue
		}
		if dash && n < maxSlug {
			scratch[n] = '-'
			n++
		}
		dash = false
		if n < maxSlug {
			scratch[n] = byte(r)
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
