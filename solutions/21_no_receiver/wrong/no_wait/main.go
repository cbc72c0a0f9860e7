// Command 21_no_receiver checks that every server of a fleet is healthy
// before a deploy: it pings all of them at once and stops at the first
// server that does not answer.
//
// Run it with: go run ./exercises/21_no_receiver
package main

import (
	"fmt"
	"os"
	"sync"
	"time"
)

// Server is one machine of the fleet.
type Server struct {
	Name    string
	Latency time.Duration // how long it takes to answer a ping
	Down    bool
}

// fleet is the fleet to deploy to.
var fleet = []Server{
	{"web-1", 20 * time.Millisecond, false},
	{"web-2", 30 * time.Millisecond, false},
	{"db-1", 5 * time.Millisecond, true},
	{"cache-1", 10 * time.Millisecond, false},
}

// ping asks one server whether it is healthy.
func ping(s Server) error {
	time.Sleep(s.Latency)
	if s.Down {
		return fmt.Errorf("%s is not answering", s.Name)
	}
	return nil
}

// checkFleet pings every server at once. It returns the first error, or nil
// when every server is healthy, once every ping is over: it leaves no
// goroutine behind.
func checkFleet(servers []Server) error {
	errc := make(chan error, len(servers))
	var wg sync.WaitGroup
	for _, s := range servers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errc <- ping(s)
		}()
	}

	for range servers {
		if err := <-errc; err != nil {
			return err
		}
	}
	return nil
}

func main() {
	if err := checkFleet(fleet); err != nil {
		fmt.Println("deploy stopped:", err)
		os.Exit(1)
	}
	fmt.Println("all servers healthy, deploying")
}
