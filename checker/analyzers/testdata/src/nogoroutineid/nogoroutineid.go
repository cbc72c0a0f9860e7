package nogoroutineid

import (
	"bytes"
	"runtime"
	"runtime/debug"
	"strconv"
	_ "unsafe"
)

func goid() int {
	buf := make([]byte, 64)
	buf = buf[:runtime.Stack(buf, false)] // want `runtime.Stack is parsed for the goroutine id`
	buf = bytes.TrimPrefix(buf, []byte("goroutine "))
	id, _ := strconv.Atoi(string(buf[:bytes.IndexByte(buf, ' ')]))
	return id
}

func goid2() int {
	s := debug.Stack() // want `debug.Stack is parsed for the goroutine id`
	id, _ := strconv.Atoi(string(s[10:12]))
	return id
}

//go:linkname procPin runtime.procPin // want `//go:linkname reaches into the runtime`
func procPin() int

// dump prints the stack for debugging: not an id trick.
func dump() {
	buf := make([]byte, 1<<16)
	println("goroutines:", string(buf[:runtime.Stack(buf, true)]))
}
