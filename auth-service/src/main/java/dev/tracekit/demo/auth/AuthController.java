package dev.tracekit.demo.auth;

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

    private final TokenTable tokens;

    AuthController(TokenTable tokens) {
        this.tokens = tokens;
    }

    /** 200 with the user the bearer token belongs to, or 401 when there is no valid token. */
    @GetMapping("/validate")
    ResponseEntity<?> validate(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        return BearerToken.from(authorization)
                .flatMap(tokens::userForToken)
                .<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")
                        .body(ApiError.of(HttpStatus.UNAUTHORIZED, authorization == null
                                ? "no Authorization header; send 'Authorization: Bearer <token>'"
                                : "the bearer token is unknown; the demo tokens are listed in auth-service/README.md")));
    }

    @GetMapping("/users/{id}")
    ResponseEntity<?> user(@PathVariable String id) {
        return tokens.user(id)
                .<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND)
                        .body(ApiError.of(HttpStatus.NOT_FOUND, "no user with id '" + id + "'")));
    }
}
