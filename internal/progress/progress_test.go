package progress

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSaveLoad(t *testing.T) {
	root := t.TempDir()
	s, err := Load(root)
	require.NoError(t, err, "a missing file is an empty state")
	s.SetDone("02_counter", true)
	s.SetDone("01_wait_for_workers", true)
	assert.Equal(t, 1, s.NextHint("03_map_writes", 3))
	assert.Equal(t, 2, s.NextHint("03_map_writes", 3))
	require.NoError(t, s.Save(root))

	data, err := os.ReadFile(Path(root))
	require.NoError(t, err)
	assert.Equal(t, header+"done 01_wait_for_workers\ndone 02_counter\nhint 03_map_writes 2\n", string(data))
	entries, _ := os.ReadDir(root)
	assert.Len(t, entries, 1, "no temporary file left behind")

	s, err = Load(root)
	require.NoError(t, err)
	assert.True(t, s.Done("01_wait_for_workers"))
	assert.Equal(t, 3, s.NextHint("03_map_writes", 3))
	assert.Equal(t, 3, s.NextHint("03_map_writes", 3), "the last tier again once every one was shown")
	names := []string{"01_wait_for_workers", "02_counter", "03_map_writes"}
	assert.Equal(t, 2, s.FirstPending(names))
	assert.Equal(t, 2, s.Count(names))
	s.Reset("02_counter")
	assert.Equal(t, 1, s.FirstPending(names))
}

func TestCorrupt(t *testing.T) {
	root := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(root, File), []byte("done 01\n\x00garbage{{\n"), 0o644))
	s, err := Load(root)
	assert.True(t, errors.Is(err, ErrCorrupt), "%v", err)
	assert.NotNil(t, s)
	assert.False(t, s.Done("01"))
	// A half-written temporary file from a crash is not the state.
	require.NoError(t, os.WriteFile(filepath.Join(root, File+".tmp-123"), []byte("do"), 0o644))
	require.NoError(t, New().Save(root))
	_, err = Load(root)
	assert.NoError(t, err)
}

func TestBar(t *testing.T) {
	assert.Equal(t, "12/35 ██████░░░░░░░░░░░░░░", Bar(12, 35, 20))
	assert.Equal(t, "0/0 ░░░░", Bar(0, 0, 4))
	assert.Equal(t, "3/3 ████", Bar(3, 3, 4))
}
