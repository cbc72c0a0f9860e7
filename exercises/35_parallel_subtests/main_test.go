package main

import (
	"flag"
	"fmt"
	"os"
	"strconv"
	"sync"
	"testing"
)

// cases are the titles TestSlugify turns into slugs, all at once.
var cases = []struct {
	title, want string
}{
	{"Hello, World!", "hello-world"},
	{"Go 1.26 is out", "go-1-26-is-out"},
	{"  Leading and trailing  ", "leading-and-trailing"},
	{"Data races: a field guide", "data-races-a-field-guide"},
	{"Mutex vs. channel", "mutex-vs-channel"},
	{"100% CPU", "100-cpu"},
}

// TestMain lets every case of TestSlugify run in parallel: by default
// `go test` runs only GOMAXPROCS parallel tests at a time, and on a
// machine with one CPU that would be one.
func TestMain(m *testing.M) {
	flag.Parse()
	if p, _ := strconv.Atoi(flag.Lookup("test.parallel").Value.String()); p < len(cases) {
		flag.Set("test.parallel", strconv.Itoa(len(cases)))
	}
	os.Exit(m.Run())
}

func TestSlugify(t *testing.T) {
	// ready makes the cases wait for each other, so that they all call
	// slugify at the same time, as parallel tests do on a busy machine.
	var ready sync.WaitGroup
	for _, tc := range cases {
		t.Run(tc.want, func(t *testing.T) {
			ready.Add(1) // before t.Parallel: counts only the cases that run
			t.Parallel()
			ready.Done()
			ready.Wait()
			if got := slugify(tc.title); got != tc.want {
				t.Errorf("slugify(%q) = %q, want %q", tc.title, got, tc.want)
			}
		})
	}
}

func TestSlugifyLongTitle(t *testing.T) {
	title := "A very long title that goes on and on, well past the sixty-four bytes a slug may have"
	got := slugify(title)
	if len(got) != maxSlug {
		t.Errorf("slugify of a %d-byte title returned %d bytes, want the first %d", len(title), len(got), maxSlug)
	}
	if want := "a-very-long-title-that-goes-on-and-on-well-past-the-sixty-four-b"; got != want {
		t.Errorf("slugify(%q) = %q, want %q", title, got, want)
	}
}

func TestSlugifyManyAtOnce(t *testing.T) {
	// Many more titles at once than the table has cases, none of them
	// known to main.go: each call must build its slug on its own.
	const titles = 48
	got := make([]string, titles)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := range titles {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			got[i] = slugify(fmt.Sprintf("Post #%d: Part %d of %d!", i+1, i%7, titles))
		}()
	}
	close(start)
	wg.Wait()
	wrong := 0
	for i, slug := range got {
		if want := fmt.Sprintf("post-%d-part-%d-of-%d", i+1, i%7, titles); slug != want {
			if wrong == 0 {
				t.Errorf("slugify(%q) = %q, want %q", fmt.Sprintf("Post #%d: Part %d of %d!", i+1, i%7, titles), slug, want)
			}
			wrong++
		}
	}
	if wrong > 0 {
		t.Errorf("%d of %d titles slugified at the same time got a wrong slug", wrong, titles)
	}
}
