package io.shadowgate.compare.response;

/**
 * Bounds on what one comparison produces, so that a pathological pair costs bounded time and
 * memory. {@link #DEFAULT} holds every default.
 *
 * @param maxValueChars    longest rendered value in a {@link Difference} (longer ones end in "…")
 * @param instancesPerPath differences kept per pair for one path and kind (e.g. of 20 array
 *                         elements whose price changed, the first 3); the path is reported
 *                         whatever the number
 * @param maxTextLines     text bodies with more lines than this (on either side, after removing
 *                         the common head and tail) get no line diff, only their first differing line
 * @param maxLineEdits     the line diff gives up beyond this many inserted plus deleted lines
 *                         (Myers' algorithm costs O((n + m) · edits)), reporting the first
 *                         differing line instead
 * @param maxDiffLines     longest unified diff kept, in lines
 * @param contextLines     unchanged lines shown around each change in the unified diff
 */
public record CompareLimits(int maxValueChars, int instancesPerPath, int maxTextLines, int maxLineEdits,
        int maxDiffLines, int contextLines) {

    public static final CompareLimits DEFAULT = new CompareLimits(120, 3, 20_000, 200, 40, 2);

    public CompareLimits {
        positive("maxValueChars", maxValueChars, 8);
        positive("instancesPerPath", instancesPerPath, 1);
        positive("maxTextLines", maxTextLines, 1);
        positive("maxLineEdits", maxLineEdits, 1);
        positive("maxDiffLines", maxDiffLines, 1);
        if (contextLines < 0) {
            throw new IllegalArgumentException("contextLines must be >= 0 (was " + contextLines + ")");
        }
    }

    private static void positive(String name, int value, int least) {
        if (value < least) {
            throw new IllegalArgumentException(name + " must be >= " + least + " (was " + value + ")");
        }
    }
}
