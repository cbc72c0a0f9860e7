package main

import (
	"fmt"
	"testing"
	"time"

	"github.com/racekit/racekit/racetest"
)

// burst returns n requests for different pages.
func burst(n int) []string {
	paths := make([]string, n)
	for i := range paths {
		paths[i] = fmt.Sprintf("/posts/%d", i)
	}
	return paths
}

func TestEveryViewCounted(t *testing.T) {
	reqs := burst(50)
	views := serve(reqs, func(string) {})
	if views != len(reqs) {
		t.Errorf("%d of %d page views were lost: serve counted %d", len(reqs)-views, len(reqs), views)
	}
}

func TestRequestsHandledAtOnce(t *testing.T) {
	reqs := burst(8)
	// Every handler waits here until all of them are handling a request;
	// handlers that run one at a time never get there together.
	barrier := racetest.NewBarrier(len(reqs), time.Second)
	views := serve(reqs, func(string) { barrier.Wait() })
	if got := barrier.Max(); got < len(reqs) {
		t.Errorf("at most %d of %d requests were handled at once: the handlers ran one after another", got, len(reqs))
	}
	if views != len(reqs) {
		t.Errorf("%d of %d page views were lost: serve counted %d", len(reqs)-views, len(reqs), views)
	}
}
