package io.meshgate.config;

/** RFC 6901 JSON pointers as the config uses them: {@code /customerId}, {@code /customer/id}, {@code /items/0/sku}. */
public final class JsonPointers {

    private JsonPointers() {
    }

    /** What is wrong with {@code pointer}, or null when it is a usable pointer to a value inside a document. */
    public static String problem(String pointer) {
        if (pointer == null || pointer.isEmpty()) {
            return "it is empty";
        }
        if (!pointer.startsWith("/")) {
            return "a JSON pointer starts with '/'";
        }
        if (pointer.equals("/")) {
            return "name a field after the '/'";
        }
        for (int i = 0; i < pointer.length(); i++) {
            if (pointer.charAt(i) == '~' && (i + 1 >= pointer.length() || "01".indexOf(pointer.charAt(i + 1)) < 0)) {
                return "'~' must be written ~0, and '/' inside a name ~1";
            }
        }
        return null;
    }

    /** The pointer's reference tokens, unescaped: {@code /a~1b/c} is {@code [a/b, c]}. */
    public static String[] tokens(String pointer) {
        String[] tokens = pointer.substring(1).split("/", -1);
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = tokens[i].replace("~1", "/").replace("~0", "~");
        }
        return tokens;
    }
}
