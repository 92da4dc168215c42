package io.promptgate.protocol.adapt;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;
import java.util.TreeSet;

/**
 * Structural JSON comparison for golden files: object field order is ignored, array order is not,
 * numbers compare by value, and the expected string {@value #ANY} matches any present value (used
 * for generated ids and timestamps).
 */
final class GoldenJson {

    static final String ANY = "<any>";

    private GoldenJson() {
    }

    /** Null when {@code actual} matches {@code expected}, else the path and reason of the first difference. */
    static String difference(JsonNode expected, JsonNode actual) {
        return difference("$", expected, actual);
    }

    private static String difference(String path, JsonNode expected, JsonNode actual) {
        if (expected.isTextual() && ANY.equals(expected.textValue())) {
            return actual == null || actual.isMissingNode() ? path + ": missing (expected any value)" : null;
        }
        if (actual == null || actual.isMissingNode()) {
            return path + ": missing, expected " + expected;
        }
        if (expected.isNumber() && actual.isNumber()) {
            return expected.decimalValue().compareTo(actual.decimalValue()) == 0 ? null
                    : path + ": expected " + expected + ", got " + actual;
        }
        if (expected.getNodeType() != actual.getNodeType()) {
            return path + ": expected " + expected + ", got " + actual;
        }
        if (expected.isObject()) {
            TreeSet<String> extra = new TreeSet<>();
            actual.fieldNames().forEachRemaining(extra::add);
            for (Map.Entry<String, JsonNode> field : expected.properties()) {
                extra.remove(field.getKey());
                String diff = difference(path + "." + field.getKey(), field.getValue(), actual.get(field.getKey()));
                if (diff != null) {
                    return diff;
                }
            }
            return extra.isEmpty() ? null : path + ": unexpected fields " + extra;
        }
        if (expected.isArray()) {
            for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
                String diff = difference(path + "[" + i + "]", expected.get(i), actual.get(i));
                if (diff != null) {
                    return diff;
                }
            }
            return expected.size() == actual.size() ? null
                    : path + ": expected " + expected.size() + " elements, got " + actual.size() + ": " + actual;
        }
        return expected.equals(actual) ? null : path + ": expected " + expected + ", got " + actual;
    }
}
