// Package atomicfile writes a file whole or not at all: the data goes to a
// temporary file in the same folder, which is synced and then renamed over
// the file. A reader, or a grader running at the same time, never sees half
// a file, and a crash mid-write leaves the old file as it was.
package atomicfile

import (
	"os"
	"path/filepath"
)

// Write replaces the file at name with data, with the given permissions.
// The temporary file's name starts with a dot, so that the go command never
// reads it as part of a package.
func Write(name string, data []byte, perm os.FileMode) error {
	tmp, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // fails harmlessly once renamed
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), perm); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), name)
}
