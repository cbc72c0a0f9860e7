package norecover

// shipped recovers as shipped: allowed.
func shipped() {
	defer func() { recover() }()
}

func closeAll(chs []chan int) {
	defer func() {
		if r := recover(); r != nil { // want `closeAll hides a panic with recover\(\): 1 time\(s\) here, 0 as shipped; fix what panics instead`
			return
		}
	}()
	for _, ch := range chs {
		close(ch)
	}
}
