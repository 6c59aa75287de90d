package funnel

// handOut completes a largest-remainder apportionment: counts hold the floors
// of the exact shares, which add up to total or less, and rems their
// remainders over one common denominator. The units left over go one by one to
// the largest remainders, ties to the earlier part — the rule of
// plan.Apportion, which the tests hold this to. Fewer units than parts are
// left over, so one pass that keeps the best few suffices and allocates
// nothing; ok is false when as many or more are (the floors were not floors),
// or past 32 parts.
func handOut(counts []int64, rems []u128, total int64) (ok bool) {
	n := len(counts)
	var given int64
	for _, c := range counts {
		given += c
	}
	left := total - given
	switch {
	case left == 0:
		return true
	case left < 0 || left >= int64(n) || n > 32:
		return false
	}
	// top[:k]: the parts with the largest remainders so far, largest first,
	// the earlier part first among equals (every later part is a later index).
	var top [32]int
	k, size := 0, int(left)
	for i := range n {
		if k == size && rems[top[k-1]].cmp(rems[i]) >= 0 {
			continue
		}
		pos := k
		for pos > 0 && rems[top[pos-1]].cmp(rems[i]) < 0 {
			pos--
		}
		if k < size {
			k++
		}
		copy(top[pos+1:k], top[pos:k-1])
		top[pos] = i
	}
	for _, i := range top[:k] {
		counts[i]++
	}
	return true
}
