package dev.tracekit.analysis;

/** How much a finding matters, in increasing order. */
public enum Severity {
  INFO,
  WARNING,
  CRITICAL
}
