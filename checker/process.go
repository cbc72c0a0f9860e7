package checker

import (
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"time"
)

// process runs one command with a wall-clock limit that kills its whole
// process tree, streaming its combined output to sink.
type process struct {
	dir   string
	args  []string
	env   []string
	limit time.Duration
	// marker is an environment entry ("TMPDIR=...") that only this run's
	// processes carry: after the run, every process that still has it is
	// killed (see orphans_linux.go). Empty, only the process group is.
	marker string
	// memLimit bounds the resident memory of the whole process tree, in
	// bytes (see treeRSS); 0 sets no bound.
	memLimit int64
}

// result of a finished process.
type processResult struct {
	exitCode int
	killed   bool
	// memory is the resident memory the tree had when the grader killed
	// it for passing memLimit; 0 when it did not.
	memory  int64
	elapsed time.Duration
}

// drainAfterExit is how long output is still read after the process has
// exited, for whatever its pipe still holds; a grandchild that keeps the
// pipe open cannot hold the grader longer than this.
const drainAfterExit = 200 * time.Millisecond

// minExtension is the least run-queue wait worth extending a run's limit
// for.
const minExtension = 10 * time.Millisecond

// memoryPoll is how often the process tree's resident memory is measured
// against the limit. A test allocating as fast as it can gains a few
// hundred megabytes in that time, which the limit's headroom absorbs.
const memoryPoll = 50 * time.Millisecond

// run starts the process, feeds its output to sink until it exits, and
// kills its process group when the limit passes, when the tree's resident
// memory passes memLimit, or when ctx is cancelled. sink must read r to
// EOF. The limit counts the process's own time: when it passes, the time
// the tree's busiest thread spent waiting for a CPU (Linux) is added, up
// to the limit again, so that a loaded machine does not kill a test
// binary that is still printing its own timeout's goroutine dump.
func (p process) run(ctx context.Context, sink func(r io.Reader)) (processResult, error) {
	pr, pw, err := os.Pipe()
	if err != nil {
		return processResult{}, err
	}
	defer pr.Close()
	cmd := exec.Command(p.args[0], p.args[1:]...)
	cmd.Dir, cmd.Env = p.dir, p.env
	cmd.Stdout, cmd.Stderr = pw, pw
	ownProcessGroup(cmd)
	becomeSubreaper()
	start := time.Now()
	if err := cmd.Start(); err != nil {
		pw.Close()
		return processResult{}, err
	}
	pw.Close()

	sunk := make(chan struct{})
	go func() {
		defer close(sunk)
		sink(pr)
	}()

	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()

	timer := time.NewTimer(p.limit)
	defer timer.Stop()
	var poll <-chan time.Time
	if p.memLimit > 0 && treeRSS(cmd.Process.Pid, p.marker) >= 0 {
		t := time.NewTicker(memoryPoll)
		defer t.Stop()
		poll = t.C
	}
	res := processResult{}
	var waitErr error
	var extended time.Duration // added to the limit for the load
	for waiting := true; waiting; {
		select {
		case waitErr = <-exited:
			waiting = false
		case <-timer.C:
			// The limit is the run's own time: the time its threads
			// waited for a CPU on a loaded machine is given back, up
			// to the limit once more.
			if d := treeRunDelay(cmd.Process.Pid, p.marker) - extended; d > minExtension && extended < p.limit {
				d = min(d, p.limit-extended)
				extended += d
				timer.Reset(d)
				continue
			}
			res.killed = true
			killProcessGroup(cmd)
			waitErr, waiting = <-exited, false
		case <-poll:
			rss := treeRSS(cmd.Process.Pid, p.marker)
			if rss <= p.memLimit {
				continue
			}
			res.memory = rss
			killProcessGroup(cmd) // and its orphans, below
			waitErr, waiting = <-exited, false
		case <-ctx.Done():
			killProcessGroup(cmd)
			<-exited
			killOrphans(p.marker, cmd.Process.Pid)
			return res, ctx.Err()
		}
	}
	res.elapsed = time.Since(start)
	// Whatever the process left behind goes with it: its process group,
	// and every process of this run that left the group.
	killProcessGroup(cmd)
	killOrphans(p.marker, cmd.Process.Pid)
	_ = pr.SetReadDeadline(time.Now().Add(drainAfterExit))
	<-sunk

	res.exitCode = 0
	var exitErr *exec.ExitError
	switch {
	case errors.As(waitErr, &exitErr):
		res.exitCode = exitErr.ExitCode()
	case waitErr != nil:
		return res, waitErr
	}
	return res, nil
}
