package dev.tracekit.demo.auth;

import java.util.List;

/** A signed-in user as the gateway sees it: who, which customer account, which roles. */
record DemoUser(String id, String name, long customerId, List<String> roles) {

    DemoUser {
        roles = List.copyOf(roles);
    }
}
