package dev.tracekit.starter.client;

import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.web.client.RestClient;

/** Adds {@link TracingClientHttpRequestInterceptor} to every {@code RestClient.Builder} Spring Boot provides. */
public final class TracingRestClientCustomizer implements RestClientCustomizer {

  private final TracingClientHttpRequestInterceptor interceptor;

  TracingRestClientCustomizer(TracingClientHttpRequestInterceptor interceptor) {
    this.interceptor = interceptor;
  }

  @Override
  public void customize(RestClient.Builder builder) {
    builder.requestInterceptors(
        interceptors -> {
          if (!interceptors.contains(interceptor)) {
            interceptors.add(interceptor);
          }
        });
  }
}
