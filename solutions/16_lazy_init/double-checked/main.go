// Command 16_lazy_init runs a small web server that greets its visitors.
// Reading the server's settings is slow, so it reads them only when the
// first request needs them.
//
// Run it with: go run ./exercises/16_lazy_init
package main

import (
	"fmt"
	"io"
	"os"
	"sync"
	"sync/atomic"
	"time"
)

// Config holds the server's settings.
type Config struct {
	Greeting string
}

// loadConfig reads the settings from disk; it is slow.
func loadConfig() *Config {
	time.Sleep(10 * time.Millisecond)
	return &Config{Greeting: "Hello"}
}

// Server answers requests. It loads its settings on first use.
type Server struct {
	load func() *Config         // reads the settings
	mu   sync.Mutex             // held while the settings load
	cfg  atomic.Pointer[Config] // the settings, once loaded
}

// newServer returns a server that reads its settings with load.
func newServer(load func() *Config) *Server {
	return &Server{load: load}
}

// config returns the server's settings, loading them on first use.
func (s *Server) config() *Config {
	if cfg := s.cfg.Load(); cfg != nil {
		return cfg
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if cfg := s.cfg.Load(); cfg != nil {
		return cfg
	}
	cfg := s.load()
	s.cfg.Store(cfg)
	return cfg
}

// render pretends to render a page. It is a variable so that the tests can
// stand in for the templates.
var render = func() {
	time.Sleep(10 * time.Millisecond)
}

// handle answers one visitor's request.
func (s *Server) handle(out io.Writer, visitor string) {
	cfg := s.config()
	render()
	fmt.Fprintf(out, "%s, %s!\n", cfg.Greeting, visitor)
}

// serve handles every visitor's request at once, one goroutine each, and
// waits until all are answered.
func serve(out io.Writer, s *Server, visitors []string) {
	var wg sync.WaitGroup
	for _, v := range visitors {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.handle(out, v)
		}()
	}
	wg.Wait()
}

// visitors are the morning's first visitors.
var visitors = []string{"Ann", "Bob", "Cleo", "Dev", "Eve"}

func main() {
	serve(os.Stdout, newServer(loadConfig), visitors)
}
