/** TraceKit's self-metrics in Micrometer and the exporter health indicator. */
package dev.tracekit.starter.metrics;
