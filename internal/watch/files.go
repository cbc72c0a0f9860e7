// Package watch holds the parts of grade watch that are not the screen:
// a debounced watcher of an exercise's folder, and the layout of text into
// a terminal of a given size. It returns data and events; it never prints.
package watch

import (
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Debounce is how long a folder must stay quiet after a change before it
// is reported: editors that write a file twice, or save by writing a
// temporary file and renaming it over the old one, make one change.
const Debounce = 150 * time.Millisecond

// Files watches one folder at a time and reports, debounced, that a Go
// file in it was saved. It watches the folder, not the files, so that a
// save by rename keeps being seen.
type Files struct {
	fs      *fsnotify.Watcher
	changes chan string
	errors  chan error
	done    chan struct{}

	mu  sync.Mutex
	dir string
}

// NewFiles starts a watcher; its error means the system cannot watch files
// (no inotify, too many watches).
func NewFiles(debounce time.Duration) (*Files, error) {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	f := &Files{fs: w, changes: make(chan string, 1), errors: make(chan error, 1), done: make(chan struct{})}
	go f.loop(debounce)
	return f, nil
}

// Watch makes dir the folder watched, in place of the one before.
func (f *Files) Watch(dir string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.dir == dir {
		return nil
	}
	if f.dir != "" {
		_ = f.fs.Remove(f.dir)
	}
	f.dir = ""
	if err := f.fs.Add(dir); err != nil {
		return err
	}
	f.dir = dir
	return nil
}

// Changes reports the last file saved, once the folder has been quiet for
// the debounce time.
func (f *Files) Changes() <-chan string { return f.changes }

// Errors reports that watching failed after it started (an overflow of
// the kernel's queue, say).
func (f *Files) Errors() <-chan error { return f.errors }

// Close stops watching.
func (f *Files) Close() error {
	close(f.done)
	return f.fs.Close()
}

// loop debounces the watcher's events into Changes.
func (f *Files) loop(debounce time.Duration) {
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	last := ""
	for {
		select {
		case <-f.done:
			timer.Stop()
			return
		case ev, ok := <-f.fs.Events:
			if !ok {
				return
			}
			f.mu.Lock()
			dir := f.dir
			f.mu.Unlock()
			if !Relevant(ev.Name) || filepath.Dir(ev.Name) != filepath.Clean(dir) || ev.Op == fsnotify.Chmod {
				continue
			}
			last = ev.Name
			timer.Reset(debounce)
		case err, ok := <-f.fs.Errors:
			if !ok {
				return
			}
			select {
			case f.errors <- err:
			default:
			}
		case <-timer.C:
			select {
			case f.changes <- last:
			default: // one is already waiting: it says the same
			}
		}
	}
}

// Relevant reports whether a change to the file named name can change a
// grade: a Go file, not an editor's temporary or backup file.
func Relevant(name string) bool {
	base := filepath.Base(name)
	return strings.HasSuffix(base, ".go") && !strings.HasPrefix(base, ".") && !strings.HasPrefix(base, "#")
}
