package batch

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/racekit/racekit"
	"github.com/racekit/racekit/internal/grading"
	"github.com/racekit/racekit/internal/pristine"
)

// verdictRow is what a student gets for one exercise: the verdict and the
// points.
type verdictRow struct {
	Name    string
	Verdict string
	Passed  bool
	Score   int
	Points  int
}

// TestBatchGradesLikeGradeAlone checks, with the real grader, that a batch
// over generated submissions (copies of the kit as shipped, each solving a
// random half of the exercises with the kit's solutions, variants and wrong
// fixes; two of them identical) gives each student exactly the verdicts and
// scores that grading the folder alone gives, with a grader and binary
// cache of its own. It builds and runs every exercise many times: set
// RACEKIT_HEAVY=1 to run it (make batch-check does).
func TestBatchGradesLikeGradeAlone(t *testing.T) {
	if os.Getenv("RACEKIT_HEAVY") == "" {
		t.Skip("builds and runs every exercise of 5 submissions twice; set RACEKIT_HEAVY=1 to run it")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Minute)
	defer cancel()
	class := t.TempDir()
	solutions, err := filepath.Abs(filepath.Join("..", "..", "solutions"))
	require.NoError(t, err)
	exercises, err := os.ReadDir(solutions)
	require.NoError(t, err)
	rng := rand.New(rand.NewPCG(7, 7))
	for i := range 5 {
		dir := filepath.Join(class, fmt.Sprintf("s%d", i+1))
		_, err := pristine.Write(dir, racekit.Shipped)
		require.NoError(t, err)
		if i == 4 {
			// The same code as s4: its binaries are shared.
			dir4 := filepath.Join(class, "s4", "exercises")
			for _, e := range exercises {
				data, err := os.ReadFile(filepath.Join(dir4, e.Name(), "main.go"))
				require.NoError(t, err)
				require.NoError(t, os.WriteFile(filepath.Join(dir, "exercises", e.Name(), "main.go"), data, 0o644))
			}
			continue
		}
		for _, k := range rng.Perm(len(exercises))[:len(exercises)/2] {
			ex := exercises[k].Name()
			fixes, _ := filepath.Glob(filepath.Join(solutions, ex, "main.go"))
			more, _ := filepath.Glob(filepath.Join(solutions, ex, "*", "main.go"))
			wrong, _ := filepath.Glob(filepath.Join(solutions, ex, "wrong", "*", "main.go"))
			fixes = append(append(fixes, more...), wrong...)
			data, err := os.ReadFile(fixes[rng.IntN(len(fixes))])
			require.NoError(t, err)
			require.NoError(t, os.WriteFile(filepath.Join(dir, "exercises", ex, "main.go"), data, 0o644))
		}
	}

	g, err := grading.New(ctx, grading.Config{Shipped: racekit.Shipped, CacheDir: t.TempDir(), Version: "test",
		BinaryCacheSize: grading.BinaryCacheSizeFor(len(exercises), 5)})
	require.NoError(t, err)
	defer g.Close()
	sum, err := Run(ctx, Options{Dir: class, Out: t.TempDir(), Jobs: 2, Grader: g, Catalog: g.Catalog(), Version: "test", Go: "go"})
	require.NoError(t, err)
	require.Len(t, sum.Students, 5)

	alone, err := grading.New(ctx, grading.Config{Shipped: racekit.Shipped, CacheDir: t.TempDir(), Version: "test"})
	require.NoError(t, err)
	defer alone.Close()
	for _, st := range sum.Students {
		doc, err := alone.Grade(ctx, grading.Request{Command: "grade", Root: filepath.Join(class, st.Name)})
		require.NoError(t, err)
		var got, want []verdictRow
		for _, r := range st.Doc.Results {
			got = append(got, verdictRow{r.Name, string(r.Verdict), r.Passed, r.Score, r.Points})
		}
		for _, r := range doc.Results {
			want = append(want, verdictRow{r.Name, string(r.Verdict), r.Passed, r.Score, r.Points})
		}
		require.Equal(t, want, got, "student %s: batch against grade alone", st.Name)
		t.Logf("%s: %d/%d points, the same in batch and alone", st.Name, doc.Score, doc.MaxScore)
	}
}
