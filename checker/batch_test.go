package checker

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCheckAllMatchesCheck grades fixtures in one batch, one of which does
// not compile, and expects what Check gives each on its own.
func TestCheckAllMatchesCheck(t *testing.T) {
	c := live(t)
	ctx := context.Background()
	// No race fixture: which access a race report names first depends on
	// the interleaving, so two runs of it may word their message apart.
	dirs := []string{"pass", "build", "vet", "fail", "leak"}
	var opts []Options
	for _, d := range dirs {
		opts = append(opts, Options{Dir: filepath.Join("testdata/fixtures", d), BinaryCache: t.TempDir()})
	}
	all := c.CheckAll(ctx, opts)
	require.Len(t, all, len(dirs))
	for i, o := range opts {
		require.NoError(t, all[i].Err, dirs[i])
		one, err := c.Check(ctx, o)
		require.NoError(t, err)
		assert.Equal(t, one.Verdict, all[i].Verdict, dirs[i])
		assert.Equal(t, one.Message, all[i].Message, dirs[i])
		assert.Equal(t, one.Vet, all[i].Vet, dirs[i])
		assert.Equal(t, one.Build, all[i].Build, dirs[i])
	}
}

// TestCheckAllKeepsEveryResult checks packages one of which cannot be
// checked at all: that one gets its reason, the others their verdicts.
func TestCheckAllKeepsEveryResult(t *testing.T) {
	c := live(t)
	opts := []Options{
		{Dir: "testdata/fixtures/pass"},
		{Dir: "testdata/fixtures/no-such-package"},
		{Dir: "testdata/fixtures/fail"},
	}
	all := c.CheckAll(context.Background(), opts)
	require.Len(t, all, 3)
	assert.NoError(t, all[0].Err)
	assert.Equal(t, Pass, all[0].Verdict)
	assert.ErrorContains(t, all[1].Err, "is not a directory")
	assert.Equal(t, "testdata/fixtures/no-such-package", all[1].Dir)
	assert.NoError(t, all[2].Err)
	assert.Equal(t, Fail, all[2].Verdict)
}

func TestBatches(t *testing.T) {
	opts := []Options{
		{Dir: "testdata/fixtures/pass"},
		{Dir: "testdata/fixtures/race"},
		{Dir: "testdata/fixtures/pass"}, // the same directory, another overlay
		{Dir: "testdata/fixtures/othermod/racy"},
		{Dir: "testdata/fixtures/fail"},
	}
	bs := batches(opts, func(int) bool { return false })
	// The second check of pass and the package of another module would
	// each be a batch of one, which Check builds on its own.
	require.Len(t, bs, 1)
	assert.Equal(t, []int{0, 1, 4}, bs[0].members)
}

func TestBinaryCache(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a_test.go"), filepath.Join(dir, "b_test.go")
	require.NoError(t, os.WriteFile(a, []byte("package p"), 0o644))
	require.NoError(t, os.WriteFile(b, []byte("package p"), 0o644))
	c := binaryCache{dir: filepath.Join(dir, "cache")}
	pkg := "/src/p"
	key := c.key(pkg, map[string]string{"/src/p/x_test.go": a})
	assert.Equal(t, key, c.key(pkg, map[string]string{"/src/p/x_test.go": b}), "the same code at another temporary path")
	require.NoError(t, os.WriteFile(b, []byte("package q"), 0o644))
	assert.NotEqual(t, key, c.key(pkg, map[string]string{"/src/p/x_test.go": b}), "other code")
	assert.NotEqual(t, key, c.key("/src/other", map[string]string{"/src/p/x_test.go": a}), "another package")
	assert.Empty(t, binaryCache{}.key(pkg, nil), "no cache, no key")

	built := filepath.Join(dir, "built.test")
	require.NoError(t, os.WriteFile(built, []byte("binary"), 0o755))
	c.store(key, built)
	seeded := filepath.Join(dir, "seeded.test")
	c.seed(key, seeded)
	data, err := os.ReadFile(seeded)
	require.NoError(t, err)
	assert.Equal(t, "binary", string(data))
	entries, err := os.ReadDir(c.dir)
	require.NoError(t, err)
	assert.Len(t, entries, 2, "the binary and its hash, no temporary file left behind")

	c.seed("missing", filepath.Join(dir, "none.test"))
	assert.NoFileExists(t, filepath.Join(dir, "none.test"))
}

func TestBinaryCacheKeepsTheLastUsed(t *testing.T) {
	c := binaryCache{dir: t.TempDir()}
	old := time.Now().Add(-time.Hour)
	built := filepath.Join(t.TempDir(), "built.test")
	for i, name := range []string{"a", "b", "c"} {
		path := c.path(name)
		require.NoError(t, os.WriteFile(built, []byte(name), 0o755))
		c.store(name, built)
		used := old.Add(time.Duration(i) * time.Minute)
		require.NoError(t, os.Chtimes(path, used, used))
	}
	c.seed("a", filepath.Join(t.TempDir(), "a.test")) // a is used again
	c.trim(2)
	assert.FileExists(t, c.path("a"))
	assert.NoFileExists(t, c.path("b"), "used longest ago")
	assert.FileExists(t, c.path("c"))
}

func TestBinaryCacheSize(t *testing.T) {
	built := filepath.Join(t.TempDir(), "built.test")
	require.NoError(t, os.WriteFile(built, []byte("binary"), 0o755))
	count := func(c binaryCache) int {
		binaries, err := filepath.Glob(filepath.Join(c.dir, "*.test"))
		require.NoError(t, err)
		sums, err := filepath.Glob(filepath.Join(c.dir, "*.sum"))
		require.NoError(t, err)
		assert.Equal(t, len(binaries), len(sums), "a hash for each binary")
		return len(binaries)
	}
	small := binaryCache{dir: t.TempDir(), size: 2}
	big := binaryCache{dir: t.TempDir(), size: DefaultBinaryCacheSize + 10}
	def := binaryCache{dir: t.TempDir()}
	for i := range DefaultBinaryCacheSize + 10 {
		for _, c := range []binaryCache{small, big, def} {
			c.store(fmt.Sprint("k", i), built)
		}
	}
	assert.Equal(t, 2, count(small))
	assert.Equal(t, DefaultBinaryCacheSize+10, count(big), "a class's cache keeps more than one kit's")
	assert.Equal(t, DefaultBinaryCacheSize, count(def))
}

func TestParseVetByPackage(t *testing.T) {
	out := "# example.com/m/a\n{\n\t\"example.com/m/a\": {\n\t\t\"copylocks\": [{\"posn\": \"/src/m/a/a.go:3:4\", \"message\": \"copies\"}]\n\t}\n}\n" +
		"# example.com/m/b\n# [example.com/m/b]\nvet: /src/m/b/b.go:2:28: undefined: x\n" +
		"{}\n"
	got, ok := parseVetByPackage(out)
	require.True(t, ok)
	assert.Equal(t, map[string][]Finding{"example.com/m/a": {{Source: "vet:copylocks", File: "/src/m/a/a.go", Line: 3, Column: 4, Message: "copies"}}}, got)
	_, ok = parseVetByPackage("{\n\t\"example.com/m/a\": {\n")
	assert.False(t, ok, "an object cut off")
}

// TestPrebuild checks that a batch builds and vets the packages that
// compile and leaves the one that does not to be built on its own.
func TestPrebuild(t *testing.T) {
	c := live(t)
	opts := []Options{{Dir: "testdata/fixtures/vet"}, {Dir: "testdata/fixtures/build"}, {Dir: "testdata/fixtures/pass"}}
	bs := batches(opts, func(int) bool { return false })
	require.Len(t, bs, 1)
	pre := make([]prebuilt, len(opts))
	c.prebuild(context.Background(), t.TempDir(), bs[0], opts, pre)
	assert.FileExists(t, pre[0].binary)
	assert.FileExists(t, pre[2].binary)
	assert.Empty(t, pre[1].binary, "the package that does not compile")
	assert.True(t, pre[0].vetted)
	assert.True(t, pre[2].vetted)
	assert.False(t, pre[1].vetted)
	require.Len(t, pre[0].vet, 1)
	assert.Equal(t, "vet:copylocks", pre[0].vet[0].Source)
	assert.Empty(t, pre[2].vet)
}
