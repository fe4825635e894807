package dev.tracekit.starter.testsupport;

import dev.tracekit.core.InMemorySpanExporter;
import dev.tracekit.core.SpanData;
import dev.tracekit.core.TraceKit;
import dev.tracekit.core.Tracer;
import java.time.Duration;
import java.util.List;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A real TraceKit whose spans go to the core's in-memory exporter, as a user configuration:
 * the auto-configurations under test find its {@link Tracer} bean.
 */
@Configuration(proxyBeanMethods = false)
public class InMemoryTraceKit {

  @Bean
  InMemorySpanExporter inMemorySpanExporter() {
    return InMemorySpanExporter.create();
  }

  @Bean(destroyMethod = "close")
  TraceKit traceKit(InMemorySpanExporter exporter) {
    return TraceKit.builder().serviceName("starter-test").spanExporter(exporter).build();
  }

  @Bean
  Tracer traceKitTracer(TraceKit traceKit) {
    return traceKit.tracer();
  }

  /** Every span ended so far, after flushing the pipeline. */
  public static List<SpanData> exportedSpans(ApplicationContext context) {
    TraceKit traceKit = context.getBean(TraceKit.class);
    if (!traceKit.flush(Duration.ofSeconds(30))) {
      throw new AssertionError("TraceKit did not flush its spans");
    }
    return context.getBean(InMemorySpanExporter.class).spans();
  }

  /** The one exported span named {@code name}. */
  public static SpanData exportedSpan(ApplicationContext context, String name) {
    List<SpanData> matching = exportedSpans(context).stream().filter(s -> s.name().equals(name)).toList();
    if (matching.size() != 1) {
      throw new AssertionError("expected one span named '" + name + "' but found " + matching.size()
          + " in " + exportedSpans(context).stream().map(SpanData::name).toList());
    }
    return matching.get(0);
  }
}
