package io.meshgate.gateway.filter;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses {@code where} conditions: {@code <field> <op> <literal>} joined by {@code and}, where a field is a name or
 * dotted path into the JSON value, op one of {@code == != < <= > >=}, and a literal a "quoted string", a number,
 * {@code true}, {@code false} or {@code null}. Errors name the position and what was expected there.
 */
final class WhereParser {

    private final String text;
    private int position;

    private WhereParser(String text) {
        this.text = text;
    }

    static List<FieldCondition> parse(String text) {
        WhereParser parser = new WhereParser(text);
        List<FieldCondition> conditions = new ArrayList<>();
        conditions.add(parser.condition());
        while (parser.skipSpaces() < text.length()) {
            parser.expectWord("and");
            conditions.add(parser.condition());
        }
        return List.copyOf(conditions);
    }

    private FieldCondition condition() {
        skipSpaces();
        int start = position;
        while (position < text.length() && (Character.isLetterOrDigit(text.charAt(position)) || "_.$-".indexOf(text.charAt(position)) >= 0)) {
            position++;
        }
        String field = text.substring(start, position);
        if (field.isEmpty() || field.startsWith(".") || field.endsWith(".")) {
            throw error("a field name like tier or customer.tier");
        }
        skipSpaces();
        String operator = FieldCondition.OPERATORS.stream().filter(op -> text.startsWith(op, position)).findFirst()
                .orElseThrow(() -> error("an operator: ==, !=, <, <=, > or >="));
        position += operator.length();
        skipSpaces();
        Object literal = literal();
        if (!(operator.equals("==") || operator.equals("!=")) && !(literal instanceof Number)) {
            throw new FilterException("where: '" + operator + "' compares numbers; '" + field + " " + operator
                    + "' needs a number, at position " + (position + 1) + " of: " + text);
        }
        return new FieldCondition(List.of(field.split("\\.")), operator, literal);
    }

    private Object literal() {
        if (position < text.length() && text.charAt(position) == '"') {
            int end = text.indexOf('"', position + 1);
            if (end < 0) {
                throw error("a closing \" for the string");
            }
            String value = text.substring(position + 1, end);
            position = end + 1;
            return value;
        }
        int start = position;
        while (position < text.length() && !Character.isWhitespace(text.charAt(position))) {
            position++;
        }
        String word = text.substring(start, position);
        switch (word) {
            case "true": return Boolean.TRUE;
            case "false": return Boolean.FALSE;
            case "null": return null;
            default:
                try {
                    return word.contains(".") || word.contains("e") ? (Object) Double.parseDouble(word) : (Object) Long.parseLong(word);
                } catch (NumberFormatException e) {
                    position = start;
                    throw error("a value: a \"quoted string\", a number, true, false or null");
                }
        }
    }

    private void expectWord(String word) {
        if (!text.startsWith(word, position) || position + word.length() < text.length()
                && !Character.isWhitespace(text.charAt(position + word.length()))) {
            throw error("'and' between conditions");
        }
        position += word.length();
    }

    private int skipSpaces() {
        while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
            position++;
        }
        return position;
    }

    private FilterException error(String expected) {
        String found = position >= text.length() ? "the end" : "'" + text.substring(position, Math.min(text.length(), position + 12)) + "'";
        return new FilterException("where: expected " + expected + " at position " + (position + 1) + ", found " + found
                + " in: " + text);
    }
}
