package dev.tracekit.core;

/** The W3C {@code trace-flags} byte. */
public final class TraceFlags {
  /** The caller may have recorded this trace; downstream should record too. */
  public static final int SAMPLED = 0x01;
  /** W3C Trace Context Level 2: the low 56 bits of the trace id are random. */
  public static final int RANDOM = 0x02;

  private TraceFlags() {}
}
