package dev.tracekit.starter.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.core.Context;
import dev.tracekit.core.propagation.TextMapGetter;
import dev.tracekit.core.propagation.TextMapPropagator;
import dev.tracekit.core.propagation.TextMapSetter;
import dev.tracekit.starter.support.InstrumentationErrors;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Tracing that fails must never fail the application's request: with a propagator that throws
 * on every call, servlet and WebFlux requests and RestClient and WebClient calls still succeed,
 * and each failure is counted.
 */
class InstrumentationFailureIntegrationTests {

  private final HttpClient http = TestHttp.CLIENT;

  /** A propagator broken in every method, supplied by "the application". */
  static final class BrokenPropagator implements TextMapPropagator {
    @Override
    public List<String> fields() {
      return List.of();
    }

    @Override
    public <C> void inject(Context context, C carrier, TextMapSetter<C> setter) {
      throw new IllegalStateException("broken propagator (inject)");
    }

    @Override
    public <C> Context extract(Context context, C carrier, TextMapGetter<C> getter) {
      throw new IllegalStateException("broken propagator (extract)");
    }
  }

  private ConfigurableApplicationContext start(Class<?> app, WebApplicationType type) {
    return new SpringApplicationBuilder(app)
        .web(type)
        .properties(
            "server.port=0",
            "tracekit.exporter.enabled=false",
            // The failures are expected here; their rate-limited warning is tested elsewhere.
            "logging.level.dev.tracekit.starter.support=OFF")
        .initializers(context -> context.getBeanFactory().registerSingleton("brokenPropagator", new BrokenPropagator()))
        .run();
  }

  private String get(ConfigurableApplicationContext app, String path) throws Exception {
    int port = ((WebServerApplicationContext) app).getWebServer().getPort();
    HttpResponse<String> response =
        http.send(TestHttp.request("http://localhost:" + port + path).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path).isEqualTo(200);
    return response.body();
  }

  @Test
  void servletRequestsAndRestClientCallsSucceedWhenTracingFails() throws Exception {
    try (ConfigurableApplicationContext app = start(MvcApp.class, WebApplicationType.SERVLET)) {
      long before = InstrumentationErrors.count();
      assertThat(get(app, "/call/rest-client")).startsWith("user 42");
      assertThat(get(app, "/call/rest-template")).startsWith("user 43");
      // Two server requests per call fail to extract, each client call fails to inject.
      assertThat(InstrumentationErrors.count() - before).isGreaterThanOrEqualTo(6);
    }
  }

  @Test
  void webFluxRequestsAndWebClientCallsSucceedWhenTracingFails() throws Exception {
    try (ConfigurableApplicationContext app = start(WebFluxApp.class, WebApplicationType.REACTIVE)) {
      long before = InstrumentationErrors.count();
      assertThat(get(app, "/call/retrying/f1")).isEqualTo("ok after 2");
      assertThat(InstrumentationErrors.count() - before).isGreaterThanOrEqualTo(5);
    }
  }
}
