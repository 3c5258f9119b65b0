package io.meshgate.gateway.security;

import java.util.List;

/** Who a client is, from its verified token: its subject and roles. {@link #ANONYMOUS} when security is off. */
public record ClientIdentity(String subject, List<String> roles) {

    public static final ClientIdentity ANONYMOUS = new ClientIdentity("anonymous", List.of());

    public ClientIdentity {
        roles = List.copyOf(roles);
    }
}
