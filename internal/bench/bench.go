// Package bench times commands for `make bench`: repeated runs, medians,
// peak memory, and a table of ratios against a baseline.
package bench

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"slices"
	"syscall"
	"text/tabwriter"
	"time"
)

// Sample is one timed run of a command.
type Sample struct {
	Wall time.Duration
	// MaxRSS is the command's own peak resident memory, in KiB, where the
	// platform reports it (not its children's).
	MaxRSS int64
}

// Timing is a command's samples, summed up.
type Timing struct {
	Name    string
	Samples []Sample
}

// Median returns the median wall time.
func (t Timing) Median() time.Duration {
	walls := make([]time.Duration, len(t.Samples))
	for i, s := range t.Samples {
		walls[i] = s.Wall
	}
	return median(walls)
}

// PeakRSS returns the largest peak memory over the samples, in KiB.
func (t Timing) PeakRSS() int64 {
	var peak int64
	for _, s := range t.Samples {
		peak = max(peak, s.MaxRSS)
	}
	return peak
}

func median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// Command is a command to time, with a hook that runs before each sample
// (to empty a cache, say) and is not timed.
type Command struct {
	Name   string
	Dir    string
	Env    []string
	Args   []string
	Before func() error
	// OK lists the exit statuses that count as success (default 0).
	OK []int
}

// Time runs the command n times and returns its samples.
func Time(c Command, n int) (Timing, error) {
	t := Timing{Name: c.Name}
	ok := c.OK
	if len(ok) == 0 {
		ok = []int{0}
	}
	for range n {
		if c.Before != nil {
			if err := c.Before(); err != nil {
				return t, err
			}
		}
		cmd := exec.Command(c.Args[0], c.Args[1:]...)
		cmd.Dir, cmd.Env = c.Dir, append(os.Environ(), c.Env...)
		start := time.Now()
		out, err := cmd.CombinedOutput()
		wall := time.Since(start)
		if cmd.ProcessState == nil || !slices.Contains(ok, cmd.ProcessState.ExitCode()) {
			return t, fmt.Errorf("%s: %v\n%s", c.Name, err, tail(out))
		}
		s := Sample{Wall: wall}
		if ru, isRusage := cmd.ProcessState.SysUsage().(*syscall.Rusage); isRusage {
			s.MaxRSS = ru.Maxrss
		}
		t.Samples = append(t.Samples, s)
	}
	return t, nil
}

// tail keeps the end of a command's output for an error message.
func tail(out []byte) []byte {
	if len(out) > 2000 {
		return out[len(out)-2000:]
	}
	return out
}

// Table writes the timings with their ratio to the baseline timing.
func Table(w io.Writer, baseline Timing, ts []Timing) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "command\truns\tmedian\tratio\tpeak RSS\t")
	for _, t := range ts {
		ratio := "-"
		if b := baseline.Median(); b > 0 {
			ratio = fmt.Sprintf("%.2f×", float64(t.Median())/float64(b))
		}
		rss := "-"
		if p := t.PeakRSS(); p > 0 {
			rss = fmt.Sprintf("%d MiB", p/1024)
		}
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\t\n", t.Name, len(t.Samples), t.Median().Round(time.Millisecond), ratio, rss)
	}
	return tw.Flush()
}
