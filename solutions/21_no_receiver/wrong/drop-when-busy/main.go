// wrong: a ping that fails sends its error with a select default, so a
// failure that comes while checkFleet is not yet waiting on errc is
// dropped and the fleet looks healthy; no test can make a ping fail before
// checkFleet waits, so it is caught by rule no-drop-send.
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
	errc := make(chan error)
	var wg sync.WaitGroup
	for _, s := range servers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := ping(s); err != nil {
				select {
				case errc <- err:
				default: // checkFleet has its error already: nobody to tell
				}
			}
		}()
	}
	go func() {
		wg.Wait()
		close(errc) // every ping is over: a nil error if none failed
	}()
	defer wg.Wait()
	return <-errc
}

func main() {
	if err := checkFleet(fleet); err != nil {
		fmt.Println("deploy stopped:", err)
		os.Exit(1)
	}
	fmt.Println("all servers healthy, deploying")
}
