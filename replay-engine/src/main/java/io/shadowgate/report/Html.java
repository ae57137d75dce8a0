package io.shadowgate.report;

/**
 * The report's HTML building blocks: escaping for every string that may come from traffic or
 * user files, and a few tags. Deliberately not a template engine: the page is small, and
 * keeping every untrusted string behind {@link #escape} is easier to check in plain code.
 */
final class Html {

    /** What the report shows for a missing or non-finite value. */
    static final String DASH = "—";

    /**
     * Markup that may be emitted as it is. Made only by this class (which escapes the text it
     * wraps) or by {@link #raw} from constants and numbers, never from untrusted strings.
     */
    record Safe(String html) {
        @Override
        public String toString() {
            return html;
        }
    }

    private Html() {
    }

    /**
     * Escapes text for HTML text and quoted-attribute contexts (and SVG, which is XML): the
     * five XML specials, plus the backtick that old browsers treated as an attribute quote.
     * Null becomes the empty string.
     */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                case '`' -> "&#96;";
                default -> null;
            };
            if (replacement != null && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (replacement != null) {
                    out.append(replacement);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }

    /** Escaped text, or the dash when it is null or blank. */
    static Safe text(String text) {
        return new Safe(text == null || text.isBlank() ? DASH : escape(text));
    }

    /** Trusted markup: constants of this package and formatted numbers only. */
    static Safe raw(String trustedMarkup) {
        return new Safe(trustedMarkup);
    }

    /** {@code <name class="cssClass">text</name>} with the text escaped; cssClass is a constant. */
    static Safe tag(String name, String cssClass, String text) {
        return wrap(name, cssClass, text(text));
    }

    /** {@code <name class="cssClass">content</name>} around markup already made safe. */
    static Safe wrap(String name, String cssClass, Safe content) {
        String cls = cssClass == null || cssClass.isEmpty() ? "" : " class=\"" + escape(cssClass) + "\"";
        return new Safe("<" + name + cls + ">" + content.html() + "</" + name + ">");
    }

    /** Concatenates safe fragments. */
    static Safe join(Safe... parts) {
        StringBuilder out = new StringBuilder();
        for (Safe part : parts) {
            out.append(part.html());
        }
        return new Safe(out.toString());
    }
}
