package checker

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/racekit/racekit/internal/atomicfile"
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
//
// A test binary runs as the grader's user and could rewrite a cached
// binary that keeps its build ID, which the go command would then take as
// up to date: every later check of that code would run the rewritten one.
// So each binary is kept with the SHA-256 of its content (KEY.sum), and
// the process also remembers the hash of every binary it stored or
// checked; a binary whose content does not match (the process's own
// record first, else the file's) is removed, never used, and the package
// is linked again. Within one grader process (a batch over a class) that
// holds even against code that rewrites a binary and its .sum together;
// across processes the .sum file is what is left, and only a sandbox that
// keeps the code from writing the cache stops that (see the README).
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
	if !hashOverlay(h, "overlay", overlay) {
		return "" // a file that cannot be read: nothing to key it by
	}
	return hex.EncodeToString(h.Sum(nil))[:24]
}

// path returns the cached binary's path for a key.
func (c binaryCache) path(key string) string {
	return filepath.Join(c.dir, key+".test")
}

// sumPath returns the path of the hash kept with a cached binary.
func (c binaryCache) sumPath(key string) string {
	return filepath.Join(c.dir, key+".sum")
}

// knownSums holds the SHA-256, in hex, of every cached binary this process
// stored or found intact, by path.
var knownSums sync.Map

// seed copies the cached binary for key to binary, if there is one whose
// content has the hash it was stored with; a cached binary that does not
// is removed.
func (c binaryCache) seed(key, binary string) {
	if c.dir == "" || key == "" {
		return
	}
	path := c.path(key)
	want, known := knownSums.Load(path)
	if !known {
		data, err := os.ReadFile(c.sumPath(key))
		if err != nil {
			if _, err := os.Stat(path); err == nil {
				c.remove(key) // no hash to check it by
			}
			return
		}
		want = strings.TrimSpace(string(data))
	}
	got, err := copyFile(path, binary, 0o755)
	if err != nil {
		os.Remove(binary)
		return
	}
	if got != want {
		os.Remove(binary) // never run, never taken as up to date
		c.remove(key)
		return
	}
	knownSums.Store(path, got)
	now := time.Now()
	_ = os.Chtimes(path, now, now) // used last: kept longest
}

// remove drops the cached binary for key and its hash.
func (c binaryCache) remove(key string) {
	knownSums.Delete(c.path(key))
	os.Remove(c.path(key))
	os.Remove(c.sumPath(key))
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
	defer os.Remove(tmp.Name()) // fails harmlessly once renamed
	sum, err := copyFile(binary, tmp.Name(), 0o755)
	if err != nil {
		return
	}
	// The hash goes first: a check that reads the new hash with the old
	// binary, or the other way round, only misses the cache.
	if atomicfile.Write(c.sumPath(key), []byte(sum+"\n"), 0o644) != nil {
		return
	}
	if os.Rename(tmp.Name(), c.path(key)) != nil {
		return
	}
	knownSums.Store(c.path(key), sum)
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
		c.remove(strings.TrimSuffix(e.name, ".test"))
	}
}

// copyFile copies src to dst with the given mode, and returns the SHA-256
// of what it copied, in hex.
func copyFile(src, dst string, mode os.FileMode) (string, error) {
	in, err := os.Open(src)
	if err != nil {
		return "", err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, mode)
	if err != nil {
		return "", err
	}
	h := sha256.New()
	if _, err := io.Copy(io.MultiWriter(out, h), in); err != nil {
		out.Close()
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), out.Close()
}
