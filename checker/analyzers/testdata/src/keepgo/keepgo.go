package keepgo

import (
	"context"
	"sync"
	"time"
)

// Every way of starting a goroutine counts: a go statement, WaitGroup.Go,
// time.AfterFunc, context.AfterFunc, and calls of helpers that start one,
// declared or named function literals:
// eleven places in all, as many as shipped.
func run(ctx context.Context) {
	var wg sync.WaitGroup
	wg.Go(work)
	go work()
	time.AfterFunc(time.Second, work)
	context.AfterFunc(ctx, work)
	spawn(work)
	spawnTwice(work)
	start := func(f func()) { go f() }
	start(work)
	wg.Wait()
}

func spawn(f func()) { go f() }

func spawnTwice(f func()) { spawn(f); spawn(f) }

func work() {}
