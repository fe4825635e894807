package dev.tracekit.core;

/** How an export attempt ended, as the pipeline needs it for counting. */
public enum ExportResult {
  /** Delivered and acknowledged. */
  SUCCESS,
  /** Not delivered; the batch is dropped and counted (retries, if any, already happened). */
  FAILURE
}
