package dev.tracekit.starter.reliability;

import dev.tracekit.core.Baggage;
import dev.tracekit.core.Context;
import dev.tracekit.core.Scope;
import dev.tracekit.core.Span;
import dev.tracekit.core.Tracer;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.TreeMap;
import java.util.Map;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

/**
 * An application whose code puts user-controlled text with CR/LF and NUL into baggage and into a
 * span name, then calls another endpoint (itself) that reports the headers it received.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import(InjectionApp.Endpoints.class)
class InjectionApp {

  static final String EVIL = "acme\r\nX-Injected: yes\u0000";

  @Bean
  RestClient selfClient(RestClient.Builder builder) {
    return builder.build();
  }

  @RestController
  static class Endpoints {
    private final RestClient client;
    private final Tracer tracer;
    private final Environment environment;

    Endpoints(RestClient selfClient, Tracer tracer, Environment environment) {
      this.client = selfClient;
      this.tracer = tracer;
      this.environment = environment;
    }

    @GetMapping("/start")
    String start() {
      Span span = tracer.spanBuilder("load " + EVIL).startSpan();
      Baggage baggage = Context.current().baggage().with("tenant", EVIL).with("user", "alice\nX-Other: 1");
      try (Scope ignored = Context.current().with(span).with(baggage).makeCurrent()) {
        return client.get().uri("http://127.0.0.1:" + environment.getRequiredProperty("local.server.port") + "/headers")
            .retrieve().body(String.class);
      } finally {
        span.end();
      }
    }

    @GetMapping("/headers")
    Map<String, String> headers(HttpServletRequest request) {
      Map<String, String> headers = new TreeMap<>();
      for (String name : Collections.list(request.getHeaderNames())) {
        headers.put(name.toLowerCase(), request.getHeader(name));
      }
      return headers;
    }
  }
}
