package checker

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"time"
)

// process runs one command with a wall-clock limit that kills its whole
// process tree. The command writes its combined output to a file, never
// to a pipe: its writes never wait for the grader, so a busy machine that
// reads the output slowly cannot make the command's own clock run out. The
// file is fed, as it grows, through filter (if any) to sink.
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
	// output is the path of the file the command's standard output and
	// error go to, in the run's throwaway directory; it must not exist.
	output string
	// outputLimit bounds that file: once it passes this many bytes the
	// tree is killed; 0 is maxOutput.
	outputLimit int64
	// filter is a command (test2json) that the output is fed through
	// before sink reads it; nil, sink reads the output itself. It runs
	// outside the command's process tree and environment, and is not
	// timed: it only converts what the command already wrote.
	filter []string
}

// result of a finished process.
type processResult struct {
	exitCode int
	killed   bool
	// memory is the resident memory the tree had when the grader killed
	// it for passing memLimit; 0 when it did not.
	memory int64
	// output is the size the output file had when the grader killed the
	// tree for passing outputLimit; 0 when it did not.
	output  int64
	elapsed time.Duration
}

// maxOutput is the output file's default bound: far more than any test
// prints on purpose (the hostile corpus's one line of 200 MB), and little
// enough that a test printing without end cannot fill the disk. What the
// grader has read is freed from the file where the system allows it
// (punchHole), so the disk holds only what it has not read yet.
const maxOutput = 1 << 30

// tailPoll is how long the reader waits at the end of the output file
// before it looks again, while the command runs.
const tailPoll = 10 * time.Millisecond

// minExtension is the least run-queue wait worth extending a run's limit
// for.
const minExtension = 10 * time.Millisecond

// memoryPoll is how often the process tree's resident memory and the size
// of its output are measured against their limits. A test allocating as
// fast as it can gains a few hundred megabytes in that time, which the
// limit's headroom absorbs.
const memoryPoll = 50 * time.Millisecond

// run starts the process, feeds its output (through the filter) to sink
// until it exits, and kills its process group when the limit passes, when
// the tree's resident memory passes memLimit, when its output passes
// outputLimit, or when ctx is cancelled. sink must read r to EOF. The
// limit counts the process's own time: when it passes, the time the tree's
// busiest thread spent waiting for a CPU (Linux) is added, up to the limit
// again, so that a loaded machine does not kill a test binary that is
// still printing its own timeout's goroutine dump. Once the tree is gone,
// the output is read to where it ended then, whatever the tree's orphans
// might still write.
func (p process) run(ctx context.Context, sink func(r io.Reader)) (processResult, error) {
	outLimit := p.outputLimit
	if outLimit <= 0 {
		outLimit = maxOutput
	}
	out, err := os.OpenFile(p.output, os.O_WRONLY|os.O_CREATE|os.O_EXCL|os.O_APPEND, 0o600)
	if err != nil {
		return processResult{}, err
	}
	defer out.Close()
	// Read and write: punchHole frees what was read.
	in, err := os.OpenFile(p.output, os.O_RDWR, 0)
	if err != nil {
		return processResult{}, err
	}
	defer in.Close()

	// sink reads pr; the tail of the output file is written to feed,
	// which is pw itself or the filter's input.
	pr, pw, err := os.Pipe()
	if err != nil {
		return processResult{}, err
	}
	defer pr.Close()
	feed := pw
	var filter *exec.Cmd
	if len(p.filter) > 0 {
		fr, fw, err := os.Pipe()
		if err != nil {
			pw.Close()
			return processResult{}, err
		}
		filter = exec.Command(p.filter[0], p.filter[1:]...)
		filter.Stdin, filter.Stdout, filter.Stderr = fr, pw, pw
		err = filter.Start()
		fr.Close()
		pw.Close()
		if err != nil {
			fw.Close()
			return processResult{}, fmt.Errorf("starting %s: %w", p.filter[0], err)
		}
		feed = fw
	}
	// stopFilter ends the filter when the run is abandoned: its input
	// closes (the tail returns), it is killed, and sink sees EOF.
	stopFilter := func() {
		if filter != nil {
			_ = filter.Process.Kill()
		}
	}

	sunk := make(chan struct{})
	go func() {
		defer close(sunk)
		sink(pr)
		_, _ = io.Copy(io.Discard, pr) // a sink that stopped early must not block the filter
	}()
	// end tells the tail where the output ends once the tree is gone.
	end := make(chan int64, 1)
	tailed := make(chan struct{})
	go func() {
		defer close(tailed)
		tail(in, feed, end, outLimit)
		feed.Close()
	}()
	// finish waits for the tail, the filter and sink once the tree is
	// gone and its output ends at size.
	finish := func(size int64) error {
		end <- size
		select {
		case <-sunk:
		case <-ctx.Done():
			stopFilter()
			<-sunk
		}
		<-tailed
		if filter != nil {
			_ = filter.Wait()
		}
		return ctx.Err()
	}

	cmd := exec.Command(p.args[0], p.args[1:]...)
	cmd.Dir, cmd.Env = p.dir, p.env
	cmd.Stdout, cmd.Stderr = out, out
	ownProcessGroup(cmd)
	becomeSubreaper()
	start := time.Now()
	if err := cmd.Start(); err != nil {
		stopFilter()
		_ = finish(0)
		return processResult{}, err
	}
	out.Close()

	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()

	timer := time.NewTimer(p.limit)
	defer timer.Stop()
	poll := time.NewTicker(memoryPoll)
	defer poll.Stop()
	measureMemory := p.memLimit > 0 && procReadable()
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
		case <-poll.C:
			if size := fileSize(in); size > outLimit {
				res.output = size
				killProcessGroup(cmd) // and its orphans, below
				waitErr, waiting = <-exited, false
				continue
			}
			if !measureMemory {
				continue
			}
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
			stopFilter()
			_ = finish(0)
			return res, ctx.Err()
		}
	}
	res.elapsed = time.Since(start)
	// Whatever the process left behind goes with it: its process group,
	// and every process of this run that left the group.
	killProcessGroup(cmd)
	killOrphans(p.marker, cmd.Process.Pid)
	if err := finish(fileSize(in)); err != nil {
		return res, err
	}

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

// fileSize is the size of the open file f, or 0 when it cannot be told.
func fileSize(f *os.File) int64 {
	fi, err := f.Stat()
	if err != nil {
		return 0
	}
	return fi.Size()
}

// tail copies the file in to w as it grows, at most limit bytes, freeing
// what it has copied from the disk where it can. At the end of the file it
// waits for more, until end says where the output ends: it copies up to
// there and returns. It returns early when w fails (the reader is gone);
// end is buffered, so whoever sends on it never waits for the tail.
func tail(in *os.File, w io.Writer, end <-chan int64, limit int64) {
	buf := make([]byte, 256<<10)
	var off int64
	stop := int64(-1) // where the output ends, once known
	var wait *time.Timer
	for {
		if stop >= 0 && off >= stop {
			return
		}
		want := int64(len(buf))
		if stop >= 0 {
			want = min(want, stop-off)
		}
		want = min(want, limit-off)
		if want <= 0 {
			return // past the limit: the run is killed, nothing more is read
		}
		n, err := in.ReadAt(buf[:want], off)
		if n > 0 {
			if _, werr := w.Write(buf[:n]); werr != nil {
				return
			}
			punchHole(in, off, int64(n))
			off += int64(n)
			continue
		}
		if err != nil && !errors.Is(err, io.EOF) {
			return
		}
		if stop >= 0 {
			// The file ends before where it ended when the tree was
			// gone: it cannot grow any more.
			return
		}
		if wait == nil {
			wait = time.NewTimer(tailPoll)
		} else {
			wait.Reset(tailPoll)
		}
		select {
		case stop = <-end:
			wait.Stop()
		case <-wait.C:
		}
	}
}
