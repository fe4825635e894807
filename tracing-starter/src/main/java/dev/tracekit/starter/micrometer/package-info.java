/**
 * Micrometer Tracing on TraceKit: {@link dev.tracekit.starter.micrometer.TraceKitTracer} and
 * {@link dev.tracekit.starter.micrometer.TraceKitPropagator} implement the {@code
 * io.micrometer.tracing} API on our tracer, our {@code Context} thread local and our
 * propagators, so observations, {@code @Observed}, {@code @NewSpan} and libraries that speak
 * Micrometer Tracing add spans to the same traces as our own instrumentation. {@link
 * dev.tracekit.starter.micrometer.HttpObservationSpanSuppressor} keeps Spring's HTTP
 * observations from adding a second span per exchange.
 */
package dev.tracekit.starter.micrometer;
