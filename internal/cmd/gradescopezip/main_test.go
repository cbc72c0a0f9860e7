package main

import (
	"archive/zip"
	"bytes"
	"io"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/racekit/racekit/templates"
)

// TestZip checks the zip Gradescope reads: setup.sh, run_autograder and
// grade at its root, executable, with the templates' text.
func TestZip(t *testing.T) {
	files, err := autograderFiles(templates.Files, []byte("\x7fELF grade"))
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, writeZip(&buf, files))
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	require.NoError(t, err)
	want := map[string]string{
		"setup.sh":       "#!/usr/bin/env bash",
		"run_autograder": "--report gradescope=",
		"grade":          "\x7fELF grade",
	}
	require.Len(t, zr.File, len(want))
	for _, f := range zr.File {
		t.Run(f.Name, func(t *testing.T) {
			sub, ok := want[f.Name]
			require.True(t, ok, "unexpected file %s", f.Name)
			assert.Equal(t, "-rwxr-xr-x", f.Mode().String())
			r, err := f.Open()
			require.NoError(t, err)
			data, err := io.ReadAll(r)
			require.NoError(t, err)
			assert.Contains(t, string(data), sub)
		})
	}
}
