package dev.tracekit.core;

/**
 * Bounds on what one span may hold. What exceeds them is dropped (attributes past the count,
 * events, links) or cut (string values past the length), and counted in the span's dropped
 * counts and in {@link TraceKitMetrics#spansDropped(DropReason) spansDropped(LIMITS)}.
 */
public final class SpanLimits {

  private static final SpanLimits DEFAULTS = builder().build();

  private final int maxAttributes;
  private final int maxAttributeValueLength;
  private final int maxEvents;
  private final int maxLinks;
  private final int maxAttributesPerEvent;

  private SpanLimits(Builder b) {
    this.maxAttributes = b.maxAttributes;
    this.maxAttributeValueLength = b.maxAttributeValueLength;
    this.maxEvents = b.maxEvents;
    this.maxLinks = b.maxLinks;
    this.maxAttributesPerEvent = b.maxAttributesPerEvent;
  }

  /** 128 attributes, values up to 8192 chars, 128 events, 128 links, 128 attributes per event. */
  public static SpanLimits defaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  public int maxAttributes() {
    return maxAttributes;
  }

  public int maxAttributeValueLength() {
    return maxAttributeValueLength;
  }

  public int maxEvents() {
    return maxEvents;
  }

  public int maxLinks() {
    return maxLinks;
  }

  public int maxAttributesPerEvent() {
    return maxAttributesPerEvent;
  }

  @Override
  public String toString() {
    return "SpanLimits{maxAttributes=" + maxAttributes
        + ", maxAttributeValueLength=" + maxAttributeValueLength
        + ", maxEvents=" + maxEvents
        + ", maxLinks=" + maxLinks
        + ", maxAttributesPerEvent=" + maxAttributesPerEvent + "}";
  }

  /** Options for {@link SpanLimits}; every value must be at least 0 (length at least 1). */
  public static final class Builder {
    private int maxAttributes = 128;
    private int maxAttributeValueLength = 8192;
    private int maxEvents = 128;
    private int maxLinks = 128;
    private int maxAttributesPerEvent = 128;

    private Builder() {}

    public Builder maxAttributes(int value) {
      this.maxAttributes = nonNegative(value, "maxAttributes");
      return this;
    }

    /** The longest string value (in chars) kept; longer ones are cut to this length. */
    public Builder maxAttributeValueLength(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("maxAttributeValueLength must be >= 1, was " + value);
      }
      this.maxAttributeValueLength = value;
      return this;
    }

    public Builder maxEvents(int value) {
      this.maxEvents = nonNegative(value, "maxEvents");
      return this;
    }

    public Builder maxLinks(int value) {
      this.maxLinks = nonNegative(value, "maxLinks");
      return this;
    }

    public Builder maxAttributesPerEvent(int value) {
      this.maxAttributesPerEvent = nonNegative(value, "maxAttributesPerEvent");
      return this;
    }

    public SpanLimits build() {
      return new SpanLimits(this);
    }

    private static int nonNegative(int value, String name) {
      if (value < 0) {
        throw new IllegalArgumentException(name + " must be >= 0, was " + value);
      }
      return value;
    }
  }
}
