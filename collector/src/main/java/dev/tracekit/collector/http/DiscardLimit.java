package dev.tracekit.collector.http;

/**
 * The most the collector reads of a request body it will not use (one it refuses, or answers
 * before reading), so that the client surely gets the answer and keeps its connection; a larger
 * body gets its answer with {@code Connection: close} instead. Like Tomcat's swallow limit.
 */
public final class DiscardLimit {

  /** 2 MiB. */
  public static final long BYTES = 2L * 1024 * 1024;

  private DiscardLimit() {}
}
