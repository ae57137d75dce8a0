package io.shadowgate.report;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text as GitHub-flavoured Markdown shows it, never as markup: Markdown and HTML specials are
 * backslash-escaped, line breaks become spaces, invisible bidirectional controls are shown
 * ({@link ReportText}), and a text that would start a block (a list, a heading) cannot. Stateless.
 */
final class MarkdownText {

    /** Markdown and HTML specials escaped wherever they stand (GFM: any ASCII punctuation may be). */
    private static final String SPECIALS = "\\`*_[]<>|#~$&";
    private static final Pattern ORDERED_LIST_START = Pattern.compile("^(\\d{1,9})([.)])");
    private static final Pattern BACKTICK_RUN = Pattern.compile("`+");

    /** Code points kept of a table cell. */
    static final int CELL_CHARS = 200;

    private MarkdownText() {
    }

    /** At most {@code maxChars} code points of {@code text}, the last an ellipsis when it was cut. */
    static String cut(String text, int maxChars) {
        if (text.codePointCount(0, text.length()) <= maxChars) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, maxChars - 1)) + "…";
    }

    /**
     * A fenced code block: its content is shown as it is, never read as Markdown or HTML. The
     * fence is longer than any run of backticks in the code, so nothing in it can close it.
     */
    static String fenced(String code) {
        int longest = 0;
        Matcher runs = BACKTICK_RUN.matcher(code);
        while (runs.find()) {
            longest = Math.max(longest, runs.group().length());
        }
        String fence = "`".repeat(Math.max(3, longest + 1));
        return fence + "\n" + code + "\n" + fence + "\n";
    }

    /** Text for a table cell: one line, cut at {@value #CELL_CHARS} code points, escaped; a dash when empty. */
    static String cell(String text) {
        String s = inline(text, CELL_CHARS);
        return s.isEmpty() ? Html.DASH : s;
    }

    /** Text inside a line: one line, cut, every special escaped. */
    static String inline(String text, int maxChars) {
        String line = ReportText.oneLine(text, maxChars);
        StringBuilder out = new StringBuilder(line.length() + 16);
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (SPECIALS.indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /**
     * Text that starts a block, as a list item's does: {@link #inline} and, in addition, a
     * leading {@code -}, {@code +}, {@code =} or {@code 1.} escaped, so it cannot open a
     * nested list or underline a heading.
     */
    static String block(String text, int maxChars) {
        String s = inline(text, maxChars);
        if (!s.isEmpty() && "-+=".indexOf(s.charAt(0)) >= 0) {
            return "\\" + s;
        }
        Matcher ordered = ORDERED_LIST_START.matcher(s);
        return ordered.find() ? ordered.group(1) + "\\" + s.substring(ordered.end(1)) : s;
    }
}
