package dev.tracekit.demo.gateway;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.WebClient;

import reactor.core.publisher.Mono;

/** Asks auth-service who holds the caller's bearer token. */
final class AuthClient {

    private static final String SERVICE = "auth-service";

    private final WebClient client;

    AuthClient(WebClient client) {
        this.client = client;
    }

    /** The caller; fails with 401 when there is no token or auth-service does not know it. */
    Mono<User> authenticate(DemoRequest request) {
        if (request.authorization() == null) {
            return Mono.error(new ApiException(HttpStatus.UNAUTHORIZED,
                    "send 'Authorization: Bearer <token>' (demo tokens: demo-token-alice, demo-token-bob)"));
        }
        return client.get()
                .uri("/auth/validate")
                .headers(headers -> {
                    request.propagate(headers);
                    headers.set(HttpHeaders.AUTHORIZATION, request.authorization());
                })
                .retrieve()
                .bodyToMono(User.class)
                .onErrorMap(failure -> DownstreamFailures.translate(SERVICE, "GET /auth/validate", failure));
    }
}
