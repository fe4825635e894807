package dev.tracekit.core;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The SDK in one object: a {@link Tracer}, a {@link LogEmitter}, their export pipelines (one
 * daemon exporter thread each) and their {@link TraceKitMetrics}. Build one per process and
 * {@link #close()} it at exit to deliver what is still queued.
 *
 * <pre>{@code
 * TraceKit tk = TraceKit.builder()
 *     .serviceName("orders")
 *     .sampler(Sampler.parentBased(Sampler.traceIdRatio(0.1)))
 *     .spanExporter(exporter)
 *     .build();
 * Span span = tk.tracer().spanBuilder("load order").startSpan();
 * try (Scope ignored = Context.current().with(span).makeCurrent()) {
 *   ...
 * } finally {
 *   span.end();
 * }
 * }</pre>
 */
public final class TraceKit implements AutoCloseable {

  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

  private final Resource resource;
  private final TraceKitMetrics metrics;
  private final Tracer tracer;
  private final LogEmitter logs;
  private final BatchProcessor<SpanData> spanProcessor;
  private final BatchProcessor<LogRecordData> logProcessor;

  private TraceKit(Builder b) {
    Resource base = b.resource != null ? b.resource : Resources.defaults(
        b.serviceName != null ? b.serviceName : "unknown_service");
    this.resource =
        b.resource != null && b.serviceName != null
            ? Resources.withServiceName(base, b.serviceName)
            : base;
    this.metrics = b.metrics != null ? b.metrics : new TraceKitMetrics();
    int batch = Math.min(b.maxExportBatchSize, b.maxQueueSize);
    this.spanProcessor =
        b.spanExporter == null
            ? null
            : BatchProcessor.start(
                "spans", b.maxQueueSize, batch, b.scheduleDelay,
                new SpanExporterAdapter(b.spanExporter), metrics.spanListener);
    this.logProcessor =
        b.logExporter == null
            ? null
            : BatchProcessor.start(
                "logs", b.maxQueueSize, batch, b.scheduleDelay,
                new LogExporterAdapter(b.logExporter), metrics.logListener);
    metrics.bindQueues(
        spanProcessor == null ? () -> 0 : spanProcessor::queueDepth,
        logProcessor == null ? () -> 0 : logProcessor::queueDepth,
        spanProcessor == null ? () -> 0L : spanProcessor::offered);
    this.tracer =
        new TracerImpl(
            new TracerSharedState(
                b.sampler, b.spanLimits, resource, InstrumentationScope.TRACEKIT, b.timeSource,
                metrics, spanProcessor, b.slowThreshold.toNanos()));
    this.logs = new LogEmitter(metrics, logProcessor);
  }

  public static Builder builder() {
    return new Builder();
  }

  public Tracer tracer() {
    return tracer;
  }

  public LogEmitter logs() {
    return logs;
  }

  public TraceKitMetrics metrics() {
    return metrics;
  }

  public Resource resource() {
    return resource;
  }

  /**
   * Exports what is queued (spans and logs) now; waits at most {@code timeout}. Returns whether
   * everything queued was handled in time (failed exports count as handled: they are counted).
   */
  public boolean flush(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    boolean ok = spanProcessor == null || spanProcessor.flush(timeout);
    if (logProcessor != null) {
      ok &= logProcessor.flush(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    }
    return ok;
  }

  /**
   * Stops accepting spans and logs, exports what is queued, closes the exporters; waits at
   * most {@code timeout} in all. Spans that end later are dropped (counted as
   * {@link DropReason#SHUTDOWN}). Returns whether everything finished in time. Idempotent.
   */
  public boolean shutdown(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    boolean ok = spanProcessor == null || spanProcessor.shutdown(timeout);
    if (logProcessor != null) {
      ok &= logProcessor.shutdown(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    }
    return ok;
  }

  /** {@link #shutdown(Duration)} with a 10 second timeout. */
  @Override
  public void close() {
    shutdown(CLOSE_TIMEOUT);
  }

  @Override
  public String toString() {
    return "TraceKit{" + resource.serviceName() + "}";
  }

  /** Feeds span batches to a {@link SpanExporter}. */
  private static final class SpanExporterAdapter implements BatchProcessor.Exporter<SpanData> {
    private final SpanExporter exporter;

    SpanExporterAdapter(SpanExporter exporter) {
      this.exporter = exporter;
    }

    @Override
    public ExportResult export(List<SpanData> batch) {
      return exporter.export(batch);
    }

    @Override
    public void close() {
      exporter.close();
    }
  }

  /** Feeds log batches to a {@link LogRecordExporter}. */
  private static final class LogExporterAdapter implements BatchProcessor.Exporter<LogRecordData> {
    private final LogRecordExporter exporter;

    LogExporterAdapter(LogRecordExporter exporter) {
      this.exporter = exporter;
    }

    @Override
    public ExportResult export(List<LogRecordData> batch) {
      return exporter.export(batch);
    }

    @Override
    public void close() {
      exporter.close();
    }
  }

  /** Options for {@link TraceKit}. Everything has a default; only an exporter is usually set. */
  public static final class Builder {
    private Resource resource;
    private String serviceName;
    private Sampler sampler = Sampler.parentBased(Sampler.alwaysOn());
    private SpanExporter spanExporter;
    private LogRecordExporter logExporter;
    private SpanLimits spanLimits = SpanLimits.defaults();
    private int maxQueueSize = 2048;
    private int maxExportBatchSize = 512;
    private Duration scheduleDelay = Duration.ofSeconds(1);
    private Duration slowThreshold = Duration.ofSeconds(1);
    private TraceKitMetrics metrics;
    private TimeSource timeSource = TimeSource.SYSTEM;

    private Builder() {}

    /**
     * The resource of every span. Default: {@link Resources#defaults} with the
     * {@link #serviceName}; if both are set, the service name overrides the resource's.
     */
    public Builder resource(Resource value) {
      this.resource = Objects.requireNonNull(value, "resource");
      return this;
    }

    /** {@code service.name} of the resource. Default {@code unknown_service}. */
    public Builder serviceName(String value) {
      this.serviceName = Objects.requireNonNull(value, "serviceName");
      return this;
    }

    /** Default: {@code Sampler.parentBased(Sampler.alwaysOn())}. */
    public Builder sampler(Sampler value) {
      this.sampler = Objects.requireNonNull(value, "sampler");
      return this;
    }

    /** Where span batches go. Without one, ended spans are counted as dropped (NO_EXPORTER). */
    public Builder spanExporter(SpanExporter value) {
      this.spanExporter = Objects.requireNonNull(value, "spanExporter");
      return this;
    }

    /** Where log batches go. Without one, {@link LogEmitter#emit} drops (NO_EXPORTER). */
    public Builder logExporter(LogRecordExporter value) {
      this.logExporter = Objects.requireNonNull(value, "logExporter");
      return this;
    }

    public Builder spanLimits(SpanLimits value) {
      this.spanLimits = Objects.requireNonNull(value, "spanLimits");
      return this;
    }

    /**
     * Capacity of each export queue (spans, logs), rounded up to a power of two. Default 2048.
     * When full, new items are dropped and counted.
     */
    public Builder maxQueueSize(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("maxQueueSize must be >= 1, was " + value);
      }
      this.maxQueueSize = value;
      return this;
    }

    /** Most items per export call; also the fill level that wakes the exporter. Default 512. */
    public Builder maxExportBatchSize(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("maxExportBatchSize must be >= 1, was " + value);
      }
      this.maxExportBatchSize = value;
      return this;
    }

    /** Longest wait before a partial batch is exported. Default 1 s. */
    public Builder scheduleDelay(Duration value) {
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("scheduleDelay must be positive, was " + value);
      }
      this.scheduleDelay = value;
      return this;
    }

    /**
     * A {@link SamplingDecision#RECORD_ONLY} span that lasts at least this long is exported
     * (promoted). Zero disables the slow rule (errors are still promoted). Default 1 s.
     */
    public Builder slowThreshold(Duration value) {
      if (value.isNegative()) {
        throw new IllegalArgumentException("slowThreshold must not be negative, was " + value);
      }
      this.slowThreshold = value;
      return this;
    }

    /**
     * Counts into {@code value} instead of a new instance, so it can be given to the exporters'
     * {@code listener(...)} before they are built.
     */
    public Builder metrics(TraceKitMetrics value) {
      this.metrics = Objects.requireNonNull(value, "metrics");
      return this;
    }

    Builder timeSource(TimeSource value) {
      this.timeSource = value;
      return this;
    }

    public TraceKit build() {
      return new TraceKit(this);
    }
  }
}
