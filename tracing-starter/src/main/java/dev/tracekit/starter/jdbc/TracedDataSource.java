package dev.tracekit.starter.jdbc;

/**
 * Marks a {@link javax.sql.DataSource} that TraceKit already traces, so that it is never
 * wrapped twice. Public only because the proxy class lives in the data source's package.
 */
public interface TracedDataSource {}
