package io.meshgate.config;

import java.util.List;

/**
 * A materialized view: the latest value per key of a stream, built in every region that holds the stream and
 * answered by key.
 *
 * @param name   the view name, such as {@code orders-by-id}; also the key under {@code views:}
 * @param stream the stream the view is built from
 * @param key    where a record's view key comes from: {@value #RECORD_KEY} (the Kafka record key) or a JSON pointer
 *               into the value, such as {@code /orderId}; null means {@value #RECORD_KEY}
 * @param where  optional filter on the (enriched) value, in the subscription filter language
 *               ({@code tier == "PLATINUM" and amount > 100}); null means every record
 * @param fields optional projection of the (enriched) value, dotted paths; empty means the whole value
 * @param enrich optional join with another view; null means none
 */
public record ViewConfig(String name, String stream, String key, String where, List<String> fields, Enrichment enrich) {

    /** The {@code key} that means the Kafka record key. */
    public static final String RECORD_KEY = "record-key";

    /**
     * Adds to each value the value another view holds under a key taken from this value: {@code orders} enriched
     * with {@code customers} on {@code /customerId} as {@code customer}. Joined when asked, so a change on the
     * table side shows in the next answer.
     *
     * @param view the view to look up (typically a table keyed by record key)
     * @param on   JSON pointer into this view's value giving the key to look up
     * @param as   the field of the answer that holds what was found (null when nothing was)
     */
    public record Enrichment(String view, String on, String as) {
    }

    public ViewConfig {
        Problems p = new Problems();
        String entity = "view '" + name + "'";
        NameRules.checkId(p, "views." + name, "view name", name);
        p.require(stream != null && !stream.isBlank(), "views." + name + ".stream",
                entity + ": stream is required: the stream the view is built from");
        key = key == null ? RECORD_KEY : key;
        p.require(key.equals(RECORD_KEY) || JsonPointers.problem(key) == null, "views." + name + ".key",
                entity + ": key '" + key + "' must be " + RECORD_KEY + " or a JSON pointer like /orderId"
                        + (key.equals(RECORD_KEY) ? "" : " (" + JsonPointers.problem(key) + ")"));
        fields = fields == null ? List.of() : List.copyOf(fields);
        for (int i = 0; i < fields.size(); i++) {
            String field = fields.get(i);
            p.require(field != null && field.matches("[A-Za-z0-9_$-]+(\\.[A-Za-z0-9_$-]+)*"),
                    Fields.index("views." + name + ".fields", i), entity + ": fields entry '" + field
                            + "' is not a field name or dotted path like customer.tier");
        }
        if (enrich != null) {
            String at = "views." + name + ".enrich";
            p.require(enrich.view() != null && NameRules.isId(enrich.view()), at + ".view",
                    entity + ": enrich.view must name the view to look up, like customers");
            p.require(enrich.on() != null && JsonPointers.problem(enrich.on()) == null, at + ".on",
                    entity + ": enrich.on must be a JSON pointer into this view's value, like /customerId");
            p.require(enrich.as() != null && enrich.as().matches("[A-Za-z0-9_$-]+"), at + ".as",
                    entity + ": enrich.as must be a field name for the joined value, like customer");
            p.require(!name.equals(enrich.view()), at + ".view", entity + ": a view cannot enrich itself");
        }
        p.throwIfAny();
    }

    /** Whether the key is the Kafka record key (rather than a field of the value). */
    public boolean keyedByRecordKey() {
        return RECORD_KEY.equals(key);
    }
}
