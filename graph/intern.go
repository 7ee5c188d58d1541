package graph

import "hash/maphash"

// interner numbers strings densely in order of first appearance. It is an
// open-addressing table whose slots hold short strings (Slack user IDs are 9 to 11
// bytes) inline, so that a lookup among a hundred thousand people costs about one
// cache miss rather than the three of a map[string]int32 (slot, key header, bytes).
type interner struct {
	seed  maphash.Seed
	names []string
	slots []internSlot
}

// internShort is the longest string a slot holds inline; longer ones are compared
// with names.
const internShort = 26 // a slot is then 32 bytes, half a cache line

type internSlot struct {
	id   int32 // 1 + number; 0 is empty
	tag  uint8 // hash bits the slot position does not use, to skip most compares
	size uint8 // length of the inline string, internShort+1 for a long one
	key  [internShort]byte
}

// newInterner returns an interner with room for about n strings before it grows
// (at least a thousand): growing by doubling from a small table hashes every
// string about once more, each a cache miss in a table of a million slots.
func newInterner(n int) *interner {
	size := 1024
	for size < 2*n {
		size *= 2
	}
	return &interner{seed: maphash.MakeSeed(), slots: make([]internSlot, size), names: make([]string, 0, n)}
}

// id returns the number of s, giving it the next one if it has none yet.
func (t *interner) id(s string) int32 {
	h := maphash.String(t.seed, s)
	tag := uint8(h >> 56)
	mask := uint64(len(t.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		slot := &t.slots[i]
		if slot.id == 0 {
			v := int32(len(t.names))
			t.names = append(t.names, s)
			slot.put(s, tag, v)
			if 2*len(t.names) > len(t.slots) {
				t.grow()
			}
			return v
		}
		if slot.tag != tag {
			continue
		}
		if len(s) <= internShort {
			if int(slot.size) == len(s) && string(slot.key[:len(s)]) == s {
				return slot.id - 1
			}
		} else if slot.size > internShort && t.names[slot.id-1] == s {
			return slot.id - 1
		}
	}
}

func (slot *internSlot) put(s string, tag uint8, v int32) {
	slot.id, slot.tag = v+1, tag
	slot.size = internShort + 1
	if len(s) <= internShort {
		slot.size = uint8(copy(slot.key[:], s))
	}
}

// grow doubles the table, hashing the names again.
func (t *interner) grow() {
	t.slots = make([]internSlot, 2*len(t.slots))
	mask := uint64(len(t.slots) - 1)
	for v, s := range t.names {
		h := maphash.String(t.seed, s)
		i := h & mask
		for t.slots[i].id != 0 {
			i = (i + 1) & mask
		}
		t.slots[i].put(s, uint8(h>>56), int32(v))
	}
}
