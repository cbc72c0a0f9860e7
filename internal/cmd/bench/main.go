// Command bench times grade against plain `go test -race` on a solved copy
// of the kit (make bench): warm and cold build cache, medians, ratios and
// the grader's peak memory. Then it times grade batch over a generated
// class (see package classgen): submissions per minute, the first submission
// against grade alone, and link against run; -batch-only times just that.
package main

import (
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/racekit/racekit/internal/bench"
	"github.com/racekit/racekit/internal/kit"
)

func main() {
	runs := flag.Int("n", 5, "timed runs of each command with a warm build cache")
	cold := flag.Int("cold", 5, "timed runs with an empty build cache (0 to skip)")
	batchOnly := flag.Bool("batch-only", false, "time only grade batch over the generated class")
	batchRuns := flag.Int("batch-n", 3, "timed runs of grade batch (0 to skip)")
	students := flag.Int("students", 20, "students in the generated class, the last one hostile")
	seed := flag.Uint64("seed", 1, "seed of the exercises each generated student solves")
	flag.Parse()
	b := batchBench{runs: *batchRuns, students: *students, seed: *seed, only: *batchOnly}
	if err := run(*runs, *cold, b); err != nil {
		fmt.Fprintf(os.Stderr, "bench: %v\n", err)
		os.Exit(1)
	}
}

func run(runs, cold int, b batchBench) error {
	root, err := kit.FindRoot(".")
	if err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "racekit-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	tree := filepath.Join(tmp, "kit")
	pkgs, err := solvedCopy(root, tree)
	if err != nil {
		return err
	}
	grade := filepath.Join(tmp, "grade")
	if out, err := exec.Command("go", "build", "-o", grade, "./cmd/grade").CombinedOutput(); err != nil {
		return fmt.Errorf("building grade: %v\n%s", err, out)
	}
	host, _ := os.Hostname()
	fmt.Printf("racekit bench: %d exercises, solved; %s, %d CPUs, %s, %s\n\n", len(pkgs), runtime.Version(), runtime.NumCPU(), host, time.Now().Format("2006-01-02"))
	if b.only {
		return b.run(root, tmp, tree, grade)
	}

	goTest := func(name string, env []string, extra ...string) bench.Command {
		args := append([]string{"go", "test", "-race", "-count=1"}, extra...)
		return bench.Command{Name: name, Dir: tree, Env: env, Args: append(args, pkgs...)}
	}
	perPkg := bench.Command{Name: "go test -race, one call per exercise", Dir: tree,
		Args: []string{"sh", "-c", "for p in " + strings.Join(pkgs, " ") + "; do go test -race -count=1 $p >/dev/null || exit 1; done"}}
	plain := goTest("go test -race, one call", nil)
	floor := goTest("floor: go test -race -vet=off, GORACE tuned", []string{"GORACE=atexit_sleep_ms=0"}, "-vet=off")
	// grade keeps its module and test binaries in a cache of the bench's
	// own, warm like the build cache in the warm runs and emptied with it
	// in the cold ones.
	binaries := []string{"RACEKIT_CACHE=" + filepath.Join(tmp, "racekit-cache")}
	gradeAll := bench.Command{Name: "grade (all exercises, with vet and rules)", Dir: tree, Env: binaries, Args: []string{grade, "--format", "json"}}
	gradeOne := bench.Command{Name: "grade run 01 (one exercise re-graded)", Dir: tree, Env: binaries, Args: []string{grade, "run", "01"}}
	// A student's edit: the edited exercise is compiled and linked again.
	edits := 0
	edit := func() error {
		edits++
		f, err := os.OpenFile(filepath.Join(tree, "exercises", "01_wait_for_workers", "main.go"), os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			return err
		}
		fmt.Fprintf(f, "\n// edit %d\n", edits)
		return f.Close()
	}
	gradeEdited := bench.Command{Name: "grade, after an edit of exercise 01", Dir: tree, Env: binaries, Args: []string{grade, "--format", "json"}, Before: edit}
	runEdited := bench.Command{Name: "grade run 01, after an edit of it", Dir: tree, Env: binaries, Args: []string{grade, "run", "01"}, Before: edit}

	// Warm the cache, untimed.
	for _, c := range []bench.Command{plain, floor, gradeAll} {
		if _, err := bench.Time(c, 1); err != nil {
			return err
		}
	}
	var warm []bench.Timing
	for _, c := range []bench.Command{plain, perPkg, floor, gradeAll, gradeOne, gradeEdited, runEdited} {
		t, err := bench.Time(c, runs)
		if err != nil {
			return err
		}
		warm = append(warm, t)
	}
	fmt.Println("warm build cache, ratios against go test -race in one call:")
	if err := bench.Table(os.Stdout, warm[0], warm); err != nil {
		return err
	}
	fmt.Printf("\ngrade against the floor: %.2f×\n", float64(warm[3].Median())/float64(warm[2].Median()))

	if cold == 0 {
		fmt.Println()
		return b.run(root, tmp, tree, grade)
	}
	cache := filepath.Join(tmp, "gocache")
	empty := func() error {
		for _, dir := range []string{cache, filepath.Join(tmp, "racekit-cache")} {
			if err := os.RemoveAll(dir); err != nil {
				return err
			}
		}
		return os.MkdirAll(cache, 0o755)
	}
	var colds []bench.Timing
	for _, c := range []bench.Command{plain, gradeAll} {
		c.Env, c.Before = append(slices.Clone(c.Env), "GOCACHE="+cache), empty
		t, err := bench.Time(c, cold)
		if err != nil {
			return err
		}
		colds = append(colds, t)
	}
	fmt.Println("\nempty build cache (race-enabled standard library rebuilt each run):")
	if err := bench.Table(os.Stdout, colds[0], colds); err != nil {
		return err
	}
	fmt.Println()
	return b.run(root, tmp, tree, grade)
}

// solvedCopy copies the kit to dst with each exercise's main solution laid
// over it, and returns the exercises' package paths.
func solvedCopy(root, dst string) ([]string, error) {
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		if d.IsDir() && (rel == ".git" || rel == "bin") {
			return filepath.SkipDir
		}
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		return copyFile(path, filepath.Join(dst, rel))
	})
	if err != nil {
		return nil, err
	}
	entries, err := os.ReadDir(filepath.Join(dst, "solutions"))
	if err != nil {
		return nil, err
	}
	var pkgs []string
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		files, _ := filepath.Glob(filepath.Join(dst, "solutions", e.Name(), "*.go"))
		for _, f := range files {
			if err := copyFile(f, filepath.Join(dst, "exercises", e.Name(), filepath.Base(f))); err != nil {
				return nil, err
			}
		}
		pkgs = append(pkgs, "./exercises/"+e.Name())
	}
	return pkgs, nil
}

func copyFile(src, dst string) error {
	data, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	return os.WriteFile(dst, data, 0o644)
}
