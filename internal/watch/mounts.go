package watch

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// unseenFileSystems are the file systems where inotify misses saves: a
// Windows drive under WSL (9p, drvfs) and network mounts, where a change
// made elsewhere raises no event here.
var unseenFileSystems = map[string]bool{
	"9p": true, "drvfs": true, "nfs": true, "nfs4": true, "cifs": true, "smb3": true,
	"fuse.sshfs": true, "virtiofs": true, "vboxsf": true,
}

// Unseen returns an error when saves in dir would likely not be seen by
// file watching although the watcher starts without error: dir lies on a
// Windows drive under WSL or on a network mount. It reads
// /proc/self/mounts; where there is none, it returns nil.
func Unseen(dir string) error {
	mounts, err := os.ReadFile("/proc/self/mounts")
	if err != nil {
		return nil
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil
	}
	if fs := fileSystemOf(string(mounts), abs); unseenFileSystems[fs] {
		return fmt.Errorf("%s is on a %s file system, where saves are not always seen", abs, fs)
	}
	return nil
}

// fileSystemOf returns the type of the file system that holds path,
// given the text of /proc/self/mounts: the mount with the longest mount
// point that is path or above it.
func fileSystemOf(mounts, path string) string {
	best, fsType := "", ""
	for line := range strings.Lines(mounts) {
		f := strings.Fields(line)
		if len(f) < 3 {
			continue
		}
		point := strings.ReplaceAll(f[1], `\040`, " ")
		if point != "/" && path != point && !strings.HasPrefix(path, point+"/") {
			continue
		}
		if len(point) >= len(best) {
			best, fsType = point, f[2]
		}
	}
	return fsType
}
