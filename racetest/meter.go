package racetest

import "sync"

// Meter counts how many goroutines are inside a section at once. Workers
// call Enter and Leave around their work; the test reads Max to prove that
// the work really ran concurrently (so that removing the go statements is
// not a fix). Inside a testing/synctest bubble, where workers sleep in fake
// time, Max is exact on every run.
type Meter struct {
	mu       sync.Mutex
	active   int
	max      int
	finished int
}

// Enter records that one more goroutine is working.
func (m *Meter) Enter() {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.active++
	m.max = max(m.max, m.active)
}

// Leave records that a goroutine finished its work.
func (m *Meter) Leave() {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.active--
	m.finished++
}

// Active returns how many goroutines are working now.
func (m *Meter) Active() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.active
}

// Max returns the most goroutines that were ever working at once.
func (m *Meter) Max() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.max
}

// Finished returns how many goroutines completed their work.
func (m *Meter) Finished() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.finished
}
