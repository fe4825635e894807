package dev.tracekit.starter.jdbc;

/**
 * A statement as it goes into a span: the text with literals replaced by {@code ?}, the
 * operation ({@code SELECT}, {@code INSERT}, ...; null when not recognised) and the main table
 * (null when there is none or it is not a plain name).
 */
record SanitizedSql(String text, String operation, String collection) {}
