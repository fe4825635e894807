package dev.tracekit.demo.gateway;

import java.util.List;

/** The caller, as auth-service describes the owner of a bearer token. */
record User(String id, String name, long customerId, List<String> roles) {
}
