package io.shadowgate.compare.response;

/** The one check every rule's path goes through, so the messages name the rule the same way. */
final class RuleText {

    private RuleText() {
    }

    /** Parses {@code path} and prefixes any error with what rule it belongs to. */
    static JsonPathPattern checkPath(String rule, String path) {
        try {
            return JsonPathPattern.parse(path);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(rule + ": " + e.getMessage(), e);
        }
    }
}
