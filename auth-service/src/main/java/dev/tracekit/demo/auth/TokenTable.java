package dev.tracekit.demo.auth;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * The demo's users and their bearer tokens, held in memory. Fixed on purpose: the demo needs
 * two well-known tokens, not an identity provider (see README.md).
 */
@Component
final class TokenTable {

    private static final DemoUser ALICE = new DemoUser("alice", "Alice Martin", 1, List.of("customer"));
    private static final DemoUser BOB = new DemoUser("bob", "Bob Nguyen", 2, List.of("customer"));

    private final Map<String, DemoUser> usersByToken = Map.of(
            "demo-token-alice", ALICE,
            "demo-token-bob", BOB);

    private final Map<String, DemoUser> usersById = Map.of(ALICE.id(), ALICE, BOB.id(), BOB);

    Optional<DemoUser> userForToken(String token) {
        return Optional.ofNullable(usersByToken.get(token));
    }

    Optional<DemoUser> user(String id) {
        return Optional.ofNullable(usersById.get(id));
    }
}
