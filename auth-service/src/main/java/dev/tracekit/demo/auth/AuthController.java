package dev.tracekit.demo.auth;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Token validation for the gateway and user lookup. */
@RestController
@RequestMapping("/auth")
final class AuthController {

    private static final Logger log = LoggerFactory.getLogger(AuthController.class);

    private final TokenTable tokens;

    AuthController(TokenTable tokens) {
        this.tokens = tokens;
    }

    /** 200 with the user the bearer token belongs to, or 401 when there is no valid token. */
    @GetMapping("/validate")
    ResponseEntity<?> validate(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        Optional<DemoUser> user = BearerToken.from(authorization).flatMap(tokens::userForToken);
        if (user.isPresent()) {
            // One line per validation: the demo shows each service's logs beside its spans.
            log.info("token of user {} is valid", user.get().id());
            return ResponseEntity.ok(user.get());
        }
        log.warn("rejected a token validation: {}", authorization == null ? "no Authorization header" : "unknown bearer token");
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")
                .body(ApiError.of(HttpStatus.UNAUTHORIZED, authorization == null
                        ? "no Authorization header; send 'Authorization: Bearer <token>'"
                        : "the bearer token is unknown; the demo tokens are listed in auth-service/README.md"));
    }

    @GetMapping("/users/{id}")
    ResponseEntity<?> user(@PathVariable String id) {
        return tokens.user(id)
                .<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND)
                        .body(ApiError.of(HttpStatus.NOT_FOUND, "no user with id '" + id + "'")));
    }
}
