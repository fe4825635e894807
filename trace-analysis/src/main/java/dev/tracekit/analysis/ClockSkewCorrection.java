package dev.tracekit.analysis;

/**
 * A span moved into its parent's bounds because its host's clock disagreed with its parent's.
 * Its whole subtree moved with it.
 *
 * @param spanId the shifted span
 * @param service its service
 * @param parentService its parent's service
 * @param shiftMicros how far it moved; negative is earlier
 */
public record ClockSkewCorrection(String spanId, String service, String parentService, long shiftMicros) {}
