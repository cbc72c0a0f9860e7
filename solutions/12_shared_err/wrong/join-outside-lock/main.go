// wrong: reads err under the lock and writes the joined error back under
// the lock, but unlocks in between, so two checkers can join onto the same
// old error and one problem is lost; no test can force that interleaving,
// so it is caught by rule one-critical-section.
// Command 12_shared_err checks the sections of a service's config file, one
// goroutine per section, and reports every problem it finds.
//
// Run it with: go run ./exercises/12_shared_err
package main

import (
	"errors"
	"fmt"
	"os"
	"sync"
	"time"
)

// Section is one section of the config file: the server a part of the
// service talks to.
type Section struct {
	Name string
	Host string
	Port int
}

// sections is the config file to check.
var sections = []Section{
	{Name: "web", Host: "web.internal", Port: 8080},
	{Name: "db", Host: "db.internal", Port: 0},
	{Name: "cache", Host: "", Port: 6379},
	{Name: "queue", Host: "queue.internal", Port: 5672},
	{Name: "metrics", Host: "metrics.internal", Port: 99999},
}

// lookup pretends to look up a host name, which takes a while. It is a
// variable so that the tests can stand in for the name server.
var lookup = func(host string) {
	time.Sleep(10 * time.Millisecond)
}

// check validates one section. It also looks up the host name.
func check(s Section) error {
	lookup(s.Host)
	if s.Host == "" {
		return fmt.Errorf("section %s: no host", s.Name)
	}
	if s.Port < 1 || s.Port > 65535 {
		return fmt.Errorf("section %s: port %d out of range", s.Name, s.Port)
	}
	return nil
}

// validate checks every section at once. It returns every problem found,
// one per line, or nil if the config is good.
func validate(sections []Section) error {
	var err error
	var mu sync.Mutex
	var wg sync.WaitGroup
	for _, s := range sections {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if e := check(s); e != nil {
				mu.Lock()
				old := err
				mu.Unlock()
				joined := errors.Join(old, e) // joining takes a while: not under the lock
				mu.Lock()
				err = joined
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return err
}

func main() {
	if err := validate(sections); err != nil {
		fmt.Println(err)
		os.Exit(1)
	}
	fmt.Println("config ok")
}
