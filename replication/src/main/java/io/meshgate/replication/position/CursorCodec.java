package io.meshgate.replication.position;

import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Cursor tokens: {@code c1.} followed by URL-safe base64 (no padding) of a compact binary form, so a token fits in
 * a URL query parameter and survives copy and paste. Version 1 holds the stream name, then per origin its
 * partitions and next offsets as variable-length integers, then a CRC-32 of all that, so a truncated or mangled
 * token is refused with a clear error instead of silently reading from the wrong place.
 */
public final class CursorCodec {

    static final String PREFIX_V1 = "c1.";
    private static final int MAX_TOKEN_CHARS = 64 * 1024;

    private CursorCodec() {
    }

    public static String encode(Cursor cursor) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeString(out, cursor.stream());
        writeVarLong(out, cursor.next().size());
        cursor.next().forEach((origin, partitions) -> {
            writeString(out, origin);
            writeVarLong(out, partitions.size());
            partitions.forEach((partition, offset) -> {
                writeVarLong(out, partition);
                writeVarLong(out, offset);
            });
        });
        byte[] body = out.toByteArray();
        CRC32 crc = new CRC32();
        crc.update(body);
        byte[] token = ByteBuffer.allocate(body.length + 4).put(body).putInt((int) crc.getValue()).array();
        return PREFIX_V1 + Base64.getUrlEncoder().withoutPadding().encodeToString(token);
    }

    /** Reads a token for {@code expectedStream}; a token of another stream is refused, not reinterpreted. */
    public static Cursor decode(String token, String expectedStream) {
        if (token == null || token.isBlank()) {
            throw new CursorException("cursor.missing", "the cursor is empty; pass the 'cursor' field of an event or heartbeat");
        }
        if (token.length() > MAX_TOKEN_CHARS) {
            throw new CursorException("cursor.malformed", "the cursor is " + token.length() + " characters long, more than any"
                    + " cursor meshgate issues (" + MAX_TOKEN_CHARS + "); pass the 'cursor' field unchanged");
        }
        if (!token.startsWith(PREFIX_V1)) {
            int dot = token.indexOf('.');
            throw new CursorException("cursor.version-unknown", dot > 0 && dot < 8
                    ? "cursor version '" + token.substring(0, dot) + "' is not known to this gateway (it reads c1); was it issued by a newer meshgate?"
                    : "this is not a meshgate cursor: cursors start with 'c1.'; pass the 'cursor' field of an event unchanged");
        }
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(token.substring(PREFIX_V1.length()));
        } catch (IllegalArgumentException e) {
            throw malformed("it is not URL-safe base64");
        }
        if (raw.length < 5) {
            throw malformed("it is too short");
        }
        ByteBuffer body = ByteBuffer.wrap(raw, 0, raw.length - 4);
        CRC32 crc = new CRC32();
        crc.update(raw, 0, raw.length - 4);
        if ((int) crc.getValue() != ByteBuffer.wrap(raw, raw.length - 4, 4).getInt()) {
            throw malformed("its checksum does not match (truncated or altered)");
        }
        Cursor cursor = read(body);
        if (!cursor.stream().equals(expectedStream)) {
            throw new CursorException("cursor.wrong-stream", "this cursor belongs to stream '" + cursor.stream()
                    + "', not '" + expectedStream + "'; subscribe to '" + cursor.stream() + "' with it, or start '"
                    + expectedStream + "' from earliest, latest or a timestamp");
        }
        return cursor;
    }

    private static Cursor read(ByteBuffer in) {
        try {
            String stream = readString(in);
            long origins = readVarLong(in);
            Map<String, Map<Integer, Long>> next = new HashMap<>();
            for (long o = 0; o < origins; o++) {
                String origin = readString(in);
                long partitions = readVarLong(in);
                Map<Integer, Long> offsets = new HashMap<>();
                for (long p = 0; p < partitions; p++) {
                    long partition = readVarLong(in);
                    if (partition > Integer.MAX_VALUE) {
                        throw malformed("a partition number is out of range");
                    }
                    offsets.put((int) partition, readVarLong(in));
                }
                next.put(origin, offsets);
            }
            if (in.hasRemaining()) {
                throw malformed("it has trailing bytes");
            }
            return new Cursor(stream, next);
        } catch (BufferUnderflowException e) {
            throw malformed("it ends too early");
        } catch (IllegalArgumentException e) {
            throw malformed("it holds an impossible position");
        }
    }

    private static CursorException malformed(String why) {
        return new CursorException("cursor.malformed", "the cursor cannot be read: " + why
                + "; pass the 'cursor' field of an event or heartbeat exactly as received");
    }

    private static void writeString(ByteArrayOutputStream out, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        writeVarLong(out, bytes.length);
        out.write(bytes, 0, bytes.length);
    }

    private static String readString(ByteBuffer in) {
        long length = readVarLong(in);
        if (length > in.remaining()) {
            throw malformed("a name runs past its end");
        }
        byte[] bytes = new byte[(int) length];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static void writeVarLong(ByteArrayOutputStream out, long value) {
        long rest = value;
        while ((rest & ~0x7FL) != 0) {
            out.write((int) ((rest & 0x7F) | 0x80));
            rest >>>= 7;
        }
        out.write((int) rest);
    }

    private static long readVarLong(ByteBuffer in) {
        long value = 0;
        for (int shift = 0; shift < 63; shift += 7) {
            byte b = in.get();
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                if (value < 0) {
                    throw malformed("a number is out of range");
                }
                return value;
            }
        }
        throw malformed("a number is too long");
    }
}
