package dev.tracekit.core;

import java.net.InetAddress;
import java.util.Objects;
import java.util.UUID;

/** Builds the {@link Resource} that describes this process. */
public final class Resources {

  public static final String SERVICE_INSTANCE_ID = "service.instance.id";
  public static final String HOST_NAME = "host.name";
  public static final String PROCESS_PID = "process.pid";
  public static final String TELEMETRY_SDK_NAME = "telemetry.sdk.name";
  public static final String TELEMETRY_SDK_LANGUAGE = "telemetry.sdk.language";
  public static final String TELEMETRY_SDK_VERSION = "telemetry.sdk.version";

  /** {@code telemetry.sdk.version}: the version of this library. */
  public static final String SDK_VERSION = InstrumentationScope.TRACEKIT.version();

  private Resources() {}

  /**
   * {@code service.name}, a random {@code service.instance.id}, {@code host.name}, {@code
   * process.pid} and {@code telemetry.sdk.name=tracekit}, {@code telemetry.sdk.language=java},
   * {@code telemetry.sdk.version}.
   */
  public static Resource defaults(String serviceName) {
    return new Resource(defaultAttributes(serviceName).build());
  }

  /** The attributes of {@link #defaults}, to add more before building the resource. */
  public static Attributes.Builder defaultAttributes(String serviceName) {
    Objects.requireNonNull(serviceName, "serviceName");
    return Attributes.builder()
        .put(Resource.SERVICE_NAME, serviceName)
        .put(SERVICE_INSTANCE_ID, UUID.randomUUID().toString())
        .put(HOST_NAME, hostName())
        .put(PROCESS_PID, ProcessHandle.current().pid())
        .put(TELEMETRY_SDK_NAME, "tracekit")
        .put(TELEMETRY_SDK_LANGUAGE, "java")
        .put(TELEMETRY_SDK_VERSION, SDK_VERSION);
  }

  /** A copy of {@code resource} with {@code service.name} set (other attributes kept). */
  public static Resource withServiceName(Resource resource, String serviceName) {
    return new Resource(
        resource.attributes().toBuilder().put(Resource.SERVICE_NAME, serviceName).build());
  }

  private static String hostName() {
    // Prefer the environment: resolving the local host can take seconds with bad DNS.
    String env = System.getenv("HOSTNAME");
    if (env != null && !env.isBlank()) {
      return env;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (Exception e) {
      return "localhost";
    }
  }
}
