package io.meshgate.replication.protocol;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a gateway proves, when it opens a link, that it belongs to the mesh: with a secret every region shares, it
 * signs its region and the time, and sends {@code Authorization: MeshgateLink region="us-east", time="1796400000",
 * mac="..."} with the WebSocket handshake. The secret itself never crosses the WAN, and a captured header is good for
 * {@link #MAX_CLOCK_SKEW} only.
 *
 * <p>To rotate the secret without a moment in which regions refuse each other, a gateway may hold several: it signs
 * with the first and accepts any of them.
 *
 * <p>Immutable and thread-safe. {@link #none()} stands for a mesh whose links are not authenticated: it sends
 * nothing and accepts every link.
 */
public final class LinkCredentials {

    public static final String SCHEME = "MeshgateLink";
    /** How far apart two regions' clocks may be, and how long a captured header stays usable. */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);
    /** Shorter secrets are refused: the MAC is no stronger than the secret. */
    public static final int MIN_SECRET_BYTES = 16;
    private static final String ALGORITHM = "HmacSHA256";
    private static final String CONTEXT = "meshgate-link-v1";
    private static final LinkCredentials NONE = new LinkCredentials(List.of());

    /** The first signs; any is accepted. Empty: links are not authenticated. */
    private final List<byte[]> secrets;

    private LinkCredentials(List<byte[]> secrets) {
        this.secrets = secrets;
    }

    /** Links are not authenticated: nothing is sent, every link is accepted. */
    public static LinkCredentials none() {
        return NONE;
    }

    /** Links carry and require a MAC made with {@code secret}, which every region of the mesh must share. */
    public static LinkCredentials sharedSecret(byte[] secret) {
        return sharedSecrets(Collections.singletonList(secret));
    }

    /** As {@link #sharedSecret}, signing with the first of {@code secrets} and accepting a MAC made with any of them. */
    public static LinkCredentials sharedSecrets(List<byte[]> secrets) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("no link secret given");
        }
        for (int i = 0; i < secrets.size(); i++) {
            byte[] secret = secrets.get(i);
            if (secret == null || secret.length < MIN_SECRET_BYTES) {
                throw new IllegalArgumentException("the link secret" + (secrets.size() > 1 ? " number " + (i + 1) : "")
                        + " must be at least " + MIN_SECRET_BYTES + " bytes long; got " + (secret == null ? 0 : secret.length)
                        + " (generate one with: openssl rand -base64 32)");
            }
        }
        return new LinkCredentials(secrets.stream().map(byte[]::clone).toList());
    }

    public boolean required() {
        return !secrets.isEmpty();
    }

    /** The {@code Authorization} value a gateway of {@code region} sends when it dials, or null without a secret. */
    public String authorization(String region, Instant now) {
        if (secrets.isEmpty()) {
            return null;
        }
        long time = now.getEpochSecond();
        return SCHEME + " region=\"" + region + "\", time=\"" + time + "\", mac=\"" + mac(secrets.get(0), region, time) + "\"";
    }

    /**
     * The region an incoming link proved it belongs to, from its {@code Authorization} header (null when links are
     * not authenticated, whatever the header).
     *
     * @param peers the regions that may link here: every region of the mesh but this one
     * @throws LinkAuthException naming what is wrong: missing, malformed, unknown region, too old or new, bad MAC
     */
    public String verify(String authorization, Collection<String> peers, Instant now) {
        if (secrets.isEmpty()) {
            return null;
        }
        if (authorization == null || authorization.isBlank()) {
            throw new LinkAuthException("link.auth.missing", "no link credentials: this mesh's links need the shared"
                    + " secret (security.links); is the dialing gateway running with it?");
        }
        Map<String, String> fields = fields(authorization);
        String region = fields.get("region");
        String timeText = fields.get("time");
        String mac = fields.get("mac");
        if (region == null || timeText == null || mac == null || !timeText.matches("\\d{1,18}")) {
            throw new LinkAuthException("link.auth.malformed", "link credentials must be " + SCHEME
                    + " region=\"...\", time=\"<epoch seconds>\", mac=\"...\"");
        }
        if (!peers.contains(region)) {
            throw new LinkAuthException("link.auth.unknown-region", "link credentials name region '" + region
                    + "', which is not a peer in this gateway's mesh config (peers: " + peers + ")");
        }
        long time = Long.parseLong(timeText);
        long skew = Math.abs(now.getEpochSecond() - time);
        if (skew > MAX_CLOCK_SKEW.toSeconds()) {
            throw new LinkAuthException("link.auth.expired", "link credentials of region '" + region + "' are "
                    + skew + " s away from this gateway's clock (at most " + MAX_CLOCK_SKEW.toSeconds()
                    + " s): synchronise the regions' clocks (NTP)");
        }
        byte[] received = mac.getBytes(StandardCharsets.US_ASCII);
        for (byte[] secret : secrets) {
            if (MessageDigest.isEqual(mac(secret, region, time).getBytes(StandardCharsets.US_ASCII), received)) {
                return region;
            }
        }
        throw new LinkAuthException("link.auth.invalid", "link credentials of region '" + region
                + "' were not made with this mesh's link secret: every region must use the same one");
    }

    private static String mac(byte[] secret, String region, long time) {
        try {
            Mac hmac = Mac.getInstance(ALGORITHM);
            hmac.init(new SecretKeySpec(secret, ALGORITHM));
            byte[] signed = hmac.doFinal((CONTEXT + "\n" + region + "\n" + time).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(signed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /** {@code MeshgateLink a="x", b="y"} as a map; empty when the scheme is another or a field is not name="value". */
    private static Map<String, String> fields(String authorization) {
        Map<String, String> fields = new LinkedHashMap<>();
        String text = authorization.trim();
        if (!text.startsWith(SCHEME + " ")) {
            return fields;
        }
        for (String part : text.substring(SCHEME.length() + 1).split(",")) {
            String[] nameValue = part.trim().split("=", 2);
            if (nameValue.length != 2 || !nameValue[1].matches("\"[^\"]*\"")) {
                return Map.of();
            }
            fields.put(nameValue[0], nameValue[1].substring(1, nameValue[1].length() - 1));
        }
        return fields;
    }

    @Override
    public String toString() {
        return secrets.isEmpty() ? "LinkCredentials[none]" : "LinkCredentials[" + secrets.size() + " shared secret(s)]";
    }
}
