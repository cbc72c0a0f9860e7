package checker

import (
	"go/ast"
	"go/types"
	"strings"
)

// timerPhrase says what goroutines waiting on a timer do.
const timerPhrase = "wait for a timer or a ticker to fire"

// waitsOnTimer reports whether g is not blocked for good but waiting for
// time to pass: asleep in time.Sleep, or waiting, at the module's own
// code, on a channel that a timer or ticker sends on (time.After,
// time.Tick, a Timer's or Ticker's C) in a receive or a select. Such a
// goroutine is still working: past the limit that is a timeout, not a
// deadlock.
func (s classifier) waitsOnTimer(g Goroutine) bool {
	if g.State == "sleep" {
		return true
	}
	if g.State != "select" && g.State != "chan receive" {
		return false
	}
	f, ok := s.firstOwnFrame(g)
	if !ok {
		return false
	}
	file := s.src.file(f.File)
	if file == nil || file.ast == nil {
		return false
	}
	timer := false
	ast.Inspect(file.ast, func(n ast.Node) bool {
		if timer || n == nil {
			return false
		}
		switch x := n.(type) {
		case *ast.SelectStmt:
			if file.lineOf(x.Pos()) > f.Line || file.lineOf(x.End()) < f.Line {
				return true
			}
			for _, c := range x.Body.List {
				if cc, ok := c.(*ast.CommClause); ok && cc.Comm != nil && receivesFromTimer(cc.Comm) {
					timer = true
				}
			}
			return false
		case *ast.UnaryExpr:
			if file.lineOf(x.Pos()) == f.Line && g.State == "chan receive" && receivesFromTimer(x) {
				timer = true
			}
		case *ast.RangeStmt:
			// for range ticker.C blocks in a receive on the range line.
			if file.lineOf(x.Pos()) == f.Line && g.State == "chan receive" && isTimerChan(x.X) {
				timer = true
			}
		}
		return true
	})
	return timer
}

// receivesFromTimer reports whether n (a select case or an expression)
// receives from a timer's channel.
func receivesFromTimer(n ast.Node) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if u, ok := n.(*ast.UnaryExpr); ok && u.Op.String() == "<-" && isTimerChan(u.X) {
			found = true
		}
		return !found
	})
	return found
}

// isTimerChan reports whether e, as written, is a channel a timer sends
// on: time.After(d), time.Tick(d), or the C of a Timer or Ticker.
func isTimerChan(e ast.Expr) bool {
	text := types.ExprString(e)
	return strings.HasPrefix(text, "time.After(") || strings.HasPrefix(text, "time.Tick(") ||
		strings.HasSuffix(text, ".C")
}
