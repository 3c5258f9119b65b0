package io.meshgate.bench;

/**
 * The requests of each lookup phase and what a right answer to each is. Answers are checked by their text, not
 * parsed, so the load generator spends its CPU on load: the key asked for, and where the answer came from.
 */
final class LookupTargets {

    private static final String PATH = "/v1/views/" + LookupMesh.VIEW + "/keys/";

    private LookupTargets() {
    }

    /** Keys of this region's own view: 200, naming the key, {@code "source":"local"}. */
    static HttpLoad.Target local(LookupValues values) {
        return keys(values, "", "\"source\":\"local\"");
    }

    /** Keys asked of {@code peer} ({@code ?region=}): 200, naming the key, answered there and forwarded. */
    static HttpLoad.Target forwarded(LookupValues values, String peer) {
        return keys(values, "?region=" + peer, "\"region\":\"" + peer + "\"", "\"source\":\"forwarded\"");
    }

    /**
     * Keys asked of a dead peer: {@code 503 view.peer.unavailable} at once while its breaker is open. Every 5 s the
     * breaker lets two probes through, which wait out their time limit and answer {@code 504 view.peer.timeout} (or
     * the 503 once the breaker opened again): right too, and slow, which the latency shows.
     */
    static HttpLoad.Target failFast(LookupValues values, String peer) {
        return new HttpLoad.Target(key -> PATH + values.key(key) + "?region=" + peer, (key, status, body) -> {
            String text = body.toString();
            boolean right = status == 503 && text.contains("\"view.peer.unavailable\"")
                    || status == 504 && text.contains("\"view.peer.timeout\"");
            return right ? null : "expected 503 view.peer.unavailable (or a probe's 504 view.peer.timeout), got " + status
                    + ": " + abbreviate(text);
        });
    }

    /** {@code GET /health/live}: the cheapest answer a gateway gives, to time a link's round trip. */
    static HttpLoad.Target live() {
        return new HttpLoad.Target(key -> "/health/live",
                (key, status, body) -> status == 200 ? null : "GET /health/live answered " + status);
    }

    /** 200 answers that name the key asked for and contain each of {@code mustContain}. */
    private static HttpLoad.Target keys(LookupValues values, String query, String... mustContain) {
        return new HttpLoad.Target(key -> PATH + values.key(key) + query, (key, status, body) -> {
            String text = body.toString();
            boolean right = status == 200 && text.contains("\"key\":\"" + values.key(key) + "\"");
            for (String part : mustContain) {
                right &= text.contains(part);
            }
            return right ? null : "GET " + PATH + values.key(key) + query + " answered " + status + ": " + abbreviate(text);
        });
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }
}
