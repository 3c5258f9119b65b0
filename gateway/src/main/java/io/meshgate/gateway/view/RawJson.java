package io.meshgate.gateway.view;

/**
 * A stored value answered exactly as it was written: valid JSON text (the builder parsed it), which a view with
 * no enrichment and no projection passes through unchanged. Splicing the text into the answer saves parsing and
 * re-encoding it on every lookup, and keeps numbers exactly as the producer wrote them.
 */
record RawJson(String text) {
}
