package dev.tracekit.starter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties for TraceKit (tracekit.*).
 *
 * @see TraceKitAutoConfiguration
 */
@ConfigurationProperties("tracekit")
public class TraceKitProperties {

  /**
   * Whether TraceKit traces this application. When false, no TraceKit bean, filter,
   * interceptor, decorator or appender is created.
   */
  private boolean enabled = true;

  /**
   * Logical name of this service, recorded as the service.name resource attribute.
   * Defaults to spring.application.name, then to "unknown_service".
   */
  private String serviceName;

  /** Extra resource attributes recorded on every span and log (e.g. deployment.environment). */
  private final Map<String, String> resourceAttributes = new LinkedHashMap<>();

  private final Sampler sampler = new Sampler();

  private final Propagation propagation = new Propagation();

  private final Baggage baggage = new Baggage();

  private final Exporter exporter = new Exporter();

  private final Http http = new Http();

  private final Logging logging = new Logging();

  public boolean isEnabled() {
    return this.enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public String getServiceName() {
    return this.serviceName;
  }

  public void setServiceName(String serviceName) {
    this.serviceName = serviceName;
  }

  public Map<String, String> getResourceAttributes() {
    return this.resourceAttributes;
  }

  public Sampler getSampler() {
    return this.sampler;
  }

  public Propagation getPropagation() {
    return this.propagation;
  }

  public Baggage getBaggage() {
    return this.baggage;
  }

  public Exporter getExporter() {
    return this.exporter;
  }

  public Http getHttp() {
    return this.http;
  }

  public Logging getLogging() {
    return this.logging;
  }

  /** Head sampling: which new traces are recorded. */
  public static class Sampler {

    /**
     * Probability in [0.0, 1.0] that a new trace is sampled, decided on the trace id so that
     * every service agrees.
     */
    private double probability = 1.0;

    /**
     * Maximum number of new root traces sampled per second; 0 means no limit. Applies after
     * the probability.
     */
    private double rateLimit = 0;

    /**
     * Whether a span follows its parent's sampling decision (the sampled flag of
     * traceparent) instead of deciding anew.
     */
    private boolean parentBased = true;

    /**
     * Whether spans of traces the sampler drops are still recorded, and exported when they end
     * with an error or take longer than the slow threshold (priority sampling). Costs the
     * recording of every span.
     */
    private boolean keepErrorsAndSlow = false;

    /** Duration from which a recorded-only span counts as slow and is exported anyway. */
    private Duration slowThreshold = Duration.ofSeconds(1);

    public double getProbability() {
      return this.probability;
    }

    public void setProbability(double probability) {
      this.probability = probability;
    }

    public double getRateLimit() {
      return this.rateLimit;
    }

    public void setRateLimit(double rateLimit) {
      this.rateLimit = rateLimit;
    }

    public boolean isParentBased() {
      return this.parentBased;
    }

    public void setParentBased(boolean parentBased) {
      this.parentBased = parentBased;
    }

    public boolean isKeepErrorsAndSlow() {
      return this.keepErrorsAndSlow;
    }

    public void setKeepErrorsAndSlow(boolean keepErrorsAndSlow) {
      this.keepErrorsAndSlow = keepErrorsAndSlow;
    }

    public Duration getSlowThreshold() {
      return this.slowThreshold;
    }

    public void setSlowThreshold(Duration slowThreshold) {
      this.slowThreshold = slowThreshold;
    }
  }

  /** How trace context crosses process boundaries. */
  public static class Propagation {

    /**
     * Header formats written on outgoing requests; incoming requests are read in every listed
     * format, the first one found winning.
     */
    private List<PropagationType> type = new ArrayList<>(List.of(PropagationType.W3C));

    public List<PropagationType> getType() {
      return this.type;
    }

    public void setType(List<PropagationType> type) {
      this.type = type;
    }
  }

  /** Trace context header formats. */
  public enum PropagationType {

    /** W3C Trace Context (traceparent, tracestate) and W3C Baggage. */
    W3C,

    /** Zipkin B3 single header (b3). */
    B3,

    /** Zipkin B3 multiple headers (X-B3-TraceId, X-B3-SpanId, ...). */
    B3_MULTI
  }

  /** Baggage: name/value pairs that travel with the trace. */
  public static class Baggage {

    /**
     * Header names read from incoming requests into baggage and written as their own headers
     * on outgoing requests (for systems that do not speak W3C Baggage), e.g. x-request-id.
     */
    private List<String> remoteFields = new ArrayList<>();

    /** Baggage names copied into the logging MDC next to trace_id and span_id. */
    private List<String> correlationFields = new ArrayList<>();

    public List<String> getRemoteFields() {
      return this.remoteFields;
    }

    public void setRemoteFields(List<String> remoteFields) {
      this.remoteFields = remoteFields;
    }

    public List<String> getCorrelationFields() {
      return this.correlationFields;
    }

    public void setCorrelationFields(List<String> correlationFields) {
      this.correlationFields = correlationFields;
    }
  }

  /** Where and how finished spans and shipped logs are sent (OTLP/HTTP protobuf). */
  public static class Exporter {

    /**
     * Whether spans (and shipped logs) are sent. When false, spans are still created so that
     * ids reach logs and downstream services.
     */
    private boolean enabled = true;

    /**
     * Base URL of the OTLP/HTTP receiver; "/v1/traces" and "/v1/logs" are appended.
     */
    private String endpoint = "http://localhost:9411";

    /** Compression of request bodies: LZ4 between TraceKit parts, GZIP or NONE for other OTLP backends. */
    private Compression compression = Compression.LZ4;

    /** Extra HTTP headers sent with every export request (e.g. an authorization token). */
    private final Map<String, String> headers = new LinkedHashMap<>();

    /** Connection timeout for export requests. */
    private Duration connectTimeout = Duration.ofSeconds(1);

    /** Timeout of one export request, response included. */
    private Duration timeout = Duration.ofSeconds(10);

    /** How many times a failed export request is retried before the batch is dropped. */
    private int maxRetries = 3;

    /** Maximum number of finished spans (and, separately, log records) waiting for export; more are dropped and counted. */
    private int maxQueueSize = 2048;

    /** Maximum number of spans or log records sent in one request. */
    private int maxBatchSize = 512;

    /** Longest time a finished span waits before its batch is sent. */
    private Duration scheduleDelay = Duration.ofSeconds(1);

    /** Longest time the application's shutdown waits for queued spans and logs to be sent. */
    private Duration shutdownTimeout = Duration.ofSeconds(5);

    public boolean isEnabled() {
      return this.enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public String getEndpoint() {
      return this.endpoint;
    }

    public void setEndpoint(String endpoint) {
      this.endpoint = endpoint;
    }

    public Compression getCompression() {
      return this.compression;
    }

    public void setCompression(Compression compression) {
      this.compression = compression;
    }

    public Map<String, String> getHeaders() {
      return this.headers;
    }

    public Duration getConnectTimeout() {
      return this.connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
    }

    public Duration getTimeout() {
      return this.timeout;
    }

    public void setTimeout(Duration timeout) {
      this.timeout = timeout;
    }

    public int getMaxRetries() {
      return this.maxRetries;
    }

    public void setMaxRetries(int maxRetries) {
      this.maxRetries = maxRetries;
    }

    public int getMaxQueueSize() {
      return this.maxQueueSize;
    }

    public void setMaxQueueSize(int maxQueueSize) {
      this.maxQueueSize = maxQueueSize;
    }

    public int getMaxBatchSize() {
      return this.maxBatchSize;
    }

    public void setMaxBatchSize(int maxBatchSize) {
      this.maxBatchSize = maxBatchSize;
    }

    public Duration getScheduleDelay() {
      return this.scheduleDelay;
    }

    public void setScheduleDelay(Duration scheduleDelay) {
      this.scheduleDelay = scheduleDelay;
    }

    public Duration getShutdownTimeout() {
      return this.shutdownTimeout;
    }

    public void setShutdownTimeout(Duration shutdownTimeout) {
      this.shutdownTimeout = shutdownTimeout;
    }
  }

  /** Request body compression for export. */
  public enum Compression {

    /** LZ4 frame (Content-Encoding: lz4); the TraceKit collector's fast path. */
    LZ4,

    /** Gzip; accepted by every OTLP receiver. */
    GZIP,

    /** No compression. */
    NONE
  }

  /** HTTP server and client instrumentation. */
  public static class Http {

    private final Server server = new Server();

    /**
     * Query parameters whose value is replaced by "REDACTED" in every recorded URL: a
     * parameter is redacted when its lower-cased name contains one of these words.
     */
    private List<String> redactedQueryParameters =
        new ArrayList<>(
            List.of(
                "password", "passwd", "pwd", "secret", "token", "api_key", "apikey", "api-key",
                "access_key", "signature", "credential", "session"));

    public Server getServer() {
      return this.server;
    }

    public List<String> getRedactedQueryParameters() {
      return this.redactedQueryParameters;
    }

    public void setRedactedQueryParameters(List<String> redactedQueryParameters) {
      this.redactedQueryParameters = redactedQueryParameters;
    }

    /** Incoming requests. */
    public static class Server {

      /**
       * Request path patterns (Spring PathPattern syntax, relative to the context path) that get no server span.
       */
      private List<String> excludedPaths = new ArrayList<>(List.of("/actuator/**"));

      /**
       * Whether responses carry a W3C traceresponse header naming the trace and the
       * server span, so callers can find the trace.
       */
      private boolean traceResponseHeader = false;

      public List<String> getExcludedPaths() {
        return this.excludedPaths;
      }

      public void setExcludedPaths(List<String> excludedPaths) {
        this.excludedPaths = excludedPaths;
      }

      public boolean isTraceResponseHeader() {
        return this.traceResponseHeader;
      }

      public void setTraceResponseHeader(boolean traceResponseHeader) {
        this.traceResponseHeader = traceResponseHeader;
      }
    }
  }

  /** Logs: JSON lines on the console and shipping to the collector. */
  public static class Logging {

    /**
     * Whether console logs are JSON lines (logstash-logback-encoder) with trace_id, span_id,
     * trace_flags and service.name. Ignored when logging.config is set.
     */
    private boolean json = false;

    /**
     * Whether log events are sent as OTLP log records to the exporter endpoint's /v1/logs.
     * Defaults to whether the exporter is enabled.
     */
    private Boolean ship;

    /**
     * Whether MDC entries are copied into shipped log records as attributes.
     */
    private boolean includeMdc = false;

    /**
     * Logger name prefixes whose events are never shipped: the exporter's own logs (and those
     * of the HTTP client it uses) must not be shipped through the exporter.
     */
    private List<String> excludedLoggers = new ArrayList<>(List.of("dev.tracekit.core", "jdk.internal.httpclient"));

    public boolean isJson() {
      return this.json;
    }

    public void setJson(boolean json) {
      this.json = json;
    }

    public Boolean getShip() {
      return this.ship;
    }

    public void setShip(Boolean ship) {
      this.ship = ship;
    }

    public boolean isIncludeMdc() {
      return this.includeMdc;
    }

    public void setIncludeMdc(boolean includeMdc) {
      this.includeMdc = includeMdc;
    }

    public List<String> getExcludedLoggers() {
      return this.excludedLoggers;
    }

    public void setExcludedLoggers(List<String> excludedLoggers) {
      this.excludedLoggers = excludedLoggers;
    }
  }
}
