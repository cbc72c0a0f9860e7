package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/racekit/racekit/internal/classgen"
	"github.com/racekit/racekit/internal/report"
)

// batchRun is one timed run of grade batch.
type batchRun struct {
	// Wall is the whole run; First is when the first student finished.
	Wall, First time.Duration
	// Lines are grade's progress lines.
	Lines []string
	// Shared counts the exercises graded once for several students, as
	// grade's last line says.
	Shared int
}

// sharedLine is the part of grade batch's last line that counts the
// exercises it graded once for several students.
var sharedLine = regexp.MustCompile(`; (\d+) exercises had the same code as another student's`)

// timeBatch runs grade batch over class into out with env added, and
// times the run and its first finished student (grade writes one progress
// line per student when its standard error is not a terminal).
func timeBatch(grade, class, out string, env []string) (batchRun, error) {
	cmd := exec.Command(grade, "batch", "--out", out, class)
	cmd.Env = append(os.Environ(), env...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return batchRun{}, err
	}
	var r batchRun
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return r, err
	}
	sc := bufio.NewScanner(stderr)
	for sc.Scan() {
		line := sc.Text()
		if r.First == 0 && strings.HasPrefix(line, "grade: 1/") {
			r.First = time.Since(start)
		}
		r.Lines = append(r.Lines, line)
		if m := sharedLine.FindStringSubmatch(line); m != nil {
			r.Shared, _ = strconv.Atoi(m[1])
		}
	}
	err = cmd.Wait()
	r.Wall = time.Since(start)
	if err != nil {
		return r, fmt.Errorf("grade batch: %v\n%s", err, strings.Join(r.Lines[max(0, len(r.Lines)-20):], "\n"))
	}
	return r, nil
}

// medianOf returns the median of the durations f picks from runs.
func medianOf(runs []batchRun, f func(batchRun) time.Duration) time.Duration {
	ds := make([]time.Duration, len(runs))
	for i, r := range runs {
		ds[i] = f(r)
	}
	slices.Sort(ds)
	if len(ds) == 0 {
		return 0
	}
	if len(ds)%2 == 1 {
		return ds[len(ds)/2]
	}
	return (ds[len(ds)/2-1] + ds[len(ds)/2]) / 2
}

// countBinaries counts the test binaries a binary cache holds.
func countBinaries(cache string) int {
	files, _ := filepath.Glob(filepath.Join(cache, "binaries", "*.test"))
	return len(files)
}

// batchBench times grade batch over a generated class.
type batchBench struct {
	// runs is the number of timed runs; 0 skips the batch.
	runs int
	// students is the class's size; seed picks what each solves.
	students int
	seed     uint64
	// only skips the rest of the bench.
	only bool
}

// run times, with the build cache warm: grade alone on the solved copy at
// tree with an empty binary cache; grade batch over the class with an
// empty binary cache (compile, link and run); and grade batch again into
// a fresh output folder with the binary cache it left (every binary
// cached: the go command's checks, vet and the runs).
func (b batchBench) run(root, tmp, tree, grade string) error {
	if b.runs == 0 {
		return nil
	}
	class := filepath.Join(tmp, "class")
	students, err := classgen.Write(root, class, classgen.Options{Students: b.students, Seed: b.seed})
	if err != nil {
		return err
	}
	// grade batch grades its first student (in name order) on its own
	// before the others: the same submission graded by grade alone is
	// what that student's wait is measured against.
	firstStudent := slices.Min(students)
	distinct, err := distinctCode(class)
	if err != nil {
		return err
	}
	aloneCache, batchCache := filepath.Join(tmp, "alone-cache"), filepath.Join(tmp, "batch-cache")
	// alone grades one copy with grade, an empty binary cache and the
	// build cache warm; solved says that every exercise must pass.
	alone := func(dir string, solved bool) (time.Duration, error) {
		if err := os.RemoveAll(aloneCache); err != nil {
			return 0, err
		}
		cmd := exec.Command(grade, "--format", "json")
		cmd.Dir, cmd.Env = dir, append(os.Environ(), "RACEKIT_CACHE="+aloneCache)
		start := time.Now()
		out, err := cmd.Output()
		if err != nil && (solved || !isExit(err, 1)) {
			return 0, fmt.Errorf("grade on %s: %v: %s", dir, err, notPassed(out))
		}
		return time.Since(start), nil
	}
	// Warm the build cache with the kit, its solutions and the first
	// submission, untimed.
	if _, err := alone(tree, true); err != nil {
		return err
	}
	if _, err := alone(firstStudent, false); err != nil {
		return err
	}
	var alones, firstAlones []time.Duration
	var colds, warms []batchRun
	var binaries int
	for i := range b.runs {
		d, err := alone(tree, true)
		if err != nil {
			return err
		}
		f, err := alone(firstStudent, false)
		if err != nil {
			return err
		}
		alones, firstAlones = append(alones, d), append(firstAlones, f)
		for _, dir := range []string{batchCache, filepath.Join(tmp, "out-cold"), filepath.Join(tmp, "out-warm")} {
			if err := os.RemoveAll(dir); err != nil {
				return err
			}
		}
		env := []string{"RACEKIT_CACHE=" + batchCache}
		c, err := timeBatch(grade, class, filepath.Join(tmp, "out-cold"), env)
		if err != nil {
			return err
		}
		binaries = countBinaries(batchCache)
		w, err := timeBatch(grade, class, filepath.Join(tmp, "out-warm"), env)
		if err != nil {
			return err
		}
		colds, warms = append(colds, c), append(warms, w)
		fmt.Fprintf(os.Stderr, "bench: batch run %d: grade alone %s, on the first submission %s; batch %s (first %s), batch cached %s\n",
			i+1, d.Round(time.Millisecond), f.Round(time.Millisecond), c.Wall.Round(time.Millisecond), c.First.Round(time.Millisecond), w.Wall.Round(time.Millisecond))
	}
	aloneMedian, firstAloneMedian := median(alones), median(firstAlones)
	wall := func(r batchRun) time.Duration { return r.Wall }
	first := func(r batchRun) time.Duration { return r.First }
	cold, warm := medianOf(colds, wall), medianOf(warms, wall)
	perMinute := func(d time.Duration) float64 { return float64(b.students) / d.Minutes() }
	fmt.Printf("grade batch, a generated class of %d (each solves a random half of the exercises, seed %d; %s is hostile), build cache warm, medians of %d runs:\n",
		b.students, b.seed, classgen.HostileStudent, b.runs)
	fmt.Printf("  grade alone, one solved copy, empty binary cache   %8s\n", aloneMedian.Round(time.Millisecond))
	fmt.Printf("  grade alone, the class's first submission (%s)     %8s\n", filepath.Base(firstStudent), firstAloneMedian.Round(time.Millisecond))
	fmt.Printf("  batch, empty binary cache                           %8s  %.1f submissions/min\n", cold.Round(time.Millisecond), perMinute(cold))
	fmt.Printf("    its first submission finished after               %8s  (%.2f× grade alone on it)\n", medianOf(colds, first).Round(time.Millisecond), float64(medianOf(colds, first))/float64(firstAloneMedian))
	fmt.Printf("    exercises given another student's result          %8d  (same code, graded once)\n", colds[len(colds)/2].Shared)
	fmt.Printf("  batch again, fresh output, every binary cached      %8s  %.1f submissions/min\n", warm.Round(time.Millisecond), perMinute(warm))
	fmt.Printf("  so compile and link of the class's binaries         %8s  (%.0f%% of the cold batch); the rest is build checks, vet and runs\n", (cold - warm).Round(time.Millisecond), 100*float64(cold-warm)/float64(cold))
	fmt.Printf("  distinct (exercise, code) in the class: %d; binaries in the cache after a cold batch: %d\n", distinct, binaries)
	return nil
}

// median returns the median of ds, which it sorts.
func median(ds []time.Duration) time.Duration {
	slices.Sort(ds)
	return ds[len(ds)/2]
}

// isExit reports whether err is a command's exit with the given status.
func isExit(err error, status int) bool {
	var exit *exec.ExitError
	return errors.As(err, &exit) && exit.ExitCode() == status
}

// distinctCode counts the distinct (exercise, code) pairs of a class: the
// test binaries a batch over it must link.
func distinctCode(class string) (int, error) {
	seen := map[string]bool{}
	students, err := os.ReadDir(class)
	if err != nil {
		return 0, err
	}
	for _, s := range students {
		exercises, err := os.ReadDir(filepath.Join(class, s.Name(), "exercises"))
		if err != nil {
			return 0, err
		}
		for _, e := range exercises {
			if !e.IsDir() {
				continue
			}
			files, _ := filepath.Glob(filepath.Join(class, s.Name(), "exercises", e.Name(), "*.go"))
			key := e.Name()
			for _, f := range files {
				if strings.HasSuffix(f, "_test.go") {
					continue
				}
				data, err := os.ReadFile(f)
				if err != nil {
					return 0, err
				}
				key += "\x00" + filepath.Base(f) + "\x00" + string(data)
			}
			seen[key] = true
		}
	}
	return len(seen), nil
}

// notPassed names the results of grade's JSON document that did not pass,
// with their messages, so a bench stopped by a failing solution says which.
func notPassed(out []byte) string {
	var doc report.Document
	if err := json.Unmarshal(out, &doc); err != nil {
		return fmt.Sprintf("no JSON document (%v)", err)
	}
	var failed []string
	for _, r := range doc.Results {
		if !r.Passed {
			failed = append(failed, fmt.Sprintf("%s %s: %s", r.Name, r.Verdict, r.Message))
		}
	}
	return strings.Join(failed, "; ")
}
