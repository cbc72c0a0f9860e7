package batch

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/racekit/racekit"
	"github.com/racekit/racekit/checker"
	"github.com/racekit/racekit/internal/catalog"
	"github.com/racekit/racekit/internal/grading"
	"github.com/racekit/racekit/internal/report"
	"github.com/racekit/racekit/internal/reportschema"
)

// fakeGrader grades without a toolchain: an exercise passes when its
// main.go holds "// solved", and a student whose folder is named
// "broken" makes it fail, "panicky" makes it panic.
type fakeGrader struct {
	cat   *catalog.Catalog
	calls atomic.Int32
	mu    sync.Mutex
	roots []string
}

func (g *fakeGrader) Grade(ctx context.Context, req grading.Request) (*report.Document, error) {
	g.calls.Add(1)
	g.mu.Lock()
	g.roots = append(g.roots, filepath.Base(req.Root))
	g.mu.Unlock()
	switch filepath.Base(req.Root) {
	case "broken":
		return nil, errors.New("the disk is on fire")
	case "panicky":
		panic("a bug in the grader")
	}
	doc := &report.Document{Command: req.Command, Grader: "test", Go: "go1.26"}
	for _, ex := range g.cat.Exercises {
		code, err := os.ReadFile(filepath.Join(req.Root, "exercises", ex.Name, "main.go"))
		var r report.Result
		switch {
		case err != nil:
			r = report.Failed(ex.Name, ex.Dir(), ex.Dir()+" is missing")
		case bytes.Contains(code, []byte("// solved")):
			r = report.Result{Name: ex.Name, Path: ex.Dir(), Verdict: checker.Pass, Passed: true, Message: "all tests pass"}
		default:
			r = report.Result{Name: ex.Name, Path: ex.Dir(), Verdict: checker.Race, Message: "a data race </script><b>x</b>",
				Tests: []report.Test{{Name: "TestX", Verdict: checker.Race, Message: "race on n",
					Diagnosis: &checker.Diagnosis{Kind: "increment", Cause: "two goroutines write n", Fix: "use a mutex"},
					Locations: []checker.Location{{Role: "write", Goroutine: 7, File: ex.Dir() + "/main.go", Line: 12, Func: "main.run", Code: "\tn++"}}}}}
		}
		r.Title, r.Points = ex.Title, ex.Worth()
		doc.Results = append(doc.Results, r)
	}
	doc.Tally()
	return doc, nil
}

// testCatalog is the kit's catalog, cut to its first three exercises.
func testCatalog(t *testing.T) *catalog.Catalog {
	t.Helper()
	cat, err := catalog.Load(racekit.Shipped)
	require.NoError(t, err)
	return &catalog.Catalog{Exercises: cat.Exercises[:3]}
}

// writeStudentTree writes a submission: each exercise of cat with a
// main.go, solved for the names in solved.
func writeStudentTree(t *testing.T, dir string, cat *catalog.Catalog, solved ...string) {
	t.Helper()
	for _, ex := range cat.Exercises {
		code := "package main\n"
		for _, s := range solved {
			if s == ex.Name {
				code += "// solved\n"
			}
		}
		writeFileT(t, filepath.Join(dir, "exercises", ex.Name, "main.go"), code)
		writeFileT(t, filepath.Join(dir, "exercises", ex.Name, "main_test.go"), "package main\n")
	}
}

func writeFileT(t *testing.T, path, data string) {
	t.Helper()
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o777))
	require.NoError(t, os.WriteFile(path, []byte(data), 0o666))
}

func TestHash(t *testing.T) {
	cat := &catalog.Catalog{Exercises: []catalog.Exercise{{Name: "01_a"}, {Name: "02_b"}}}
	base := t.TempDir()
	writeStudentTree(t, base, cat)
	want, err := Hash(base)
	require.NoError(t, err)
	require.Regexp(t, `^sha256:[0-9a-f]{64}$`, want)
	for _, tt := range []struct {
		name   string
		change func(t *testing.T, dir string)
		same   bool
	}{
		{name: "a copy", change: func(*testing.T, string) {}, same: true},
		{name: "a file outside exercises", change: func(t *testing.T, dir string) {
			writeFileT(t, filepath.Join(dir, "racetest", "x.go"), "package racetest\n")
			writeFileT(t, filepath.Join(dir, "go.mod"), "module x\n")
		}, same: true},
		{name: "a README", change: func(t *testing.T, dir string) {
			writeFileT(t, filepath.Join(dir, "exercises", "01_a", "README.md"), "notes")
		}, same: true},
		{name: "one byte of code", change: func(t *testing.T, dir string) {
			writeFileT(t, filepath.Join(dir, "exercises", "01_a", "main.go"), "package maim\n")
		}},
		{name: "an edited test", change: func(t *testing.T, dir string) {
			writeFileT(t, filepath.Join(dir, "exercises", "02_b", "main_test.go"), "package main // edited\n")
		}},
		{name: "an added file", change: func(t *testing.T, dir string) {
			writeFileT(t, filepath.Join(dir, "exercises", "01_a", "helper.go"), "package main\n")
		}},
		{name: "a renamed file", change: func(t *testing.T, dir string) {
			require.NoError(t, os.Rename(filepath.Join(dir, "exercises", "01_a", "main.go"), filepath.Join(dir, "exercises", "01_a", "main2.go")))
		}},
		{name: "a deleted exercise", change: func(t *testing.T, dir string) {
			require.NoError(t, os.RemoveAll(filepath.Join(dir, "exercises", "02_b")))
		}},
		{name: "code moved between files", change: func(t *testing.T, dir string) {
			writeFileT(t, filepath.Join(dir, "exercises", "01_a", "main.go"), "package main\npackage main\n")
			writeFileT(t, filepath.Join(dir, "exercises", "01_a", "main_test.go"), "")
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			require.NoError(t, os.CopyFS(dir, os.DirFS(base)))
			tt.change(t, dir)
			got, err := Hash(dir)
			require.NoError(t, err)
			if tt.same {
				assert.Equal(t, want, got)
			} else {
				assert.NotEqual(t, want, got)
			}
		})
	}
	empty, err := Hash(t.TempDir())
	require.NoError(t, err, "a folder without exercises hashes as empty")
	assert.NotEqual(t, want, empty)
}

func TestParseShard(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want Shard
		err  string
	}{
		{in: "1/1", want: Shard{1, 1}},
		{in: "2/3", want: Shard{2, 3}},
		{in: "3/3", want: Shard{3, 3}},
		{in: "0/3", err: "K must be between 1 and N"},
		{in: "4/3", err: "K must be between 1 and N"},
		{in: "1/0", err: "K must be between 1 and N"},
		{in: "2", err: "is not K/N"},
		{in: "a/b", err: "is not K/N"},
	} {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseShard(tt.in)
			if tt.err != "" {
				assert.ErrorContains(t, err, tt.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
			assert.Equal(t, tt.in, got.String())
		})
	}
}

func TestShardSelect(t *testing.T) {
	names := []string{"a", "b", "c", "d", "e"}
	for _, tt := range []struct {
		shard Shard
		want  []string
	}{
		{Shard{}, names},
		{Shard{1, 1}, names},
		{Shard{1, 2}, []string{"a", "c", "e"}},
		{Shard{2, 2}, []string{"b", "d"}},
		{Shard{3, 3}, []string{"c"}},
		{Shard{5, 6}, []string{"e"}},
		{Shard{6, 6}, nil},
	} {
		t.Run(tt.shard.String(), func(t *testing.T) {
			assert.Equal(t, tt.want, tt.shard.Select(names))
		})
	}
	// Every student is in exactly one shard.
	for n := 1; n <= 7; n++ {
		var all []string
		for k := 1; k <= n; k++ {
			all = append(all, Shard{k, n}.Select(names)...)
		}
		assert.ElementsMatch(t, names, all, "N=%d", n)
	}
}

func TestStudents(t *testing.T) {
	dir := t.TempDir()
	for _, d := range []string{"zoe", "alice", ".git", "bob", "out"} {
		require.NoError(t, os.MkdirAll(filepath.Join(dir, d), 0o777))
	}
	writeFileT(t, filepath.Join(dir, "notes.txt"), "not a student")
	got, err := Students(dir, filepath.Join(dir, "out"))
	require.NoError(t, err)
	assert.Equal(t, []string{"alice", "bob", "zoe"}, got)
	got, err = Students(dir, "")
	require.NoError(t, err)
	assert.Equal(t, []string{"alice", "bob", "out", "zoe"}, got)
	_, err = Students(filepath.Join(dir, "nope"), "")
	assert.Error(t, err)
}

func TestWriteGradebook(t *testing.T) {
	doc := func(scores ...int) *report.Document {
		d := &report.Document{}
		for i, s := range scores {
			d.Results = append(d.Results, report.Result{Name: []string{"01_a", "02_b"}[i], Points: 2, Passed: s > 0})
		}
		d.Tally()
		return d
	}
	for _, tt := range []struct {
		name     string
		students []Student
		want     string
	}{
		{name: "no students", want: "Student,Total,Max\n"},
		{name: "two", students: []Student{{Name: "alice", Doc: doc(1, 0)}, {Name: "bob", Doc: doc(1, 1)}},
			want: "Student,01_a,02_b,Total,Max\nalice,2,0,2,4\nbob,2,2,4,4\n"},
		{name: "quoted names", students: []Student{{Name: `o'neil, "jo"`, Doc: doc(0, 0)}},
			want: "Student,01_a,02_b,Total,Max\n\"o'neil, \"\"jo\"\"\",0,0,0,4\n"},
		{name: "an exercise a document lacks", students: []Student{{Name: "a", Doc: doc(1, 1)}, {Name: "b", Doc: doc(1)}},
			want: "Student,01_a,02_b,Total,Max\na,2,2,4,4\nb,2,,2,2\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			require.NoError(t, WriteGradebook(&buf, tt.students))
			assert.Equal(t, tt.want, buf.String())
			_, err := csv.NewReader(&buf).ReadAll()
			assert.NoError(t, err)
		})
	}
}

// class writes a class of students under a new folder: alice solved the
// first exercise, bob none, carol all.
func class(t *testing.T, cat *catalog.Catalog, extra ...string) string {
	t.Helper()
	dir := t.TempDir()
	writeStudentTree(t, filepath.Join(dir, "alice"), cat, cat.Exercises[0].Name)
	writeStudentTree(t, filepath.Join(dir, "bob"), cat)
	var all []string
	for _, ex := range cat.Exercises {
		all = append(all, ex.Name)
	}
	writeStudentTree(t, filepath.Join(dir, "carol"), cat, all...)
	for _, name := range extra {
		writeStudentTree(t, filepath.Join(dir, name), cat)
	}
	return dir
}

// run runs a batch and collects its events.
func run(t *testing.T, opts Options) (*Summary, []Event) {
	t.Helper()
	var events []Event
	opts.Progress = func(e Event) { events = append(events, e) }
	sum, err := Run(context.Background(), opts)
	require.NoError(t, err)
	return sum, events
}

func TestRunReusesUnchangedSubmissions(t *testing.T) {
	cat := testCatalog(t)
	dir := class(t, cat)
	out := filepath.Join(t.TempDir(), "out")
	g := &fakeGrader{cat: cat}
	opts := Options{Dir: dir, Out: out, Jobs: 2, Grader: g, Catalog: cat, Version: "v1", Go: "go1.26"}

	sum, events := run(t, opts)
	assert.Equal(t, 3, sum.Graded)
	assert.Equal(t, 0, sum.Reused)
	assert.Len(t, events, 3)
	assert.EqualValues(t, 3, g.calls.Load())
	gradebook := readFile(t, filepath.Join(out, "gradebook.csv"))
	assert.Equal(t, "Student,"+cat.Exercises[0].Name+","+cat.Exercises[1].Name+","+cat.Exercises[2].Name+",Total,Max\n"+
		"alice,1,0,0,1,3\nbob,0,0,0,0,3\ncarol,1,1,1,3,3\n", gradebook)
	for _, name := range []string{"alice", "bob", "carol"} {
		assert.NoError(t, reportschema.Validate([]byte(readFile(t, filepath.Join(out, "students", name+".json")))), name)
	}

	// Nothing changed: nothing is graded again, and the outputs are the same.
	sum, events = run(t, opts)
	assert.Equal(t, 0, sum.Graded)
	assert.Equal(t, 3, sum.Reused)
	assert.EqualValues(t, 3, g.calls.Load())
	for _, e := range events {
		assert.True(t, e.Reused, e.Student)
	}
	assert.Equal(t, gradebook, readFile(t, filepath.Join(out, "gradebook.csv")))

	// bob solves one: only bob is graded again.
	writeFileT(t, filepath.Join(dir, "bob", "exercises", cat.Exercises[2].Name, "main.go"), "package main\n// solved\n")
	sum, _ = run(t, opts)
	assert.Equal(t, 1, sum.Graded)
	assert.Equal(t, 2, sum.Reused)
	assert.EqualValues(t, 4, g.calls.Load())
	assert.Contains(t, readFile(t, filepath.Join(out, "gradebook.csv")), "bob,0,0,1,1,3\n")

	// A student's lost document is graded again.
	require.NoError(t, os.Remove(filepath.Join(out, "students", "carol.json")))
	sum, _ = run(t, opts)
	assert.Equal(t, 1, sum.Graded)
	assert.EqualValues(t, 5, g.calls.Load())

	// Another grader's version grades everyone again.
	opts.Version = "v2"
	sum, _ = run(t, opts)
	assert.Equal(t, 3, sum.Graded)
	assert.EqualValues(t, 8, g.calls.Load())
}

func TestRunKeepsEveryStudentWhenOneFails(t *testing.T) {
	cat := testCatalog(t)
	dir := class(t, cat, "broken", "panicky")
	out := t.TempDir()
	g := &fakeGrader{cat: cat}
	sum, events := run(t, Options{Dir: dir, Out: out, Jobs: 3, Grader: g, Catalog: cat, Version: "v1"})
	require.Len(t, sum.Students, 5)
	assert.Equal(t, []string{"alice", "bob", "broken", "carol", "panicky"}, names(sum.Students))
	failed := map[string]string{}
	for _, e := range events {
		if e.Err != nil {
			failed[e.Student] = e.Err.Error()
		}
	}
	assert.Equal(t, map[string]string{"broken": "the disk is on fire", "panicky": "the grader failed: a bug in the grader"}, failed)
	for _, st := range sum.Students {
		data := readFile(t, filepath.Join(out, "students", st.Name+".json"))
		require.NoError(t, reportschema.Validate([]byte(data)), st.Name)
		require.Len(t, st.Doc.Results, 3, st.Name)
		if _, bad := failed[st.Name]; bad {
			for _, r := range st.Doc.Results {
				assert.Equal(t, report.Error, r.Verdict)
				assert.Equal(t, failed[st.Name], r.Message)
			}
		}
	}
	assert.Equal(t, 3, sum.Students[3].Doc.Score, "carol keeps her points")
	gradebook := readFile(t, filepath.Join(out, "gradebook.csv"))
	assert.Contains(t, gradebook, "broken,0,0,0,0,3\n")
	assert.Contains(t, gradebook, "carol,1,1,1,3,3\n")

	// A submission that could not be graded is tried again; the others
	// are reused.
	g.calls.Store(0)
	sum, _ = run(t, Options{Dir: dir, Out: out, Jobs: 3, Grader: g, Catalog: cat, Version: "v1"})
	assert.Equal(t, 2, sum.Graded)
	assert.Equal(t, 3, sum.Reused)
	assert.EqualValues(t, 2, g.calls.Load())
}

func TestRunShards(t *testing.T) {
	cat := testCatalog(t)
	dir := class(t, cat, "dave")
	base := t.TempDir()
	var outs []string
	for k := 1; k <= 2; k++ {
		out := filepath.Join(base, "shard"+Shard{k, 2}.String()[:1])
		outs = append(outs, out)
		sum, _ := run(t, Options{Dir: dir, Out: out, Grader: &fakeGrader{cat: cat}, Catalog: cat, Shard: Shard{k, 2}})
		assert.Equal(t, 2, sum.Skipped)
	}
	first, err := Load(outs[0])
	require.NoError(t, err)
	assert.Equal(t, []string{"alice", "carol"}, names(first))

	merged := filepath.Join(base, "merged")
	all, err := Merge(merged, outs)
	require.NoError(t, err)
	assert.Equal(t, []string{"alice", "bob", "carol", "dave"}, names(all))
	assert.Equal(t, "Student,"+cat.Exercises[0].Name+","+cat.Exercises[1].Name+","+cat.Exercises[2].Name+",Total,Max\n"+
		"alice,1,0,0,1,3\nbob,0,0,0,0,3\ncarol,1,1,1,3,3\ndave,0,0,0,0,3\n", readFile(t, filepath.Join(merged, "gradebook.csv")))

	// The merged folder's index lets a batch into it reuse every student.
	g := &fakeGrader{cat: cat}
	sum, _ := run(t, Options{Dir: dir, Out: merged, Grader: g, Catalog: cat})
	assert.Equal(t, 4, sum.Reused)
	assert.EqualValues(t, 0, g.calls.Load())

	_, err = Merge(filepath.Join(base, "twice"), []string{outs[0], outs[0]})
	assert.ErrorContains(t, err, "student alice is in both")
	_, err = Merge(filepath.Join(base, "none"), []string{filepath.Join(base, "nope")})
	assert.ErrorContains(t, err, "is not an output folder of grade batch")
}

func TestWriteHTML(t *testing.T) {
	cat := testCatalog(t)
	dir := class(t, cat)
	out := t.TempDir()
	run(t, Options{Dir: dir, Out: out, Grader: &fakeGrader{cat: cat}, Catalog: cat})
	page := readFile(t, filepath.Join(out, "report.html"))
	assert.NotContains(t, page, "<b>x</b>", "a message cannot write markup")
	assert.NotRegexp(t, `(?i)<(link|img|iframe)|src=|https?://`, page, "the page loads nothing")
	m := regexp.MustCompile(`(?s)<script type="application/json" id="class-data">(.*?)</script>`).FindStringSubmatch(page)
	require.NotNil(t, m)
	var data classData
	require.NoError(t, json.Unmarshal([]byte(m[1]), &data))
	assert.Equal(t, []string{cat.Exercises[0].Name, cat.Exercises[1].Name, cat.Exercises[2].Name}, data.Exercises)
	require.Len(t, data.Students, 3)
	bob := data.Students[1]
	assert.Equal(t, "bob", bob.Name)
	assert.Equal(t, "race", bob.Cells[0].Verdict)
	assert.Equal(t, "a data race </script><b>x</b>", bob.Cells[0].Message)
	require.Len(t, bob.Cells[0].Tests, 1)
	assert.Equal(t, "use a mutex", bob.Cells[0].Tests[0].Diagnosis.Fix)
	assert.Equal(t, "\tn++", bob.Cells[0].Tests[0].Locations[0].Code)
	assert.Contains(t, data.Verdicts, "error")
	assert.True(t, strings.HasPrefix(page, "<!DOCTYPE html>"))
}

func names(students []Student) []string {
	var out []string
	for _, st := range students {
		out = append(out, st.Name)
	}
	return out
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	return string(data)
}

func TestRunPrunesStudentsOfOtherRuns(t *testing.T) {
	cat := testCatalog(t)
	dir := class(t, cat)
	out := t.TempDir()
	run(t, Options{Dir: dir, Out: out, Grader: &fakeGrader{cat: cat}, Catalog: cat})
	// A shard run into a copy of the whole class's folder reuses its
	// students and keeps only its own.
	shard := t.TempDir()
	require.NoError(t, os.CopyFS(shard, os.DirFS(out)))
	g := &fakeGrader{cat: cat}
	sum, _ := run(t, Options{Dir: dir, Out: shard, Grader: g, Catalog: cat, Shard: Shard{2, 2}})
	assert.Equal(t, 1, sum.Reused)
	assert.EqualValues(t, 0, g.calls.Load())
	students, err := Load(shard)
	require.NoError(t, err)
	assert.Equal(t, []string{"bob"}, names(students))
	idx, err := ReadIndex(shard)
	require.NoError(t, err)
	assert.Len(t, idx.Students, 1)
}

func TestRunInterruptedGoesOn(t *testing.T) {
	cat := testCatalog(t)
	dir := class(t, cat)
	out := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	g := &fakeGrader{cat: cat}
	_, err := Run(ctx, Options{Dir: dir, Out: out, Jobs: 1, Grader: g, Catalog: cat,
		Progress: func(Event) { cancel() }})
	require.ErrorIs(t, err, context.Canceled)
	assert.EqualValues(t, 1, g.calls.Load(), "no student starts after the interrupt")
	assert.NoFileExists(t, filepath.Join(out, "gradebook.csv"))

	sum, _ := run(t, Options{Dir: dir, Out: out, Jobs: 1, Grader: g, Catalog: cat})
	assert.Equal(t, 1, sum.Reused, "the student finished before the interrupt is kept")
	assert.Equal(t, 2, sum.Graded)
}

// overlapGrader wraps fakeGrader and records which students were being
// graded at the same time. The students after the first wait, inside
// Grade, until all of them are in, so that they overlap on every run.
type overlapGrader struct {
	*fakeGrader
	mu      sync.Mutex
	active  map[string]bool
	overlap map[string]int // the most other students graded at once with each
	rest    chan struct{}  // closed when every later student is in Grade
	waiting int
	later   int
	first   string
}

func (g *overlapGrader) Grade(ctx context.Context, req grading.Request) (*report.Document, error) {
	name := filepath.Base(req.Root)
	g.mu.Lock()
	g.active[name] = true
	for other := range g.active {
		g.overlap[other] = max(g.overlap[other], len(g.active)-1)
	}
	if name != g.first {
		g.waiting++
		if g.waiting == g.later {
			close(g.rest)
		}
	}
	g.mu.Unlock()
	if name != g.first {
		select {
		case <-g.rest:
		case <-ctx.Done():
		}
	}
	defer func() {
		g.mu.Lock()
		delete(g.active, name)
		g.mu.Unlock()
	}()
	return g.fakeGrader.Grade(ctx, req)
}

// TestRunGradesTheFirstStudentAlone checks that the first student is
// graded with no one beside it, so its result comes as fast as grade's
// alone, and that the others then share the jobs.
func TestRunGradesTheFirstStudentAlone(t *testing.T) {
	cat := testCatalog(t)
	dir := class(t, cat, "dave")
	g := &overlapGrader{fakeGrader: &fakeGrader{cat: cat}, active: map[string]bool{}, overlap: map[string]int{},
		rest: make(chan struct{}), later: 3, first: "alice"}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	sum, err := Run(ctx, Options{Dir: dir, Out: t.TempDir(), Jobs: 3, Grader: g, Catalog: cat})
	require.NoError(t, err, "the students after the first did not share the jobs")
	assert.Len(t, sum.Students, 4)
	assert.Equal(t, 0, g.overlap["alice"], "another student was graded beside the first")
	for _, name := range []string{"bob", "carol", "dave"} {
		assert.Equal(t, 2, g.overlap[name], "%s was not graded beside the two others", name)
	}
}
