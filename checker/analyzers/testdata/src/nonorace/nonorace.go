//go:build race || !race

package nonorace // want `//go:build race \|\| !race makes the code differ under the race detector`

var n int

//go:norace // want `//go:norace hides this function's races from the race detector instead of fixing them`
func add() { n++ }

//go:noinline
func get() int { return n }
