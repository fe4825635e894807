package dev.tracekit.starter.client;

import org.springframework.boot.restclient.RestTemplateCustomizer;
import org.springframework.web.client.RestTemplate;

/** Adds {@link TracingClientHttpRequestInterceptor} to every {@code RestTemplate} built by {@code RestTemplateBuilder}. */
public final class TracingRestTemplateCustomizer implements RestTemplateCustomizer {

  private final TracingClientHttpRequestInterceptor interceptor;

  TracingRestTemplateCustomizer(TracingClientHttpRequestInterceptor interceptor) {
    this.interceptor = interceptor;
  }

  @Override
  public void customize(RestTemplate restTemplate) {
    if (!restTemplate.getInterceptors().contains(interceptor)) {
      restTemplate.getInterceptors().add(interceptor);
    }
  }
}
