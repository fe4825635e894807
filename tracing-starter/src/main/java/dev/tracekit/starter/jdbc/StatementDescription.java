package dev.tracekit.starter.jdbc;

/**
 * Everything a statement's span needs that does not change between executions: the span name
 * and the sanitized text and operation. Built once per prepared statement.
 */
record StatementDescription(String spanName, String queryText, String operation, String collection) {

  static StatementDescription of(SanitizedSql sql, DatabaseInfo database) {
    return new StatementDescription(
        spanName(sql.operation(), sql.collection(), database), sql.text(), sql.operation(), sql.collection());
  }

  /**
   * A batch: {@code BATCH <op>} when every statement has the same operation, else {@code
   * BATCH} (OpenTelemetry's convention); one text when all are the same, else all of them.
   */
  static StatementDescription batch(StatementDescription[] statements, int count, DatabaseInfo database, int maxLength) {
    StatementDescription first = statements[0];
    boolean sameText = true;
    boolean sameOperation = true;
    boolean sameCollection = true;
    for (int k = 1; k < count; k++) {
      StatementDescription s = statements[k];
      sameText &= s.queryText().equals(first.queryText());
      sameOperation &= java.util.Objects.equals(s.operation(), first.operation());
      sameCollection &= java.util.Objects.equals(s.collection(), first.collection());
    }
    String operation = sameOperation && first.operation() != null ? "BATCH " + first.operation() : "BATCH";
    String collection = sameCollection ? first.collection() : null;
    String text = sameText ? first.queryText() : joined(statements, count, maxLength);
    return new StatementDescription(spanName(operation, collection, database), text, operation, collection);
  }

  /** The same statement run as a batch of {@code count} parameter sets. */
  StatementDescription asBatch(DatabaseInfo database) {
    String op = operation == null ? "BATCH" : "BATCH " + operation;
    return new StatementDescription(spanName(op, collection, database), queryText, op, collection);
  }

  private static String joined(StatementDescription[] statements, int count, int maxLength) {
    StringBuilder sb = new StringBuilder();
    for (int k = 0; k < count; k++) {
      String text = statements[k].queryText();
      if (sb.indexOf(text) >= 0) {
        continue;
      }
      if (sb.length() > 0) {
        sb.append("; ");
      }
      if (sb.length() + text.length() > maxLength) {
        sb.append("...");
        break;
      }
      sb.append(text);
    }
    return sb.toString();
  }

  /** OpenTelemetry: "{operation} {table}", else "{operation} {database}", else the system. */
  private static String spanName(String operation, String collection, DatabaseInfo database) {
    if (operation == null) {
      return database.namespace() != null ? database.namespace() : database.system();
    }
    if (collection != null) {
      return operation + " " + collection;
    }
    return database.namespace() != null ? operation + " " + database.namespace() : operation;
  }
}
