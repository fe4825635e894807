/**
 * One CLIENT span per JDBC statement: every {@code DataSource} bean is proxied, its connections
 * and statements wrapped, and each execution recorded with OpenTelemetry's database attributes
 * and its SQL sanitized (literals replaced by {@code ?}).
 */
package dev.tracekit.starter.jdbc;
