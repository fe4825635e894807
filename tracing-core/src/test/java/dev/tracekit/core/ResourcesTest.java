package dev.tracekit.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResourcesTest {

  @Test
  void defaultsDescribeServiceHostProcessAndSdk() {
    Resource r = Resources.defaults("orders");
    Attributes a = r.attributes();
    assertThat(r.serviceName()).isEqualTo("orders");
    assertThat(a.getString("service.instance.id")).hasSize(36);
    assertThat(a.getString("host.name")).isNotBlank();
    assertThat(a.get("process.pid")).isEqualTo(ProcessHandle.current().pid());
    assertThat(a.get("telemetry.sdk.name")).isEqualTo("tracekit");
    assertThat(a.get("telemetry.sdk.language")).isEqualTo("java");
    assertThat(a.getString("telemetry.sdk.version")).isNotBlank();
  }

  @Test
  void eachDefaultsCallHasItsOwnInstanceId() {
    assertThat(Resources.defaults("a").attributes().get("service.instance.id"))
        .isNotEqualTo(Resources.defaults("a").attributes().get("service.instance.id"));
  }

  @Test
  void builderServiceNameOverridesGivenResourceAndKeepsTheRest() {
    Resource given = new Resource(Attributes.builder().put("service.name", "x").put("deployment.environment", "prod").build());
    try (TraceKit tk = TraceKit.builder().resource(given).serviceName("orders").build()) {
      assertThat(tk.resource().serviceName()).isEqualTo("orders");
      assertThat(tk.resource().attributes().get("deployment.environment")).isEqualTo("prod");
    }
    try (TraceKit tk = TraceKit.builder().build()) {
      assertThat(tk.resource().serviceName()).isEqualTo("unknown_service");
      assertThat(tk.resource().attributes().get("telemetry.sdk.name")).isEqualTo("tracekit");
    }
  }
}
