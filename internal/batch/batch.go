// Package batch grades a whole class: one folder per student, each a copy
// of the kit, graded with one shared grader and a bounded number of
// students in flight. It writes one report document per student, an index
// of content hashes so that a re-run grades only the submissions whose code
// changed, a gradebook (CSV) and a class report (one HTML page).
//
// The package returns data and reports progress through a callback; it
// never prints and never exits. A submission whose grading fails gets a
// document whose results are errors: it never stops the others.
//
// The output folder holds:
//
//	students/NAME.json   the student's report document (schema/report.schema.json)
//	index.json           each student's content hash, for re-runs
//	gradebook.csv        Student, one column per exercise, Total, Max
//	report.html          the class report, one self-contained page
//
// After a run the folder holds exactly that run's students: those of its
// shard whose folders exist. A re-run into the same folder (or into a copy
// of it) reuses the document of every student whose code has the same
// content hash, graded by the same grader and go command.
package batch

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/racekit/racekit/internal/catalog"
	"github.com/racekit/racekit/internal/grading"
	"github.com/racekit/racekit/internal/report"
)

// Grader grades one working copy; *grading.Grader is one.
type Grader interface {
	Grade(ctx context.Context, req grading.Request) (*report.Document, error)
}

// Options say what to grade and where to write.
type Options struct {
	// Dir holds one folder per student.
	Dir string
	// Out is the output folder; it is created if needed.
	Out string
	// Jobs bounds the students graded at once (default: the CPU count).
	Jobs int
	// Shard selects one slice of the class (the zero value: all of it).
	Shard Shard
	// Grader grades each student's working copy.
	Grader Grader
	// Catalog lists the exercises, for the document of a submission that
	// could not be graded at all. Nil leaves such a document without
	// results.
	Catalog *catalog.Catalog
	// Version and Go are racekit's and the go command's versions, kept in
	// the index: a student graded by another version is graded again.
	Version, Go string
	// Progress, when set, is called once per student as it finishes, from
	// one goroutine at a time.
	Progress func(Event)
	// Start, when set, is called once with the number of students to
	// grade, before the first.
	Start func(total int)
}

// Event is one student's grading finished.
type Event struct {
	// Done counts the students finished so far, this one included; Total
	// counts those this run grades.
	Done, Total int
	Student     string
	// Score and Max are the student's points.
	Score, Max int
	// Reused is set when the submission had not changed since the last
	// run and its document was kept.
	Reused bool
	// Err is why the submission could not be graded; its document then
	// holds error results.
	Err error
	// Elapsed is how long the student took.
	Elapsed time.Duration
}

// Student is one student's graded submission.
type Student struct {
	// Name is the student's folder name.
	Name string
	// Doc is the student's report document.
	Doc *report.Document
	// Hash is the content hash of the student's code (see Hash).
	Hash string
	// Reused is set when Doc was kept from an earlier run.
	Reused bool
}

// Summary is what a run did.
type Summary struct {
	// Students are this run's students, sorted by name.
	Students []Student
	// Graded and Reused count the students graded now and those kept.
	Graded, Reused int
	// Skipped counts the students in other shards.
	Skipped int
}

// Run grades the students of opts.Dir in opts.Shard and writes every
// output into opts.Out. Its error means nothing could be done (no such
// folder, an output that cannot be written) or the context ended; a
// student's failure is in that student's document. Each finished student
// is written at once, with its index entry, so that a run interrupted by
// the context goes on where it stopped when it is run again.
func Run(ctx context.Context, opts Options) (*Summary, error) {
	if opts.Grader == nil {
		return nil, errors.New("batch: no grader")
	}
	// The grader lays the students' files over its module by absolute
	// path.
	dir, err := filepath.Abs(opts.Dir)
	if err != nil {
		return nil, err
	}
	opts.Dir = dir
	names, err := Students(opts.Dir, opts.Out)
	if err != nil {
		return nil, err
	}
	mine := opts.Shard.Select(names)
	if err := os.MkdirAll(filepath.Join(opts.Out, studentsDir), 0o777); err != nil {
		return nil, err
	}
	idx, err := ReadIndex(opts.Out)
	if err != nil {
		return nil, err
	}
	if idx.Grader != opts.Version || idx.Go != opts.Go {
		// Another grader: nothing it wrote is reused.
		idx = &Index{Students: map[string]Entry{}}
	}
	idx.Grader, idx.Go = opts.Version, opts.Go

	jobs := opts.Jobs
	if jobs <= 0 {
		jobs = runtime.NumCPU()
	}
	sum := &Summary{Students: make([]Student, len(mine)), Skipped: len(names) - len(mine)}
	if opts.Start != nil {
		opts.Start(len(mine))
	}
	var (
		mu       sync.Mutex // guards idx, sum's counts, done and writing the index
		done     int
		firstErr error
		wg       sync.WaitGroup
		sem      = make(chan struct{}, jobs)
	)
	// The first student is graded alone: it compiles what every later
	// student shares (the kit's packages, the exercises left as shipped),
	// so sharing the CPUs with a second student would only slow both, and
	// its result comes as fast as grade's alone would.
	firstDone := make(chan struct{})
	for i, name := range mine {
		if i == 1 {
			<-firstDone
		}
		sem <- struct{}{}
		if ctx.Err() != nil {
			// Interrupted while waiting for a slot: start no one else.
			<-sem
			break
		}
		wg.Add(1)
		go func() {
			defer func() {
				<-sem
				if i == 0 {
					close(firstDone)
				}
				wg.Done()
			}()
			start := time.Now()
			mu.Lock()
			prev, known := idx.Students[name]
			mu.Unlock()
			st, gradeErr := gradeStudent(ctx, opts, name, prev, known)
			if ctx.Err() != nil {
				return
			}
			writeErr := writeStudent(opts.Out, st)
			mu.Lock()
			defer mu.Unlock()
			sum.Students[i] = st
			if st.Reused {
				sum.Reused++
			} else {
				sum.Graded++
			}
			if writeErr == nil {
				if gradeErr == nil {
					idx.Students[name] = Entry{Hash: st.Hash, File: studentsDir + "/" + name + ".json"}
				} else {
					// Not graded: the next run tries again.
					delete(idx.Students, name)
				}
				writeErr = idx.Write(opts.Out)
			}
			if writeErr != nil && firstErr == nil {
				firstErr = writeErr
			}
			done++
			if opts.Progress != nil {
				opts.Progress(Event{Done: done, Total: len(mine), Student: name, Score: st.Doc.Score, Max: st.Doc.MaxScore,
					Reused: st.Reused, Err: gradeErr, Elapsed: time.Since(start)})
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if firstErr != nil {
		return nil, firstErr
	}
	if err := prune(opts.Out, idx, mine); err != nil {
		return nil, err
	}
	if err := WriteOutputs(opts.Out, sum.Students); err != nil {
		return nil, err
	}
	return sum, nil
}

// prune leaves in the output folder only the students of this run: the
// index's entries and the documents of every other student (one whose
// folder is gone, or one of another shard) are removed, so that the folder
// holds one class, as grade merge reads it.
func prune(out string, idx *Index, students []string) error {
	keep := map[string]bool{}
	for _, name := range students {
		keep[name] = true
	}
	for name := range idx.Students {
		if !keep[name] {
			delete(idx.Students, name)
		}
	}
	files, err := filepath.Glob(filepath.Join(out, studentsDir, "*.json"))
	if err != nil {
		return err
	}
	for _, f := range files {
		if !keep[strings.TrimSuffix(filepath.Base(f), ".json")] {
			if err := os.Remove(f); err != nil {
				return err
			}
		}
	}
	return idx.Write(out)
}

// gradeStudent grades one student, or reuses the last run's document when
// the code has not changed. The error says why the submission could not be
// graded; the student's document then holds error results.
func gradeStudent(ctx context.Context, opts Options, name string, prev Entry, known bool) (st Student, err error) {
	root := filepath.Join(opts.Dir, name)
	st = Student{Name: name}
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("the grader failed: %v", p)
		}
		if err != nil {
			st.Doc = ErrorDocument(opts.Catalog, opts.Version, opts.Go, err.Error())
		}
	}()
	st.Hash, err = Hash(root)
	if err != nil {
		return st, fmt.Errorf("cannot read the submission: %v", err)
	}
	if known && prev.Hash == st.Hash {
		if doc, err := ReadDocument(filepath.Join(opts.Out, filepath.FromSlash(prev.File))); err == nil {
			st.Doc, st.Reused = doc, true
			return st, nil
		}
	}
	doc, err := opts.Grader.Grade(ctx, grading.Request{Command: "batch", Root: root})
	if err != nil {
		return st, err
	}
	if doc == nil {
		return st, errors.New("the grader returned no document")
	}
	st.Doc = doc
	return st, nil
}

// ErrorDocument is the document of a submission that could not be graded:
// one error result per exercise of cat, each with why.
func ErrorDocument(cat *catalog.Catalog, version, goVersion, why string) *report.Document {
	doc := &report.Document{Command: "batch", Grader: version, Go: goVersion}
	if cat != nil {
		for _, ex := range cat.Exercises {
			r := report.Failed(ex.Name, ex.Dir(), why)
			r.Title, r.Points = ex.Title, ex.Worth()
			doc.Results = append(doc.Results, r)
		}
	}
	doc.Tally()
	return doc
}

// Students lists the student folders of dir, sorted: every folder but
// those whose name starts with a dot, and but out when it lies in dir.
func Students(dir, out string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	skip := ""
	if out != "" {
		if abs, err := filepath.Abs(out); err == nil {
			skip = abs
		}
	}
	var names []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			continue
		}
		p := filepath.Join(dir, e.Name())
		st, err := os.Stat(p) // follows links to folders
		if err != nil || !st.IsDir() {
			continue
		}
		if abs, err := filepath.Abs(p); err == nil && abs == skip {
			continue
		}
		names = append(names, e.Name())
	}
	sort.Strings(names)
	return names, nil
}
