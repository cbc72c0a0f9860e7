//go:build linux || !linux

package nonorace
