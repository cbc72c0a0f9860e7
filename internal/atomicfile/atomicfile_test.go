package atomicfile

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestWrite(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "state")
	for _, data := range []string{"first\n", "second, longer\n", ""} {
		require.NoError(t, Write(name, []byte(data), 0o600))
		got, err := os.ReadFile(name)
		require.NoError(t, err)
		assert.Equal(t, data, string(got))
	}
	st, err := os.Stat(name)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), st.Mode().Perm())
	entries, _ := os.ReadDir(dir)
	assert.Len(t, entries, 1, "no temporary file is left behind")
	assert.Error(t, Write(filepath.Join(dir, "no-such-folder", "x"), nil, 0o644))
}
