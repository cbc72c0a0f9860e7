package stopticker

import (
	"sync"
	"time"
)

// unstopped keeps its ticker running after it returns.
func unstopped(urls []string, fetch func(string)) {
	ticker := time.NewTicker(time.Millisecond) // want `ticker never stopped: ticker is not stopped in this function, so it keeps ticking after the work is done; add defer ticker.Stop\(\) right after creating it`
	for _, u := range urls {
		<-ticker.C
		fetch(u)
	}
	var t = time.NewTicker(time.Second) // want `ticker never stopped: t is not stopped`
	t.Reset(time.Millisecond)
	<-t.C
	<-time.NewTicker(time.Second).C    // want `ticker never stopped: this time.NewTicker has no name to call Stop on`
	for range time.Tick(time.Second) { // want `time.Tick starts a ticker that nothing can ever stop; use time.NewTicker and defer its Stop`
		break
	}
}

// stopped stops every ticker it starts, or hands it on.
func stopped(urls []string, fetch func(string)) *time.Ticker {
	ticker := time.NewTicker(time.Millisecond)
	defer ticker.Stop()
	var wg sync.WaitGroup
	for _, u := range urls {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-ticker.C
			fetch(u)
		}()
	}
	wg.Wait()
	other := time.NewTicker(time.Second)
	defer func() { other.Stop() }()
	kept := time.NewTicker(time.Second)
	h := &holder{}
	h.t = time.NewTicker(time.Second)
	go func() {
		own := time.NewTicker(time.Second) // want `ticker never stopped: own is not stopped`
		<-own.C
	}()
	return kept
}

type holder struct{ t *time.Ticker }
