package io.meshgate.gateway.subscribe;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.internal.http.WebSocketInternal;

/**
 * Holds back the flushes of a subscriber's connection while a burst of events is written to it, and flushes once at
 * the end: the burst goes out in one system call. Vert.x flushes every frame it writes, and with a thousand
 * subscribers on one event loop a {@code write(2)} per event per subscriber is most of the gateway's work. Held,
 * a loop that falls behind sends several events per call, so its cost per event falls as its load rises.
 *
 * <p>Sits first in the connection's pipeline. Confined to the connection's event loop, like the socket.
 */
final class HeldFlushes extends ChannelOutboundHandlerAdapter {

    private static final String NAME = "meshgate-held-flushes";

    private ChannelHandlerContext ctx;
    private boolean holding;
    private boolean flushWanted;

    /**
     * Installs itself on {@code socket}'s connection; call on the socket's event loop. Null when the socket is not
     * Vert.x's own (a wrapper hides the connection): then every frame is flushed as Vert.x does by default.
     */
    static HeldFlushes install(ServerWebSocket socket) {
        if (!(socket instanceof WebSocketInternal internal)) {
            return null;
        }
        HeldFlushes held = new HeldFlushes();
        internal.channelHandlerContext().pipeline().addFirst(NAME, held);
        return held;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    void hold() {
        holding = true;
    }

    /** Stops holding and sends whatever was written meanwhile. */
    void release() {
        holding = false;
        if (flushWanted) {
            flushWanted = false;
            ctx.flush();
        }
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        if (holding) {
            flushWanted = true;
        } else {
            ctx.flush();
        }
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        // Nothing written before a close is ever left behind.
        holding = false;
        flushWanted = false;
        ctx.flush();
        ctx.close(promise);
    }
}
