//go:build !linux

package checker

// becomeSubreaper does nothing: child subreapers are a Linux feature.
func becomeSubreaper() {}

// killOrphans does nothing outside Linux: there, what a test started
// outside its process group may survive it.
func killOrphans(marker string, pgid int) {}
