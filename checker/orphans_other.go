//go:build !linux

package checker

import "time"

// becomeSubreaper does nothing: child subreapers are a Linux feature.
func becomeSubreaper() {}

// killOrphans does nothing outside Linux: there, what a test started
// outside its process group may survive it.
func killOrphans(marker string, pgid int) {}

// treeRSS cannot measure a process tree outside Linux: -1, and runs have no
// memory limit there.
func treeRSS(root int, marker string) int64 { return -1 }

// treeRunDelay cannot be measured outside Linux: 0, and the grader's limit
// is wall-clock time alone there.
func treeRunDelay(root int, marker string) time.Duration { return 0 }

// procReadable is false outside Linux: there is no /proc to measure with.
func procReadable() bool { return false }
