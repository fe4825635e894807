/** Carrying the current trace context and MDC ids across threads, executors and Reactor operators. */
package dev.tracekit.starter.context;
