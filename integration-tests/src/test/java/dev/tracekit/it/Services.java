package dev.tracekit.it;

/** The service names (spring.application.name) the demo services record spans and logs under. */
final class Services {

  static final String GATEWAY = "gateway-service";
  static final String AUTH = "auth-service";
  static final String DATA = "data-service";

  private Services() {}

  /** The package of a service's own classes: its loggers' names start with it. */
  static String packageOf(String service) {
    return switch (service) {
      case GATEWAY -> "dev.tracekit.demo.gateway";
      case AUTH -> "dev.tracekit.demo.auth";
      case DATA -> "dev.tracekit.demo.data";
      default -> throw new IllegalArgumentException("not a demo service: " + service);
    };
  }
}
