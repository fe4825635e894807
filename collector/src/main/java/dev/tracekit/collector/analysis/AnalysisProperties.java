package dev.tracekit.collector.analysis;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Settings of the trace analysis API, under {@code tracekit.collector.analysis}. */
@ConfigurationProperties("tracekit.collector.analysis")
public class AnalysisProperties {

  /** Threads that read and analyse traces at once (analysis of a large trace is CPU-bound). */
  private int threads = 2;

  /** Analysis requests that may wait for a thread; beyond it the API answers 503. */
  private int queue = 100;

  /**
   * Operations (service + span name) whose recent durations are kept for the slow-span finding;
   * the least recently seen is forgotten first.
   */
  private int historyMaxOperations = 5_000;

  /** Latest durations kept per operation; its p99 is computed from them. */
  private int historySamplesPerOperation = 500;

  public int getThreads() {
    return threads;
  }

  public void setThreads(int threads) {
    this.threads = threads;
  }

  public int getQueue() {
    return queue;
  }

  public void setQueue(int queue) {
    this.queue = queue;
  }

  public int getHistoryMaxOperations() {
    return historyMaxOperations;
  }

  public void setHistoryMaxOperations(int historyMaxOperations) {
    this.historyMaxOperations = historyMaxOperations;
  }

  public int getHistorySamplesPerOperation() {
    return historySamplesPerOperation;
  }

  public void setHistorySamplesPerOperation(int historySamplesPerOperation) {
    this.historySamplesPerOperation = historySamplesPerOperation;
  }
}
