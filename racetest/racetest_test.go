package racetest

import (
	"fmt"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
)

// recorder is a testing.TB that keeps what a helper reported.
type recorder struct {
	testing.TB
	mu     sync.Mutex
	errors []string
	fatal  bool
	logs   []string
}

func (r *recorder) Helper() {}
func (r *recorder) Error(args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.errors = append(r.errors, fmt.Sprint(args...))
}
func (r *recorder) Fatal(args ...any) {
	r.Error(args...)
	r.fatal = true
}
func (r *recorder) Log(args ...any) { r.logs = append(r.logs, fmt.Sprint(args...)) }

func TestMarkers(t *testing.T) {
	tests := []struct {
		report func(testing.TB, string, ...any)
		want   string
	}{
		{Exit, "racekit: exit: run returned while 2 of 5 workers were still working"},
		{Leak, "racekit: leak: run returned while 2 of 5 workers were still working"},
		{Deadlock, "racekit: deadlock: run returned while 2 of 5 workers were still working"},
	}
	for _, tt := range tests {
		r := &recorder{}
		tt.report(r, "run returned while %d of %d workers were still working", 2, 5)
		assert.Equal(t, []string{tt.want}, r.errors)
	}
}

func TestOutputIsSafeForManyWriters(t *testing.T) {
	var out Output
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() { fmt.Fprintf(&out, "line %d\n\n", i) })
	}
	wg.Wait()
	assert.Len(t, out.Lines(), 8)
}

func TestMeterCountsConcurrency(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var m Meter
		var wg sync.WaitGroup
		for range 4 {
			wg.Go(func() {
				m.Enter()
				defer m.Leave()
				time.Sleep(time.Millisecond)
			})
		}
		synctest.Wait()
		assert.Equal(t, 4, m.Active())
		wg.Wait()
		assert.Equal(t, 4, m.Max())
		assert.Equal(t, 4, m.Finished())
		assert.Equal(t, 0, m.Active())
	})
}

func TestWithin(t *testing.T) {
	r := &recorder{}
	Within(r, time.Second, func() {})
	assert.Empty(t, r.errors, "a function that returns is not stuck")

	block := make(chan struct{})
	defer close(block)
	Within(r, 10*time.Millisecond, func() { <-block })
	assert.True(t, r.fatal)
	assert.Equal(t, []string{"racekit: stuck: did not finish within 10ms"}, r.errors)
	assert.Contains(t, r.logs[0], "goroutine dump:")
	assert.Contains(t, r.logs[0], "[chan receive]")
}

func TestLetFinishWakesSleepers(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		done := make(chan bool, 1)
		go func() {
			time.Sleep(time.Hour)
			done <- true
		}()
		LetFinish()
		assert.True(t, <-done)
	})
}
