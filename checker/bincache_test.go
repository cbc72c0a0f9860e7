package checker

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestBinaryCacheRefusesTampered rewrites a cached binary as a test binary
// running as the grader's user could: the cache never hands it out again,
// whether the hash beside it was left alone or rewritten to match, and
// whether this process or another one stored it.
func TestBinaryCacheRefusesTampered(t *testing.T) {
	for _, tt := range []struct {
		name string
		// sumToo rewrites the .sum file to match the new content.
		sumToo bool
		// forget drops what this process remembers, as another grader
		// process would start.
		forget bool
		// refused: the tampered binary is not handed out.
		refused bool
	}{
		{name: "binary rewritten", refused: true},
		{name: "binary rewritten, another process", forget: true, refused: true},
		{name: "binary and hash rewritten", sumToo: true, refused: true},
		// Across processes, a hash rewritten with its binary is out of
		// the cache's reach: the README leaves that to the sandbox.
		{name: "binary and hash rewritten, another process", sumToo: true, forget: true, refused: false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			c := binaryCache{dir: filepath.Join(dir, "cache")}
			built := filepath.Join(dir, "built.test")
			require.NoError(t, os.WriteFile(built, []byte("binary"), 0o755))
			key := "k" + filepath.Base(dir)
			c.store(key, built)

			require.NoError(t, os.WriteFile(c.path(key), []byte("always passes"), 0o755))
			if tt.sumToo {
				evil := filepath.Join(dir, "evil.test")
				require.NoError(t, os.WriteFile(evil, []byte("always passes"), 0o755))
				sum, err := copyFile(evil, filepath.Join(dir, "copy.test"), 0o755)
				require.NoError(t, err)
				require.NoError(t, os.WriteFile(c.sumPath(key), []byte(sum+"\n"), 0o644))
			}
			if tt.forget {
				knownSums.Delete(c.path(key))
			}
			seeded := filepath.Join(dir, "seeded.test")
			c.seed(key, seeded)
			if !tt.refused {
				assert.FileExists(t, seeded)
				return
			}
			assert.NoFileExists(t, seeded, "the tampered binary is not handed to the build")
			assert.NoFileExists(t, c.path(key), "the tampered binary is removed from the cache")
			assert.NoFileExists(t, c.sumPath(key))
		})
	}
}

// TestBinaryCacheNeedsAHash: a cached binary without its hash (written by
// an older grader, or by something else) is not used.
func TestBinaryCacheNeedsAHash(t *testing.T) {
	c := binaryCache{dir: t.TempDir()}
	require.NoError(t, os.WriteFile(c.path("k"), []byte("binary"), 0o755))
	seeded := filepath.Join(t.TempDir(), "seeded.test")
	c.seed("k", seeded)
	assert.NoFileExists(t, seeded)
	assert.NoFileExists(t, c.path("k"))
}
