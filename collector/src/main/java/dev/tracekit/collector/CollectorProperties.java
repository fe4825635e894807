package dev.tracekit.collector;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/** Settings of the collector, under {@code tracekit.collector}. */
@ConfigurationProperties("tracekit.collector")
public class CollectorProperties {

  /**
   * Bearer token that ingest requests (/v1/traces, /v1/logs, /api/v2/spans) must carry in
   * "Authorization: Bearer <token>". Empty means ingest is open.
   */
  private String ingestToken = "";

  private final Ingest ingest = new Ingest();

  private final Storage storage = new Storage();

  private final Query query = new Query();

  public String getIngestToken() {
    return ingestToken;
  }

  public void setIngestToken(String ingestToken) {
    this.ingestToken = ingestToken == null ? "" : ingestToken;
  }

  public Ingest getIngest() {
    return ingest;
  }

  public Storage getStorage() {
    return storage;
  }

  public Query getQuery() {
    return query;
  }

  /** Limits and back-pressure of the ingest endpoints. */
  public static class Ingest {

    /** Largest request body accepted as sent (before decompression); larger bodies get 413. */
    private DataSize maxBodySize = DataSize.ofMegabytes(8);

    /**
     * Largest body after decompression; a body that would inflate past it gets 413 and is never
     * inflated further than this.
     */
    private DataSize maxDecompressedSize = DataSize.ofMegabytes(32);

    /** Most spans in one request; a larger request gets 413 and nothing of it is stored. */
    private int maxSpansPerRequest = 10_000;

    /** Most log records in one request; a larger request gets 413 and nothing of it is stored. */
    private int maxLogsPerRequest = 10_000;

    /**
     * Spans and logs that may wait for the store at once. When the queue is full, ingest answers
     * 503 with Retry-After and the client retries.
     */
    private int queueCapacity = 100_000;

    /**
     * Ingest requests read and decoded at once; more get 429 with Retry-After. Each may hold up to
     * max-body-size plus max-decompressed-size of memory.
     */
    private int maxConcurrentRequests = 32;

    /** Retry-After sent with 429 and 503 (too many requests, queue full, store unavailable). */
    private Duration retryAfter = Duration.ofSeconds(2);

    /**
     * How long a request waits for a durable store (postgres) to commit its batch before the
     * collector answers 503; the client's retry is harmless because spans are idempotent.
     */
    private Duration commitTimeout = Duration.ofSeconds(30);

    public DataSize getMaxBodySize() {
      return maxBodySize;
    }

    public void setMaxBodySize(DataSize maxBodySize) {
      this.maxBodySize = maxBodySize;
    }

    public DataSize getMaxDecompressedSize() {
      return maxDecompressedSize;
    }

    public void setMaxDecompressedSize(DataSize maxDecompressedSize) {
      this.maxDecompressedSize = maxDecompressedSize;
    }

    public int getMaxSpansPerRequest() {
      return maxSpansPerRequest;
    }

    public void setMaxSpansPerRequest(int maxSpansPerRequest) {
      this.maxSpansPerRequest = maxSpansPerRequest;
    }

    public int getMaxLogsPerRequest() {
      return maxLogsPerRequest;
    }

    public void setMaxLogsPerRequest(int maxLogsPerRequest) {
      this.maxLogsPerRequest = maxLogsPerRequest;
    }

    public int getQueueCapacity() {
      return queueCapacity;
    }

    public void setQueueCapacity(int queueCapacity) {
      this.queueCapacity = queueCapacity;
    }

    public int getMaxConcurrentRequests() {
      return maxConcurrentRequests;
    }

    public void setMaxConcurrentRequests(int maxConcurrentRequests) {
      this.maxConcurrentRequests = maxConcurrentRequests;
    }

    public Duration getRetryAfter() {
      return retryAfter;
    }

    public void setRetryAfter(Duration retryAfter) {
      this.retryAfter = retryAfter;
    }

    public Duration getCommitTimeout() {
      return commitTimeout;
    }

    public void setCommitTimeout(Duration commitTimeout) {
      this.commitTimeout = commitTimeout;
    }
  }

  /** Where spans and logs are kept. */
  public static class Storage {

    /** Which store keeps the data: memory (bounded, lost on restart) or postgres (durable, shared). */
    private StorageType type = StorageType.MEMORY;

    /** How often the retention (memory max-age, postgres retention) removes old data. */
    private Duration retentionInterval = Duration.ofMinutes(1);

    private final Memory memory = new Memory();

    private final Postgres postgres = new Postgres();

    public StorageType getType() {
      return type;
    }

    public void setType(StorageType type) {
      this.type = type;
    }

    public Duration getRetentionInterval() {
      return retentionInterval;
    }

    public void setRetentionInterval(Duration retentionInterval) {
      this.retentionInterval = retentionInterval;
    }

    public Memory getMemory() {
      return memory;
    }

    public Postgres getPostgres() {
      return postgres;
    }
  }

  /** The kinds of store. */
  public enum StorageType {
    MEMORY,
    POSTGRES
  }

  /** The in-memory store. */
  public static class Memory {

    /** Spans kept at most; whole oldest traces are evicted to make room. */
    private int maxSpans = 1_000_000;

    /** Log records kept at most; the oldest are evicted to make room. */
    private int maxLogs = 1_000_000;

    /**
     * Spans kept at most per trace; later spans of a trace that holds this many are dropped and
     * counted in tracekit.collector.store.limited.spans.
     */
    private int maxSpansPerTrace = 10_000;

    /** Traces and logs older than this (by their start time) are removed. Unset keeps them until evicted. */
    private Duration maxAge;

    public int getMaxSpans() {
      return maxSpans;
    }

    public void setMaxSpans(int maxSpans) {
      this.maxSpans = maxSpans;
    }

    public int getMaxLogs() {
      return maxLogs;
    }

    public void setMaxLogs(int maxLogs) {
      this.maxLogs = maxLogs;
    }

    public int getMaxSpansPerTrace() {
      return maxSpansPerTrace;
    }

    public void setMaxSpansPerTrace(int maxSpansPerTrace) {
      this.maxSpansPerTrace = maxSpansPerTrace;
    }

    public Duration getMaxAge() {
      return maxAge;
    }

    public void setMaxAge(Duration maxAge) {
      this.maxAge = maxAge;
    }
  }

  /** The PostgreSQL store. */
  public static class Postgres {

    /** JDBC URL of the database. */
    private String url = "jdbc:postgresql://localhost:5432/postgres";

    /** Database user. */
    private String username = "postgres";

    /** Database password. */
    private String password = "";

    /** Schema the collector creates and migrates (Flyway) on start; collectors sharing it share data. */
    private String schema = "tracekit";

    /** Connections in the pool: the writer uses one, queries the rest. */
    private int poolSize = 8;

    /** How long to wait for a pooled connection before answering 503. */
    private Duration connectionTimeout = Duration.ofSeconds(5);

    /** How many times to retry the first connection while the database starts. */
    private int connectRetries = 10;

    /** Traces and logs older than this (by their start time) are deleted. */
    private Duration retention = Duration.ofDays(7);

    public String getUrl() {
      return url;
    }

    public void setUrl(String url) {
      this.url = url;
    }

    public String getUsername() {
      return username;
    }

    public void setUsername(String username) {
      this.username = username;
    }

    public String getPassword() {
      return password;
    }

    public void setPassword(String password) {
      this.password = password;
    }

    public String getSchema() {
      return schema;
    }

    public void setSchema(String schema) {
      this.schema = schema;
    }

    public int getPoolSize() {
      return poolSize;
    }

    public void setPoolSize(int poolSize) {
      this.poolSize = poolSize;
    }

    public Duration getConnectionTimeout() {
      return connectionTimeout;
    }

    public void setConnectionTimeout(Duration connectionTimeout) {
      this.connectionTimeout = connectionTimeout;
    }

    public int getConnectRetries() {
      return connectRetries;
    }

    public void setConnectRetries(int connectRetries) {
      this.connectRetries = connectRetries;
    }

    public Duration getRetention() {
      return retention;
    }

    public void setRetention(Duration retention) {
      this.retention = retention;
    }
  }

  /** The query API. */
  public static class Query {

    /** Results per search when the request gives no limit. */
    private int defaultLimit = 20;

    /** Largest limit a search may ask for. */
    private int maxLimit = 1_000;

    /** Threads that run store reads (PostgreSQL queries block), off the event loop. */
    private int readThreads = 4;

    /** Store reads that may wait for a thread; beyond it the query API answers 503. */
    private int readQueue = 1_000;

    /** Traces the dependency graph reads at most (the newest in the window). */
    private int dependenciesMaxTraces = 5_000;

    public int getDefaultLimit() {
      return defaultLimit;
    }

    public void setDefaultLimit(int defaultLimit) {
      this.defaultLimit = defaultLimit;
    }

    public int getMaxLimit() {
      return maxLimit;
    }

    public void setMaxLimit(int maxLimit) {
      this.maxLimit = maxLimit;
    }

    public int getReadThreads() {
      return readThreads;
    }

    public void setReadThreads(int readThreads) {
      this.readThreads = readThreads;
    }

    public int getReadQueue() {
      return readQueue;
    }

    public void setReadQueue(int readQueue) {
      this.readQueue = readQueue;
    }

    public int getDependenciesMaxTraces() {
      return dependenciesMaxTraces;
    }

    public void setDependenciesMaxTraces(int dependenciesMaxTraces) {
      this.dependenciesMaxTraces = dependenciesMaxTraces;
    }
  }
}
