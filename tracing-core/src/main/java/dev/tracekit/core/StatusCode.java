package dev.tracekit.core;

/** A span's status, numbered as in OTLP {@code Status.StatusCode}. */
public enum StatusCode {
  UNSET,
  OK,
  ERROR;

  /** The OTLP number (0, 1, 2). */
  public int otlpValue() {
    return ordinal();
  }

  public static StatusCode fromOtlp(int value) {
    return switch (value) {
      case 1 -> OK;
      case 2 -> ERROR;
      default -> UNSET;
    };
  }
}
