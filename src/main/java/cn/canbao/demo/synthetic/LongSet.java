package cn.canbao.demo.synthetic;

/**
 * A set of positive longs by open addressing: keeps the county's half a million ID numbers and
 * mobiles unique in a few megabytes instead of a HashSet of boxed Longs.
 */
final class LongSet {

    private long[] slots = new long[1 << 16];
    private int size;

    /** Adds a positive value; false when it was already there. */
    boolean add(long value) {
        if (value <= 0) {
            throw new IllegalArgumentException("positive values only: " + value);
        }
        if (size * 2 >= slots.length) {
            grow();
        }
        if (insert(slots, value)) {
            size++;
            return true;
        }
        return false;
    }

    int size() {
        return size;
    }

    private static boolean insert(long[] table, long value) {
        int mask = table.length - 1;
        int i = (int) mix(value) & mask;
        while (table[i] != 0) {
            if (table[i] == value) {
                return false;
            }
            i = (i + 1) & mask;
        }
        table[i] = value;
        return true;
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        for (long v : old) {
            if (v != 0) {
                insert(slots, v);
            }
        }
    }

    private static long mix(long v) {
        long h = v * 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 29);
    }
}
