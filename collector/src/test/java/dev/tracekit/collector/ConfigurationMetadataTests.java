package dev.tracekit.collector;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The configuration metadata the build generates (what an IDE shows) gives every
 * {@code tracekit.collector.*} property a description and a default.
 */
class ConfigurationMetadataTests {

  /** Properties whose default is "not set", which metadata cannot express; their descriptions say so. */
  private static final Set<String> UNSET_BY_DEFAULT = Set.of("tracekit.collector.storage.memory.max-age");

  @Test
  void everyTracekitPropertyHasADescriptionAndADefault() throws IOException {
    List<JsonNode> properties = tracekitProperties();

    assertThat(properties).extracting(p -> p.get("name").asString())
        .contains("tracekit.collector.ingest-token", "tracekit.collector.storage.type",
            "tracekit.collector.analysis.threads", "tracekit.collector.live.max-subscribers",
            "tracekit.collector.limits.max-value-length", "tracekit.collector.cors.allowed-origins");
    assertThat(properties)
        .filteredOn(p -> !p.hasNonNull("description") || p.get("description").asString().isBlank())
        .extracting(p -> p.get("name").asString())
        .as("properties without a description")
        .isEmpty();
    assertThat(properties)
        .filteredOn(p -> !p.has("defaultValue") && !UNSET_BY_DEFAULT.contains(p.get("name").asString()))
        .extracting(p -> p.get("name").asString())
        .as("properties without a default")
        .isEmpty();
    assertThat(properties)
        .filteredOn(p -> p.get("description").asString().contains("{@"))
        .extracting(p -> p.get("name").asString())
        .as("descriptions with Javadoc tags (shown raw by IDEs)")
        .isEmpty();
  }

  private static List<JsonNode> tracekitProperties() throws IOException {
    JsonMapper json = JsonMapper.builder().build();
    List<JsonNode> properties = new ArrayList<>();
    for (URL url : Collections.list(
        ConfigurationMetadataTests.class.getClassLoader().getResources("META-INF/spring-configuration-metadata.json"))) {
      try (InputStream in = url.openStream()) {
        for (JsonNode property : json.readTree(in).path("properties")) {
          if (property.get("name").asString().startsWith("tracekit.collector.")) {
            properties.add(property);
          }
        }
      }
    }
    return properties;
  }
}
