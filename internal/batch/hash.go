package batch

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Hash is the content hash of a submission: sha256 over the kit-relative
// path and the bytes of every .go file directly in a folder of
// exercises/ (the student's code and the exercises' tests), in path
// order, written "sha256:HEX". A deleted, added or renamed file, or one
// byte changed, changes it; other files (racetest, go.mod) do not, as the
// grader builds with its own copy of them. A submission without an
// exercises folder hashes as empty.
func Hash(root string) (string, error) {
	files, err := filepath.Glob(filepath.Join(root, "exercises", "*", "*.go"))
	if err != nil {
		return "", err
	}
	rel := make([]string, 0, len(files))
	for _, f := range files {
		r, err := filepath.Rel(root, f)
		if err != nil {
			return "", err
		}
		rel = append(rel, filepath.ToSlash(r))
	}
	sort.Strings(rel)
	h := sha256.New()
	for _, r := range rel {
		f, err := os.Open(filepath.Join(root, filepath.FromSlash(r)))
		if err != nil {
			return "", err
		}
		st, err := f.Stat()
		if err != nil {
			f.Close()
			return "", err
		}
		if st.IsDir() {
			f.Close()
			continue
		}
		// The path, then the length, then the bytes: no two trees
		// write the same stream.
		fmt.Fprintf(h, "%s\x00%d\x00", r, st.Size())
		n, err := io.Copy(h, f)
		f.Close()
		if err != nil {
			return "", err
		}
		if n != st.Size() {
			return "", fmt.Errorf("%s changed while it was read", r)
		}
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil)), nil
}

// isHash reports whether s looks like what Hash returns.
func isHash(s string) bool {
	hexPart, ok := strings.CutPrefix(s, "sha256:")
	_, err := hex.DecodeString(hexPart)
	return ok && err == nil && len(hexPart) == 64
}
