package dev.tracekit.starter.micrometer;

import static dev.tracekit.starter.testsupport.InMemoryTraceKit.exportedSpan;
import static dev.tracekit.starter.testsupport.InMemoryTraceKit.exportedSpans;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.core.Context;
import dev.tracekit.core.Scope;
import dev.tracekit.core.SpanData;
import dev.tracekit.starter.testsupport.InMemoryTraceKit;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.NoopTracerAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.http.client.observation.ClientRequestObservationContext;
import org.springframework.http.client.observation.ClientRequestObservationConvention;
import org.springframework.http.client.observation.DefaultClientRequestObservationConvention;

/**
 * Spring's HTTP client observation, registered the way Spring Boot registers handlers (tracing
 * and metrics groups), around a request that is never sent: only the observation is exercised.
 */
class HttpObservationSpanSuppressorTests {

  private static final ClientRequestObservationConvention CONVENTION = new DefaultClientRequestObservationConvention();

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  ObservationAutoConfiguration.class,
                  MetricsAutoConfiguration.class,
                  CompositeMeterRegistryAutoConfiguration.class,
                  SimpleMetricsExportAutoConfiguration.class,
                  TraceKitMicrometerTracingAutoConfiguration.class,
                  MicrometerTracingAutoConfiguration.class,
                  NoopTracerAutoConfiguration.class))
          .withUserConfiguration(InMemoryTraceKit.class);

  @Test
  void springHttpClientObservationKeepsItsTimerButMakesNoSpanAndInjectsNoHeaders() {
    runner.run(context -> {
      ClientHttpRequest request = observeClientCallInsideRequestSpan(context);

      assertThat(request.getHeaders().containsHeader("traceparent"))
          .as("our client interceptor propagates, not Spring's sender handler")
          .isFalse();
      assertThat(exportedSpans(context)).extracting(SpanData::name).containsExactlyInAnyOrder("request", "nested");
      assertThat(exportedSpan(context, "nested").parentSpanIdHex())
          .as("a child of the HTTP observation hangs under our current span")
          .isEqualTo(exportedSpan(context, "request").spanIdHex());
      assertThat(context.getBean(MeterRegistry.class).get("http.client.requests").timer().count()).isEqualTo(1);
    });
  }

  @Test
  void withHttpObservationTracingOnSpringsObservationBecomesASpan() {
    runner.withPropertyValues("tracekit.micrometer.trace-http-observations=true").run(context -> {
      ClientHttpRequest request = observeClientCallInsideRequestSpan(context);

      assertThat(request.getHeaders().containsHeader("traceparent")).isTrue();
      assertThat(exportedSpans(context)).hasSize(3);
      assertThat(context.getBean(MeterRegistry.class).get("http.client.requests").timer().count()).isEqualTo(1);
    });
  }

  private static ClientHttpRequest observeClientCallInsideRequestSpan(AssertableApplicationContext context)
      throws Exception {
    ObservationRegistry registry = context.getBean(ObservationRegistry.class);
    dev.tracekit.core.Tracer tracer = context.getBean(dev.tracekit.core.Tracer.class);
    ClientHttpRequest request =
        new SimpleClientHttpRequestFactory().createRequest(URI.create("http://127.0.0.1:9/orders"), HttpMethod.GET);
    dev.tracekit.core.Span requestSpan = tracer.spanBuilder("request").startSpan();
    try (Scope ignored = Context.current().with(requestSpan).makeCurrent()) {
      ClientRequestObservationContext observationContext = new ClientRequestObservationContext(request);
      Observation.createNotStarted(CONVENTION, CONVENTION, () -> observationContext, registry)
          .observe(() -> Observation.createNotStarted("nested", registry).observe(() -> {}));
    } finally {
      requestSpan.end();
    }
    return request;
  }
}
