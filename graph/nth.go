package graph

import "cmp"

// nthBy reorders xs so that xs[k] holds the element a sort by key would put
// there, with none of larger key before it and none of smaller key after it,
// and returns its key: a quickselect, linear on average. The median of a
// role's waits and the oldest openings a loop shows on an edge both use it.
func nthBy[T any, K cmp.Ordered](xs []T, k int, key func(T) K) K {
	lo, hi := 0, len(xs)-1
	for lo < hi {
		// Median of three as the pivot keeps sorted input linear.
		mid := lo + (hi-lo)/2
		if key(xs[mid]) < key(xs[lo]) {
			xs[mid], xs[lo] = xs[lo], xs[mid]
		}
		if key(xs[hi]) < key(xs[lo]) {
			xs[hi], xs[lo] = xs[lo], xs[hi]
		}
		if key(xs[hi]) < key(xs[mid]) {
			xs[hi], xs[mid] = xs[mid], xs[hi]
		}
		pivot := key(xs[mid])
		i, j := lo, hi
		for i <= j {
			for key(xs[i]) < pivot {
				i++
			}
			for key(xs[j]) > pivot {
				j--
			}
			if i <= j {
				xs[i], xs[j] = xs[j], xs[i]
				i++
				j--
			}
		}
		switch {
		case k <= j:
			hi = j
		case k >= i:
			lo = i
		default:
			return key(xs[k])
		}
	}
	return key(xs[k])
}
