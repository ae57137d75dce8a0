package io.shadowgate.compare.response;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A line diff of two texts in unified format, bounded: the common head and tail are cut off
 * first (cheap, and most changed bodies differ in a few lines), the middle is diffed with
 * Myers' O((n + m) · D) algorithm (Myers 1986, "An O(ND) difference algorithm and its
 * variations") giving up beyond {@link CompareLimits#maxLineEdits()} edits, and the output is
 * cut at {@link CompareLimits#maxDiffLines()} lines. When it gives up, the first differing line
 * is still reported. Stateless.
 */
final class LineDiff {

    private static final byte EQUAL = 0;
    private static final byte DELETE = 1;
    private static final byte INSERT = 2;

    /**
     * @param firstLine     1-based line number of the first difference (in both texts: the lines before are equal)
     * @param baselineLine  that line in the baseline, or null when the baseline has none there
     * @param candidateLine that line in the candidate, or null
     * @param unified       the unified diff, or a sentence saying why there is none
     */
    record Result(int firstLine, String baselineLine, String candidateLine, String unified) {
    }

    private LineDiff() {
    }

    static Result diff(String baseline, String candidate, CompareLimits limits) {
        String[] a = lines(baseline);
        String[] b = lines(candidate);
        int prefix = 0;
        while (prefix < a.length && prefix < b.length && a[prefix].equals(b[prefix])) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < a.length - prefix && suffix < b.length - prefix
                && a[a.length - 1 - suffix].equals(b[b.length - 1 - suffix])) {
            suffix++;
        }
        int n = a.length - prefix - suffix;
        int m = b.length - prefix - suffix;
        if (n == 0 && m == 0) {
            return new Result(prefix + 1, null, null,
                    "(the texts differ only in line endings or in the newline at the end)");
        }
        String first = n > 0 ? a[prefix] : null;
        String second = m > 0 ? b[prefix] : null;
        Ops middle = null;
        if (n <= limits.maxTextLines() && m <= limits.maxTextLines()) {
            middle = myers(a, b, prefix, n, m, limits.maxLineEdits());
        }
        String unified;
        if (middle == null) {
            unified = "(no line diff: " + (n > limits.maxTextLines() || m > limits.maxTextLines()
                    ? "more than " + limits.maxTextLines() + " lines differ in one place"
                    : "more than " + limits.maxLineEdits() + " lines inserted or deleted")
                    + "; first difference at line " + (prefix + 1) + ")";
        } else {
            unified = unified(a, b, prefix, suffix, middle, limits);
        }
        return new Result(prefix + 1, first, second, unified);
    }

    /** The lines of {@code text}, without their "\n" or "\r\n"; a final newline does not start another line. */
    private static String[] lines(String text) {
        String[] lines = text.split("\n", -1);
        if (lines.length > 1 && lines[lines.length - 1].isEmpty()) {
            lines = Arrays.copyOf(lines, lines.length - 1);
        }
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (!line.isEmpty() && line.charAt(line.length() - 1) == '\r') {
                lines[i] = line.substring(0, line.length() - 1);
            }
        }
        return lines;
    }

    /** The edit script as parallel arrays: operation, baseline line index, candidate line index (absolute). */
    private static final class Ops {
        byte[] type = new byte[16];
        int[] x = new int[16];
        int[] y = new int[16];
        int size;

        void add(byte op, int xi, int yi) {
            if (size == type.length) {
                type = Arrays.copyOf(type, size * 2);
                x = Arrays.copyOf(x, size * 2);
                y = Arrays.copyOf(y, size * 2);
            }
            type[size] = op;
            x[size] = xi;
            y[size] = yi;
            size++;
        }

        void reverse() {
            for (int i = 0, j = size - 1; i < j; i++, j--) {
                byte t = type[i];
                type[i] = type[j];
                type[j] = t;
                int xi = x[i];
                x[i] = x[j];
                x[j] = xi;
                int yi = y[i];
                y[i] = y[j];
                y[j] = yi;
            }
        }
    }

    /**
     * Myers' greedy forward search over a[off, off+n) and b[off, off+m) with up to
     * {@code maxEdits} edits, keeping the V array of each round to walk back the path; null
     * when more edits are needed.
     */
    private static Ops myers(String[] a, String[] b, int off, int n, int m, int maxEdits) {
        int max = Math.min(n + m, maxEdits);
        int centre = max + 1;
        int[] v = new int[2 * max + 3];
        List<int[]> trace = new ArrayList<>();
        for (int d = 0; d <= max; d++) {
            // v as it stood before round d, for k in [-d-1, d+1]: all the walk back reads.
            trace.add(Arrays.copyOfRange(v, centre - d - 1, centre + d + 2));
            for (int k = -d; k <= d; k += 2) {
                int x = (k == -d || (k != d && v[centre + k - 1] < v[centre + k + 1]))
                        ? v[centre + k + 1] : v[centre + k - 1] + 1;
                int y = x - k;
                while (x < n && y < m && a[off + x].equals(b[off + y])) {
                    x++;
                    y++;
                }
                v[centre + k] = x;
                if (x >= n && y >= m) {
                    return backtrack(trace, d, n, m, off);
                }
            }
        }
        return null;
    }

    private static Ops backtrack(List<int[]> trace, int edits, int n, int m, int off) {
        Ops ops = new Ops();
        int x = n;
        int y = m;
        for (int d = edits; d >= 0; d--) {
            int[] v = trace.get(d);
            int k = x - y;
            int previousK = (k == -d || (k != d && v[k - 1 + d + 1] < v[k + 1 + d + 1])) ? k + 1 : k - 1;
            int previousX = v[previousK + d + 1];
            int previousY = previousX - previousK;
            while (x > previousX && y > previousY) {
                ops.add(EQUAL, off + x - 1, off + y - 1);
                x--;
                y--;
            }
            if (d > 0) {
                if (x == previousX) {
                    ops.add(INSERT, off + x, off + y - 1);
                } else {
                    ops.add(DELETE, off + x - 1, off + y);
                }
            }
            x = previousX;
            y = previousY;
        }
        ops.reverse();
        return ops;
    }

    /** Hunks with {@code contextLines} of context, as {@code diff -u} prints them, cut at {@code maxDiffLines}. */
    private static String unified(String[] a, String[] b, int prefix, int suffix, Ops middle, CompareLimits limits) {
        int context = limits.contextLines();
        Ops ops = new Ops();
        for (int i = Math.max(0, prefix - context); i < prefix; i++) {
            ops.add(EQUAL, i, i);
        }
        for (int i = 0; i < middle.size; i++) {
            ops.add(middle.type[i], middle.x[i], middle.y[i]);
        }
        int tailA = a.length - suffix;
        int tailB = b.length - suffix;
        for (int i = 0; i < Math.min(context, suffix); i++) {
            ops.add(EQUAL, tailA + i, tailB + i);
        }
        List<String> out = new ArrayList<>();
        int omitted = 0;
        int i = 0;
        while (i < ops.size) {
            while (i < ops.size && ops.type[i] == EQUAL) {
                i++;
            }
            if (i >= ops.size) {
                break;
            }
            int start = Math.max(i - context, 0);
            int last = i;
            // Extend the hunk while the next change is at most 2 * context unchanged lines away.
            for (int j = i + 1; j < ops.size; j++) {
                if (ops.type[j] != EQUAL) {
                    last = j;
                } else if (j - last > 2 * context) {
                    break;
                }
            }
            int end = Math.min(ops.size, last + 1 + context);
            List<String> hunk = hunk(a, b, ops, start, end, limits.maxValueChars());
            for (String line : hunk) {
                if (out.size() < limits.maxDiffLines()) {
                    out.add(line);
                } else {
                    omitted++;
                }
            }
            i = end;
        }
        if (omitted > 0) {
            out.add("… (" + omitted + " more diff lines)");
        }
        return String.join("\n", out);
    }

    private static List<String> hunk(String[] a, String[] b, Ops ops, int start, int end, int maxChars) {
        int aCount = 0;
        int bCount = 0;
        List<String> lines = new ArrayList<>(end - start + 1);
        lines.add(""); // header, filled in below
        for (int i = start; i < end; i++) {
            switch (ops.type[i]) {
                case EQUAL -> {
                    aCount++;
                    bCount++;
                    lines.add(" " + ValueText.truncate(a[ops.x[i]], maxChars));
                }
                case DELETE -> {
                    aCount++;
                    lines.add("-" + ValueText.truncate(a[ops.x[i]], maxChars));
                }
                default -> {
                    bCount++;
                    lines.add("+" + ValueText.truncate(b[ops.y[i]], maxChars));
                }
            }
        }
        // diff -u: a range of length 0 starts at the line before it.
        int aStart = aCount == 0 ? ops.x[start] : ops.x[start] + 1;
        int bStart = bCount == 0 ? ops.y[start] : ops.y[start] + 1;
        lines.set(0, "@@ -" + aStart + "," + aCount + " +" + bStart + "," + bCount + " @@");
        return lines;
    }
}
