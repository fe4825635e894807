package dev.tracekit.demo.gateway;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the downstream services are and how the gateway calls them.
 *
 * @param authUrl base URL of auth-service
 * @param dataUrl base URL of data-service
 * @param connectTimeout how long a downstream connection may take to open
 * @param responseTimeout how long a downstream call may stay silent before it fails (504)
 * @param retries how many times a data-service read is retried after a 503 or a failed connection
 * @param retryBackoff the first pause between retries; it doubles with each retry
 * @param slowNetworkDelay the delay the {@code slow-network} scenario puts between sending a
 *        data-service call and its arrival
 */
@ConfigurationProperties("demo")
record GatewayProperties(
        @DefaultValue("http://localhost:8081") URI authUrl,
        @DefaultValue("http://localhost:8082") URI dataUrl,
        @DefaultValue("1s") Duration connectTimeout,
        @DefaultValue("2s") Duration responseTimeout,
        @DefaultValue("3") int retries,
        @DefaultValue("50ms") Duration retryBackoff,
        @DefaultValue("300ms") Duration slowNetworkDelay) {

    GatewayProperties {
        if (retries < 0 || retries > 10) {
            throw new IllegalArgumentException("demo.retries must be 0 to 10, was " + retries);
        }
        if (!positive(connectTimeout) || !positive(responseTimeout)) {
            throw new IllegalArgumentException("demo.connect-timeout and demo.response-timeout must be positive");
        }
    }

    private static boolean positive(Duration duration) {
        return !duration.isNegative() && !duration.isZero();
    }
}
