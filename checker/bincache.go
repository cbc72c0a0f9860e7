package checker

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// binaryCache keeps the test binaries of checked packages between checks.
// Before a build the cached binary is copied to where the build writes, and
// the go command, finding it up to date (its build ID matches the code),
// skips the link, the slowest step of re-grading unchanged code. A stale
// binary is simply relinked, so the cache can never make a check run old
// code. Entries are written whole and renamed into place, so checks that
// run at once never see half a file. Every error is ignored: the cache only
// saves time. The cache keeps the size binaries used last
// (DefaultBinaryCacheSize when size is 0).
type binaryCache struct {
	// dir is the cache directory; "" disables the cache.
	dir string
	// size bounds the binaries kept; 0 means DefaultBinaryCacheSize.
	size int
}

// DefaultBinaryCacheSize bounds the binaries a cache keeps unless
// Options.BinaryCacheSize says otherwise: a kit's exercises fit, at about
// 4 MB each (a race-enabled test binary), so about 256 MB of disk.
const DefaultBinaryCacheSize = 64

// limit is the number of binaries the cache keeps.
func (c binaryCache) limit() int {
	if c.size > 0 {
		return c.size
	}
	return DefaultBinaryCacheSize
}

// key names the binary of a package directory built with an overlay: the
// same code gets the same key, whatever temporary paths the overlay uses.
func (c binaryCache) key(dir string, overlay map[string]string) string {
	if c.dir == "" {
		return ""
	}
	h := sha256.New()
	io.WriteString(h, "race -s -w\x00"+dir+"\x00")
	var paths []string
	for p := range overlay {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	for _, p := range paths {
		io.WriteString(h, p+"\x00")
		if r := overlay[p]; r != "" {
			if data, err := os.ReadFile(r); err == nil {
				h.Write(data)
			}
		}
		io.WriteString(h, "\x00")
	}
	return hex.EncodeToString(h.Sum(nil))[:24]
}

// path returns the cached binary's path for a key.
func (c binaryCache) path(key string) string {
	return filepath.Join(c.dir, key+".test")
}

// seed copies the cached binary for key to binary, if there is one.
func (c binaryCache) seed(key, binary string) {
	if c.dir == "" || key == "" {
		return
	}
	if copyFile(c.path(key), binary, 0o755) == nil {
		now := time.Now()
		_ = os.Chtimes(c.path(key), now, now) // used last: kept longest
	}
}

// store keeps binary as the cached binary for key.
func (c binaryCache) store(key, binary string) {
	if c.dir == "" || key == "" || os.MkdirAll(c.dir, 0o755) != nil {
		return
	}
	tmp, err := os.CreateTemp(c.dir, key+".tmp-*")
	if err != nil {
		return
	}
	tmp.Close()
	if copyFile(binary, tmp.Name(), 0o755) != nil || os.Rename(tmp.Name(), c.path(key)) != nil {
		os.Remove(tmp.Name())
	}
	c.trim(c.limit())
}

// trim removes the binaries used longest ago until at most n are left.
func (c binaryCache) trim(n int) {
	entries, err := os.ReadDir(c.dir)
	if err != nil || len(entries) <= n {
		return
	}
	type entry struct {
		name string
		used time.Time
	}
	var kept []entry
	for _, e := range entries {
		if info, err := e.Info(); err == nil && strings.HasSuffix(e.Name(), ".test") {
			kept = append(kept, entry{e.Name(), info.ModTime()})
		}
	}
	slices.SortFunc(kept, func(a, b entry) int { return b.used.Compare(a.used) })
	for _, e := range kept[min(n, len(kept)):] {
		os.Remove(filepath.Join(c.dir, e.name))
	}
}

// copyFile copies src to dst with the given mode.
func copyFile(src, dst string, mode os.FileMode) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, mode)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
