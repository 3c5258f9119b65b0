package io.meshgate.gateway.subscribe;

import io.meshgate.gateway.filter.FilterException;
import io.meshgate.config.StreamConfig;
import io.meshgate.gateway.security.ClientIdentity;
import io.meshgate.replication.position.CursorException;
import io.vertx.core.MultiMap;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/**
 * A subscriber's WebSocket from the moment it is admitted: reads what the client sends (a first {@code subscribe}
 * message when the URL has no {@code from}, then credits), within the frame-size and message-rate limits, and
 * hands the stream's events to a {@link SubscriptionSession}. Confined to the socket's event loop.
 */
final class SubscriberSocket {

    private static final long START_TIMEOUT_MS = 30_000;
    private static final String CREDIT_EXAMPLE = "{\"type\":\"credit\",\"n\":100}";

    private final SubscribeContext ctx;
    private final ServerWebSocket socket;
    private final StreamConfig stream;
    private final ClientIdentity client;
    private final String clientKey;
    private final MessageRate rate;
    private SubscriptionSession session;
    private long startTimer = -1;
    private boolean released;

    private SubscriberSocket(SubscribeContext ctx, ServerWebSocket socket, StreamConfig stream, ClientIdentity client,
                             String clientKey) {
        this.ctx = ctx;
        this.socket = socket;
        this.stream = stream;
        this.client = client;
        this.clientKey = clientKey;
        this.rate = new MessageRate(ctx.limits().maxMessagesPerSecond());
    }

    /** Takes over an admitted socket; starts at once when the URL says where from, else waits for the first message. */
    static void open(SubscribeContext ctx, ServerWebSocket socket, StreamConfig stream, MultiMap params,
                     ClientIdentity client, String clientKey) {
        SubscriberSocket subscriber = new SubscriberSocket(ctx, socket, stream, client, clientKey);
        socket.textMessageHandler(subscriber::onText);
        socket.binaryMessageHandler(frame -> subscriber.refuse("subscription.message.invalid",
                "send JSON text frames, like " + CREDIT_EXAMPLE, SubscribeFrames.CLOSE_BAD_REQUEST));
        socket.closeHandler(v -> subscriber.release());
        if (params.contains("from")) {
            subscriber.start(() -> SubscriptionRequest.fromParams(params, stream.name()));
        } else {
            subscriber.startTimer = ctx.vertx().setTimer(START_TIMEOUT_MS, id -> subscriber.refuse("subscribe.start.missing",
                    "no start given: put from=earliest|latest|ts:<epoch-ms>|<cursor> on the URL, or send"
                            + " {\"type\":\"subscribe\",\"from\":\"earliest\",\"credit\":100} first", SubscribeFrames.CLOSE_BAD_REQUEST));
        }
    }

    private void onText(String text) {
        if (text.length() > ctx.limits().maxFrameBytes()) {
            refuse("subscription.frame.too-large", "a message of " + text.length() + " characters is over this gateway's"
                    + " limit of " + ctx.limits().maxFrameBytes() + " bytes (subscriptions.max-frame-bytes)", SubscribeFrames.CLOSE_TOO_BIG);
            return;
        }
        if (!rate.tryAcquire(System.nanoTime())) {
            refuse("subscription.rate.exceeded", "more than " + ctx.limits().maxMessagesPerSecond() + " messages per second"
                    + " (subscriptions.max-messages-per-second); grant credit in larger steps instead of one at a time",
                    SubscribeFrames.CLOSE_POLICY);
            return;
        }
        JsonObject message;
        try {
            message = new JsonObject(text);
        } catch (DecodeException | ClassCastException e) {
            refuse("subscription.message.invalid", "a message must be a JSON object like " + CREDIT_EXAMPLE,
                    SubscribeFrames.CLOSE_BAD_REQUEST);
            return;
        }
        Object type = message.getValue("type");
        if ("subscribe".equals(type) && session == null) {
            start(() -> SubscriptionRequest.fromMessage(message, stream.name()));
        } else if ("credit".equals(type) && message.getValue("n") instanceof Number n && n.longValue() > 0
                && n.longValue() <= SubscriptionRequest.MAX_CREDIT && n.doubleValue() == n.longValue()) {
            if (session == null) {
                start(() -> new SubscriptionRequest(new io.meshgate.replication.subscribe.StartPosition.Latest(),
                        n.longValue(), EventFilter.ALL));
            } else {
                session.grant(n.longValue());
            }
        } else {
            refuse("subscription.message.invalid", "unexpected message " + SubscribeFrames.abbreviate(text) + "; a"
                    + " subscriber sends " + CREDIT_EXAMPLE + " (n from 1 to " + SubscriptionRequest.MAX_CREDIT + ")"
                    + (session == null ? ", or first {\"type\":\"subscribe\",\"from\":...}" : ""), SubscribeFrames.CLOSE_BAD_REQUEST);
        }
    }

    private void start(java.util.function.Supplier<SubscriptionRequest> parse) {
        ctx.vertx().cancelTimer(startTimer);
        SubscriptionRequest request;
        try {
            request = parse.get();
        } catch (CursorException e) {
            refuse(e.code(), e.getMessage(), SubscribeFrames.CLOSE_BAD_REQUEST);
            return;
        } catch (FilterException e) {
            refuse("subscribe.filter.invalid", e.getMessage(), SubscribeFrames.CLOSE_BAD_REQUEST);
            return;
        }
        session = new SubscriptionSession(ctx, socket, stream, request.filter(), client, this::release);
        session.start(stream, request.start(), request.credit());
    }

    private void refuse(String code, String message, short closeCode) {
        SubscribeFrames.fail(socket, code, message, closeCode);
        release();
    }

    /** Gives back the subscription slot and everything the subscription held; safe to call more than once. */
    private void release() {
        if (released) {
            return;
        }
        released = true;
        ctx.vertx().cancelTimer(startTimer);
        ctx.admission().release(clientKey);
        if (session != null) {
            session.stop();
        }
    }
}
