package io.shadowgate.report;

import io.shadowgate.judge.Interval;
import java.util.Locale;

/**
 * Text cleaning shared by the CI outputs ({@code junit.xml}, {@code summary.md}), for strings
 * that may come from traffic: characters no XML 1.0 document may hold (control characters,
 * unpaired surrogates, U+FFFE/U+FFFF) become U+FFFD, so the loss stays visible; invisible
 * bidirectional controls (U+202E and kin, the "Trojan Source" set) are shown as
 * {@code ‹U+202E›} so they cannot reorder what a reader sees. Stateless.
 */
final class ReportText {

    /** What replaces a character that cannot be written. */
    static final char REPLACEMENT = '\uFFFD';

    private static final String REPLACEMENT_TEXT = String.valueOf(REPLACEMENT);

    private ReportText() {
    }

    /**
     * Every character an XML 1.0 document may hold and a person can see; tab, line feed and
     * carriage return are kept. Null becomes the empty string.
     */
    static String clean(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); ) {
            String replacement = replacement(text, i);
            int width = width(text, i);
            if (replacement != null && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (replacement != null) {
                    out.append(replacement);
                } else {
                    out.append(text, i, i + width);
                }
            }
            i += width;
        }
        return out == null ? text : out.toString();
    }

    /**
     * {@link #clean Cleaned} text on one line: every run of whitespace (line breaks included)
     * becomes one space, ends trimmed, and at most {@code maxChars} code points, the last an
     * ellipsis when it was cut. Reads no more of {@code text} than it keeps (and the whitespace
     * it drops), so a huge text costs no more than a short one.
     */
    static String oneLine(String text, int maxChars) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), maxChars) + 8);
        int points = 0;
        boolean space = false;
        for (int i = 0; i < text.length(); ) {
            String replacement = replacement(text, i);
            int cp = text.codePointAt(i);
            i += width(text, i);
            if (replacement == null && (Character.isWhitespace(cp) || Character.isSpaceChar(cp))) {
                space = out.length() > 0;
                continue;
            }
            int needed = (replacement == null ? 1 : replacement.codePointCount(0, replacement.length())) + (space ? 1 : 0);
            if (points + needed > maxChars) {
                if (points >= maxChars && out.length() > 0) {
                    // Make room for the ellipsis without splitting a surrogate pair.
                    out.setLength(out.offsetByCodePoints(out.length(), -1));
                }
                return out.append('…').toString();
            }
            if (space) {
                out.append(' ');
                space = false;
            }
            if (replacement == null) {
                out.appendCodePoint(cp);
            } else {
                out.append(replacement);
            }
            points += needed;
        }
        return out.toString();
    }

    /** What the character (or surrogate pair) at {@code i} is written as, or null when it stays as it is. */
    private static String replacement(String text, int i) {
        char c = text.charAt(i);
        if (width(text, i) == 2) {
            return null;
        }
        if (Character.isSurrogate(c) || c == '\uFFFE' || c == '\uFFFF'
                || (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r')) {
            return REPLACEMENT_TEXT;
        }
        if (isBidiControl(c)) {
            String hex = Integer.toHexString(c).toUpperCase(Locale.ROOT);
            return "‹U+" + "0".repeat(4 - hex.length()) + hex + "›";
        }
        return null;
    }

    /** 2 at a well-formed surrogate pair, else 1. */
    private static int width(String text, int i) {
        return Character.isHighSurrogate(text.charAt(i)) && i + 1 < text.length()
                && Character.isLowSurrogate(text.charAt(i + 1)) ? 2 : 1;
    }

    /** A gate's interval as the HTML report writes it: {@code [+21.0%, +44.0%] at 99% (method)}, or a dash. */
    static String interval(Interval i, String unit) {
        if (i == null) {
            return Html.DASH;
        }
        return "[" + ReportNumbers.inUnit(i.lower(), unit) + ", " + ReportNumbers.inUnit(i.upper(), unit) + "] at "
                + ReportNumbers.confidence(i.confidence()) + (i.method() == null ? "" : " (" + i.method() + ")");
    }

    /** Bytes of {@code text} in UTF-8, without encoding it (unpaired surrogates count as the U+FFFD written for them). */
    static long utf8Length(CharSequence text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /** The explicit directional formatting characters of Unicode's bidirectional algorithm. */
    private static boolean isBidiControl(char c) {
        return c == '\u061C' || c == '\u200E' || c == '\u200F' || (c >= '\u202A' && c <= '\u202E')
                || (c >= '\u2066' && c <= '\u2069');
    }
}
