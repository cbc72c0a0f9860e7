package batch

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/racekit/racekit"
	"github.com/racekit/racekit/internal/classgen"
	"github.com/racekit/racekit/internal/grading"
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

// classSize is the size of the generated class the equality check grades.
const classSize = 20

// TestBatchGradesLikeGradeAlone checks, with the real grader, that a batch
// over a generated class of 20 (copies of the kit as shipped, each solving
// a random half of the exercises with the kit's solutions, variants and
// wrong fixes; the last one hostile) gives each student exactly the
// verdicts and scores that grading the folder alone gives, with a grader
// and binary cache of its own. It builds and runs every exercise many
// times: set RACEKIT_HEAVY=1 to run it (make batch-check does).
func TestBatchGradesLikeGradeAlone(t *testing.T) {
	if os.Getenv("RACEKIT_HEAVY") == "" {
		t.Skip("builds and runs every exercise of 20 submissions twice; set RACEKIT_HEAVY=1 to run it")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Minute)
	defer cancel()
	class := t.TempDir()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	require.NoError(t, err)
	_, err = classgen.Write(root, class, classgen.Options{Students: classSize, Seed: 7, Wrong: true})
	require.NoError(t, err)
	exercises, err := os.ReadDir(filepath.Join(root, "solutions"))
	require.NoError(t, err)

	g, err := grading.New(ctx, grading.Config{Shipped: racekit.Shipped, CacheDir: t.TempDir(), Version: "test",
		BinaryCacheSize: grading.BinaryCacheSizeFor(len(exercises), classSize)})
	require.NoError(t, err)
	defer g.Close()
	sum, err := Run(ctx, Options{Dir: class, Out: t.TempDir(), Jobs: 2, Grader: g, Catalog: g.Catalog(), Version: "test", Go: "go"})
	require.NoError(t, err)
	require.Len(t, sum.Students, classSize)

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
