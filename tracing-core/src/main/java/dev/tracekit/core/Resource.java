package dev.tracekit.core;

/**
 * What produced the telemetry: {@code service.name}, {@code service.instance.id},
 * {@code host.name}, {@code process.pid}, {@code telemetry.sdk.*} and any other attributes.
 */
public record Resource(Attributes attributes) {

  public static final String SERVICE_NAME = "service.name";

  private static final Resource EMPTY = new Resource(Attributes.empty());

  public Resource {
    java.util.Objects.requireNonNull(attributes, "attributes");
  }

  public static Resource empty() {
    return EMPTY;
  }

  /** {@code service.name}, or {@code "unknown_service"} as the OTel spec says. */
  public String serviceName() {
    String name = attributes.getString(SERVICE_NAME);
    return name == null ? "unknown_service" : name;
  }
}
