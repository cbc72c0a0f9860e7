package main

import (
	"fmt"
	"testing"
	"testing/synctest"
	"time"

	"github.com/racekit/racekit/racetest"
)

// healthy is a fleet where every server answers.
var healthy = []Server{
	{"web-1", 20 * time.Millisecond, false},
	{"web-2", 30 * time.Millisecond, false},
	{"cache-1", 10 * time.Millisecond, false},
}

// bigFleet returns n servers that answer in 5 to 54ms, with the servers
// named in down not answering: far more servers than any buffer sized by
// guesswork has room for.
func bigFleet(n int, down map[int]time.Duration) []Server {
	servers := make([]Server, n)
	for i := range servers {
		servers[i] = Server{fmt.Sprintf("node-%03d", i), time.Duration(5+i*7%50) * time.Millisecond, false}
		if latency, ok := down[i]; ok {
			servers[i].Latency = latency
			servers[i].Down = true
		}
	}
	return servers
}

// allDown is a fleet where no server answers: the fastest to fail, edge-2,
// is the first error.
var allDown = []Server{
	{"edge-1", 9 * time.Millisecond, true},
	{"edge-2", 2 * time.Millisecond, true},
	{"edge-3", 7 * time.Millisecond, true},
	{"edge-4", 4 * time.Millisecond, true},
	{"edge-5", 8 * time.Millisecond, true},
}

// twoDown has two servers that do not answer; the later one in the list
// fails first.
var twoDown = []Server{
	{"queue-1", 15 * time.Millisecond, false},
	{"queue-2", 12 * time.Millisecond, true},
	{"queue-3", 40 * time.Millisecond, false},
	{"search-1", 3 * time.Millisecond, true},
	{"search-2", 25 * time.Millisecond, false},
}

func TestCheckFleet(t *testing.T) {
	tests := []struct {
		name    string
		servers []Server
		want    string // the error checkFleet must return; empty for nil
	}{
		{"healthy fleet", healthy, ""},
		// db-1 fails after 5ms of fake time, while the other three pings
		// are still waiting for their answers. If nobody receives those
		// answers, every goroutine ends up blocked and synctest reports a
		// deadlock here.
		{"one server down", fleet, "db-1 is not answering"},
		{"200 servers, one down", bigFleet(200, map[int]time.Duration{137: time.Millisecond}), "node-137 is not answering"},
		{"200 healthy servers", bigFleet(200, nil), ""},
		{"every server down", allDown, "edge-2 is not answering"},
		{"two servers down", twoDown, "search-1 is not answering"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				var slowest time.Duration
				for _, s := range tt.servers {
					slowest = max(slowest, s.Latency)
				}
				start := time.Now()
				err := checkFleet(tt.servers)
				elapsed := time.Since(start)
				switch {
				case tt.want == "" && err != nil:
					t.Errorf("checkFleet of a fleet of %d healthy servers returned %v, want nil", len(tt.servers), err)
				case tt.want != "" && (err == nil || err.Error() != tt.want):
					t.Errorf("checkFleet of a fleet of %d servers returned %v, want the first error to come back: %s", len(tt.servers), err, tt.want)
				}
				if elapsed < slowest {
					running := 0
					for _, s := range tt.servers {
						if s.Latency > elapsed {
							running++
						}
					}
					racetest.Exit(t, "checkFleet returned after %v of fake time, while the pings of %d of %d servers were still running: it must wait until every ping is over", elapsed, running, len(tt.servers))
				}
				if elapsed > slowest {
					t.Errorf("checking %d servers took %v of fake time, but the slowest one answers in %v: the servers were not pinged all at once, or checkFleet waited for something else", len(tt.servers), elapsed, slowest)
				}
				racetest.LetFinish()
			})
		})
	}
}
