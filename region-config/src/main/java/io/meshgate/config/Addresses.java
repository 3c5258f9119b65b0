package io.meshgate.config;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Rules for network addresses: Kafka bootstrap lists and gateway base URLs. */
final class Addresses {

    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.%a-zA-Z]+");
    private static final Pattern DIGITS = Pattern.compile("\\d{1,5}");
    private static final String GATEWAY_EXAMPLE = "like http://10.0.0.5:8081 or https://gateway.example.com";

    private Addresses() {
    }

    /**
     * Checks a comma-separated {@code host:port} list and returns it normalised (entries trimmed,
     * joined by commas), or null when it is unusable. Problems on one entry name it by index, so a
     * YAML list form of the setting points at the right line.
     */
    static String bootstrapServers(Problems p, String field, String entity, String servers) {
        if (servers == null || servers.isBlank()) {
            p.add(field, entity + ": " + Fields.BOOTSTRAP_SERVERS
                    + " is required: a comma-separated list of host:port, like broker1:9092,broker2:9092");
            return null;
        }
        String[] entries = servers.split(",", -1);
        List<String> clean = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i].trim();
            String problem = hostPortProblem(entry);
            if (problem != null) {
                p.add(Fields.index(field, i), entity + ": " + Fields.BOOTSTRAP_SERVERS + " entry '" + entry + "' " + problem);
                ok = false;
            }
            clean.add(entry);
        }
        return ok ? String.join(",", clean) : null;
    }

    /** Checks a list of distinct {@code host:port} entries, naming each bad one by index. */
    static void hostPorts(Problems p, String field, String entity, String setting, List<String> entries) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            String entry = entries.get(i) == null ? "" : entries.get(i).trim();
            String problem = hostPortProblem(entry);
            if (problem != null) {
                p.add(Fields.index(field, i), entity + ": " + setting + " entry '" + entry + "' " + problem);
            } else if (!seen.add(entry)) {
                p.add(Fields.index(field, i), entity + ": " + setting + " lists '" + entry + "' twice; each instance needs its own address");
            }
        }
    }

    /** Why {@code entry} is not {@code host:port}, or null when it is. */
    private static String hostPortProblem(String entry) {
        if (entry.isEmpty()) {
            return "is empty: remove the stray comma";
        }
        int colon = entry.lastIndexOf(':');
        if (colon < 0) {
            return "has no port: write it as host:port, like " + entry + ":9092";
        }
        String host = entry.substring(0, colon);
        String port = entry.substring(colon + 1);
        boolean bracketed = host.startsWith("[") && host.endsWith("]") && host.length() > 2;
        if (bracketed ? !IPV6.matcher(host.substring(1, host.length() - 1)).matches() : !HOST.matcher(host).matches()) {
            return host.contains(":") && !bracketed
                    ? "looks like an IPv6 address: put it in brackets, like [::1]:9092"
                    : "has an invalid host '" + host + "': write it as host:port, like broker1:9092";
        }
        if (!DIGITS.matcher(port).matches() || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
            return "has an invalid port '" + port + "': ports are 1..65535";
        }
        return null;
    }

    /** Checks that {@code gateway} is a base URL peers can reach: absolute http(s), with a host. */
    static void gateway(Problems p, String field, String entity, URI gateway) {
        if (gateway == null) {
            p.add(field, entity + ": " + Fields.GATEWAY
                    + " is required: the base URL peers use to reach this region's gateway, " + GATEWAY_EXAMPLE);
            return;
        }
        String scheme = gateway.getScheme() == null ? "" : gateway.getScheme().toLowerCase(Locale.ROOT);
        if (!gateway.isAbsolute() || gateway.isOpaque() || !(scheme.equals("http") || scheme.equals("https"))) {
            p.add(field, entity + ": gateway '" + gateway + "' must be an absolute http:// or https:// URL, " + GATEWAY_EXAMPLE);
            return;
        }
        if (gateway.getHost() == null) {
            p.add(field, entity + ": gateway '" + gateway
                    + "' has no usable host (host names may only contain letters, digits, '.' and '-'), " + GATEWAY_EXAMPLE);
        }
        if (gateway.getPort() != -1 && (gateway.getPort() < 1 || gateway.getPort() > 65535)) {
            p.add(field, entity + ": gateway '" + gateway + "' has port " + gateway.getPort()
                    + ": use 1..65535, or leave it out for the scheme's default");
        }
        if (gateway.getRawQuery() != null || gateway.getRawFragment() != null) {
            p.add(field, entity + ": gateway '" + gateway + "' is a base URL and must not have a query or fragment");
        }
    }

    /** The gateway's port, filling in the scheme's default when the URL has none. */
    static int port(URI gateway) {
        if (gateway.getPort() != -1) {
            return gateway.getPort();
        }
        return "https".equalsIgnoreCase(gateway.getScheme()) ? 443 : 80;
    }
}
