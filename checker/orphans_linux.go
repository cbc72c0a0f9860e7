//go:build linux

package checker

import (
	"bytes"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/sys/unix"
)

// Children that outlive the test.
//
// A test can start processes of its own that are still running when the
// test binary exits: a plain child stays in the binary's process group and
// dies when the checker kills that group, but a child that calls setsid
// (or setpgid) leaves the group and would survive it. On Linux the checker
// therefore makes the grader process a child subreaper
// (prctl(PR_SET_CHILD_SUBREAPER)): every process orphaned below it is
// re-parented to the grader instead of to init, so the grader can both
// find and reap it.
//
// Which processes belong to which run: each run gets a TMPDIR of its own
// (testEnv), and a process inherits its parent's environment, so every
// process a run started carries that run's TMPDIR=... entry in
// /proc/PID/environ. After the run ends and its process group is killed,
// the checker walks /proc, kills every live process whose environment
// holds the run's marker, wherever it sits in the tree, and reaps those
// that are its children; it also reaps its children still in the run's
// process group (a plain child killed with the group, dying or a zombie,
// whose environment can no longer be read). It repeats until no process
// with the marker is left and every process it killed is reaped or gone,
// so that children of killed processes, re-parented to the grader, go
// too. Runs in flight at the same time have other markers and
// other process groups, and the grader's own children (test2json, the go
// command) are never touched.
//
// What this does not catch: a process that replaced its whole environment
// when it exec'd (its environ no longer holds the marker) and also left the
// process group; a setsid'd process that exits on its own before the scan
// stays a zombie child of the grader until the grader exits. Processes of
// another user, or a daemon started through a service manager, are out of
// reach; the CI sandbox must contain those (see the README's "What the
// grader guarantees").

var subreaper sync.Once

// becomeSubreaper makes the grader process the child subreaper of
// everything it starts, once; failing that, orphans go to init and only
// the marker walk finds them.
func becomeSubreaper() {
	subreaper.Do(func() {
		_ = unix.Prctl(unix.PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
	})
}

// maxOrphanRounds bounds the kill-and-rescan loop, against processes that
// fork faster than they are killed; orphanPoll is the pause between rounds
// while a killed process that is not the grader's child is still dying.
const (
	maxOrphanRounds = 50
	orphanPoll      = 5 * time.Millisecond
)

// killOrphans kills and reaps what a finished run left behind: every
// process whose environment holds marker (an exact "NAME=value" entry),
// and the grader's children in process group pgid, which the group kill
// has just sent SIGKILL and which may still be dying (a dying process's
// environment can read as empty before it is a zombie, so the group, not
// the marker, identifies those).
func killOrphans(marker string, pgid int) {
	if marker == "" {
		return
	}
	self := os.Getpid()
	want := []byte(marker)
	killed := map[int]bool{}
	for round := 0; round < maxOrphanRounds; round++ {
		found, pending := 0, 0
		for _, p := range procs() {
			ours := p.ppid == self
			switch {
			case ours && (killed[p.pid] || pgid > 0 && p.pgid == pgid):
				found++
				_ = unix.Kill(p.pid, unix.SIGKILL)
				reap(p.pid)
			case killed[p.pid]:
				// Dying, or a zombie until its parent dies too and it
				// is re-parented to the grader.
				pending++
			case p.state != 'Z' && hasEnv(p.pid, want):
				found++
				killed[p.pid] = true
				_ = unix.Kill(p.pid, unix.SIGKILL)
				if ours {
					reap(p.pid)
				} else {
					pending++
				}
			}
		}
		if found == 0 && pending == 0 {
			return
		}
		if pending > 0 {
			time.Sleep(orphanPoll)
		}
	}
}

// reap waits for the grader's child pid, which has been killed.
func reap(pid int) {
	var ws unix.WaitStatus
	for {
		_, err := unix.Wait4(pid, &ws, 0, nil)
		if err != unix.EINTR {
			return
		}
	}
}

// tree is the set of the processes of ps that are root, below root, or
// the grader's children whose environment holds marker, or below those.
func tree(ps []procInfo, root int, marker string) map[int]bool {
	self := os.Getpid()
	want := []byte(marker)
	in := map[int]bool{root: true}
	for _, p := range ps {
		if p.ppid == self && p.pid != root && marker != "" && hasEnv(p.pid, want) {
			in[p.pid] = true
		}
	}
	// Children are listed after their parents as a rule, but pids wrap:
	// add descendants until nothing changes.
	for grew := true; grew; {
		grew = false
		for _, p := range ps {
			if !in[p.pid] && in[p.ppid] {
				in[p.pid], grew = true, true
			}
		}
	}
	return in
}

// treeRunDelay is the longest time any thread of the process tree (see
// tree) spent ready to run but waiting for a CPU, from
// /proc/PID/task/TID/schedstat: how far the machine's load held the run
// back. 0 when it cannot be read.
func treeRunDelay(root int, marker string) time.Duration {
	var longest int64
	for pid := range tree(procs(), root, marker) {
		dir := "/proc/" + strconv.Itoa(pid) + "/task"
		tasks, _ := os.ReadDir(dir)
		for _, t := range tasks {
			data, err := readProc(dir + "/" + t.Name() + "/schedstat")
			if err != nil {
				continue
			}
			// on-CPU time, run-queue wait, time slices; nanoseconds.
			f := strings.Fields(string(data))
			if len(f) < 2 {
				continue
			}
			if d, err := strconv.ParseInt(f[1], 10, 64); err == nil && d > longest {
				longest = d
			}
		}
	}
	return time.Duration(longest)
}

// procInfo is what killOrphans and treeRSS read of a process in
// /proc/PID/stat.
type procInfo struct {
	pid, ppid, pgid int
	state           byte
	// rss is the process's resident set, in pages.
	rss int64
}

// treeRSS is the resident memory, in bytes, of the process root and every
// process below it, together with the grader's children (orphans that the
// subreaper adopted) whose environment holds marker and what is below
// them: the memory a run of a test binary uses, whatever it started. It is
// -1 when /proc cannot be read. Under the race detector a process maps
// terabytes of shadow memory that it never touches, so its address space
// says nothing; its resident memory does.
func treeRSS(root int, marker string) int64 {
	ps := procs()
	if len(ps) == 0 {
		return -1
	}
	in := tree(ps, root, marker)
	var pages int64
	for _, p := range ps {
		if in[p.pid] {
			pages += p.rss
		}
	}
	return pages * int64(os.Getpagesize())
}

// procs lists the processes in /proc, as far as they can be read.
func procs() []procInfo {
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return nil
	}
	var out []procInfo
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		stat, err := readProc("/proc/" + e.Name() + "/stat")
		if err != nil {
			continue
		}
		// pid (comm) state ppid pgrp ...; comm may hold spaces and parens.
		i := bytes.LastIndexByte(stat, ')')
		if i < 0 {
			continue
		}
		f := strings.Fields(string(stat[i+1:]))
		if len(f) < 22 || len(f[0]) != 1 {
			continue
		}
		ppid, err1 := strconv.Atoi(f[1])
		pgid, err2 := strconv.Atoi(f[2])
		rss, err3 := strconv.ParseInt(f[21], 10, 64)
		if err1 != nil || err2 != nil || err3 != nil {
			continue
		}
		out = append(out, procInfo{pid: pid, ppid: ppid, pgid: pgid, state: f[0][0], rss: rss})
	}
	return out
}

// hasEnv reports whether process pid's environment holds the entry want.
func hasEnv(pid int, want []byte) bool {
	env, err := readProc("/proc/" + strconv.Itoa(pid) + "/environ")
	if err != nil {
		return false
	}
	for _, kv := range bytes.Split(env, []byte{0}) {
		if bytes.Equal(kv, want) {
			return true
		}
	}
	return false
}

// readProc reads a file of /proc whole, with as few system calls as it
// can: open, read until the end, close. os.ReadFile also stats the file
// and sets it up for the runtime's poller, which for the thousands of
// small files every run's scans read costs more than the reads.
func readProc(path string) ([]byte, error) {
	fd, err := unix.Open(path, unix.O_RDONLY|unix.O_CLOEXEC, 0)
	if err != nil {
		return nil, err
	}
	defer unix.Close(fd)
	buf := make([]byte, 0, 512)
	for {
		if len(buf) == cap(buf) {
			buf = slices.Grow(buf, cap(buf))
		}
		n, err := unix.Read(fd, buf[len(buf):cap(buf)])
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return nil, err
		}
		if n == 0 {
			return buf, nil
		}
		buf = buf[:len(buf)+n]
	}
}

// procReadable reports whether this process can read /proc, which the
// memory limit and the search for orphans read.
func procReadable() bool {
	_, err := readProc("/proc/self/stat")
	return err == nil
}
