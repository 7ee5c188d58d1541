package graph

import "hash/maphash"

// interner numbers strings densely in order of first appearance. It is an
// open-addressing table of 8-byte slots, denser in cache than a map[string]int32,
// which matters when a snapshot's million lookups land all over it.
type interner struct {
	seed  maphash.Seed
	names []string
	slots []uint64 // high 32 bits: hash tag; low 32 bits: 1 + number; 0 is empty
}

func newInterner() *interner {
	return &interner{seed: maphash.MakeSeed(), slots: make([]uint64, 1024)}
}

// id returns the number of s, giving it the next one if it has none yet.
func (t *interner) id(s string) int32 {
	h := maphash.String(t.seed, s)
	tag := h >> 32
	mask := uint64(len(t.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		slot := t.slots[i]
		if slot == 0 {
			v := int32(len(t.names))
			t.names = append(t.names, s)
			t.slots[i] = tag<<32 | uint64(v+1)
			if 2*len(t.names) > len(t.slots) {
				t.grow()
			}
			return v
		}
		if slot>>32 == tag {
			if v := int32(uint32(slot)) - 1; t.names[v] == s {
				return v
			}
		}
	}
}

// grow doubles the table. Slots keep only a tag, so names are hashed again.
func (t *interner) grow() {
	t.slots = make([]uint64, 2*len(t.slots))
	mask := uint64(len(t.slots) - 1)
	for v, s := range t.names {
		h := maphash.String(t.seed, s)
		i := h & mask
		for t.slots[i] != 0 {
			i = (i + 1) & mask
		}
		t.slots[i] = h>>32<<32 | uint64(v+1)
	}
}
