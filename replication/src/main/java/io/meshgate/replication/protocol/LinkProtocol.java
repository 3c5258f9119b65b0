package io.meshgate.replication.protocol;

/**
 * Constants of the gateway link protocol, version {@value #VERSION}.
 *
 * <p>A link is one WebSocket from a receiving region's gateway (the client) to an origin region's gateway
 * (the server) at {@value #PATH}. Control messages are JSON text frames with a {@code type}; replicated
 * records travel as binary frames encoded by {@link RecordBatchCodec}. The exchange is:
 * <pre>
 *   client: hello {protocol, region, instance}      server: welcome {protocol, region}
 *   client: describe {stream}                       server: described {stream, topic, partitions}
 *   client: subscribe {stream, subscription, positions}   server: binary record batches ...
 *   client: unsubscribe {stream}                    (the stream left this region's config)
 *                                                   server: gap {stream, partition, from, to}   (offsets lost at the origin)
 *   client: progress {streams: {s: {p: next}}}      server: heartbeat {time, streams: {s: {p: logEnd}}}
 *   either: error {code, message[, stream]}
 * </pre>
 * Heartbeats and progress messages flow every heartbeat interval in both directions, so either side can
 * tell a dead link (a half-open TCP connection) from an idle one.
 */
public final class LinkProtocol {

    public static final int VERSION = 1;
    public static final String PATH = "/v1/link";

    /** Header naming the region where a replicated record was first written. */
    public static final String ORIGIN_HEADER = "meshgate.origin";
    /** Header holding the record's offset in its origin topic, as a decimal string. */
    public static final String ORIGIN_OFFSET_HEADER = "meshgate.origin.offset";

    /**
     * Header counting how many links a record crossed: 1 on a replica of a record written by a producer. Replicas
     * are never re-replicated, so anything above 1 reveals data copied from a replica back into an origin topic.
     */
    public static final String HOPS_HEADER = "meshgate.hops";

    /** WebSocket close code for a peer that broke the protocol (RFC 6455 1002). */
    public static final short CLOSE_PROTOCOL_ERROR = 1002;
    /** WebSocket close code for a link closed because it went silent past its idle timeout. */
    public static final short CLOSE_IDLE = 4000;
    /** WebSocket close code for a gateway shutting down (RFC 6455 1001). */
    public static final short CLOSE_GOING_AWAY = 1001;

    private LinkProtocol() {
    }
}
