package io.meshgate.gateway.subscribe;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** On a real (embedded) Netty channel: what is written while held leaves at release, at once otherwise, and on close. */
class HeldFlushesTest {

    private final HeldFlushes held = new HeldFlushes();
    private final EmbeddedChannel channel = new EmbeddedChannel(held);

    @Test
    void writesWhileHeldLeaveTogetherAtRelease() {
        held.hold();
        channel.writeAndFlush(text("one"));
        channel.writeAndFlush(text("two"));
        assertNull(channel.readOutbound(), "nothing may leave while held");

        held.release();
        assertEquals("one", read());
        assertEquals("two", read());
        assertNull(channel.readOutbound());
    }

    @Test
    void writesFlushAtOnceWhenNotHeld() {
        channel.writeAndFlush(text("alone"));
        assertEquals("alone", read());

        held.hold();
        held.release();
        channel.writeAndFlush(text("after a burst"));
        assertEquals("after a burst", read());
    }

    @Test
    void aCloseSendsWhatWasHeld() {
        held.hold();
        channel.writeAndFlush(text("last words"));
        channel.close();
        assertEquals("last words", read());
    }

    private static ByteBuf text(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
    }

    private String read() {
        ByteBuf out = channel.readOutbound();
        try {
            return out == null ? null : out.toString(StandardCharsets.UTF_8);
        } finally {
            if (out != null) {
                out.release();
            }
        }
    }
}
