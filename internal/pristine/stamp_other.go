//go:build !linux

package pristine

import "io/fs"

// stampOf is a file's stamp: its size and modification time only, which a
// program can set back; Repair then compares a file's content only when
// one of them changed.
func stampOf(fi fs.FileInfo) stamp {
	return stamp{size: fi.Size(), mtime: fi.ModTime().UnixNano()}
}
