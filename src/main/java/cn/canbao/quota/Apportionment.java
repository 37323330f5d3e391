package cn.canbao.quota;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Splits a whole number in proportion to weights so the parts add up exactly (largest remainder):
 * the suggested split of a parent's target over its children, weighted by their proposals.
 */
public final class Apportionment {

    private Apportionment() {}

    public static int[] split(int total, int[] weights) {
        int n = weights.length;
        int[] parts = new int[n];
        if (n == 0) {
            return parts;
        }
        long sum = Arrays.stream(weights).asLongStream().sum();
        if (sum == 0) {
            // nothing to weigh by: as even as possible, the first ones get the extra unit
            for (int i = 0; i < n; i++) {
                parts[i] = total / n + (i < total % n ? 1 : 0);
            }
            return parts;
        }
        long[] remainders = new long[n];
        int given = 0;
        for (int i = 0; i < n; i++) {
            long exact = (long) total * weights[i];
            parts[i] = (int) (exact / sum);
            remainders[i] = exact % sum;
            given += parts[i];
        }
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(
                order,
                Comparator.comparingLong((Integer i) -> remainders[i])
                        .reversed()
                        .thenComparingInt(i -> i));
        for (int k = 0; k < total - given; k++) {
            parts[order[k]]++;
        }
        return parts;
    }
}
