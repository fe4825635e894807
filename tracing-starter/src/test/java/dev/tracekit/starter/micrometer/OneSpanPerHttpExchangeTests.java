package dev.tracekit.starter.micrometer;

import static dev.tracekit.starter.testsupport.InMemoryTraceKit.exportedSpans;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tracekit.core.SpanData;
import dev.tracekit.core.SpanKind;
import dev.tracekit.starter.testsupport.InMemoryTraceKit;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.annotation.Observed;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

/**
 * A real MVC application with Actuator (so Spring's HTTP observations and their metrics are
 * on), TraceKit's filter and RestClient interceptor, and the bridge: a request to /front calls
 * /back through the application's RestClient; /back runs an {@code @Observed} method that
 * queries H2. Each exchange must give exactly one SERVER and one CLIENT span, and Spring's
 * HTTP timers must still count.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "management.observations.annotations.enabled=true",
      "spring.datasource.url=jdbc:h2:mem:one-span-per-exchange;DB_CLOSE_DELAY=-1",
      "tracekit.exporter.enabled=false"
    })
class OneSpanPerHttpExchangeTests {

  @LocalServerPort int port;

  @Autowired ApplicationContext context;

  @Autowired MeterRegistry meters;

  @Test
  void requestThroughRestClientGivesOneServerAndOneClientSpanPerExchange() {
    String body = RestClient.create().get().uri("http://127.0.0.1:" + port + "/front").retrieve().body(String.class);
    assertThat(body).isEqualTo("front(250)");

    await().atMost(Duration.ofSeconds(30)).until(() -> exportedSpans(context).size() >= 5);
    List<SpanData> spans = exportedSpans(context);
    List<SpanData> servers = spans.stream().filter(s -> s.kind() == SpanKind.SERVER).toList();
    List<SpanData> httpClients =
        spans.stream().filter(s -> s.kind() == SpanKind.CLIENT && s.attributes().get("http.request.method") != null).toList();
    assertThat(servers).as("server spans in %s", spans).hasSize(2);
    assertThat(httpClients).as("HTTP client spans in %s", spans).hasSize(1);
    assertThat(spans).as("every span in %s", spans).hasSize(5);

    SpanData front = servers.stream().filter(s -> s.parentSpanId() == 0).findFirst().orElseThrow();
    SpanData client = httpClients.get(0);
    SpanData back = servers.stream().filter(s -> s != front).findFirst().orElseThrow();
    SpanData observed = spans.stream().filter(s -> s.name().equals("order total")).findFirst().orElseThrow();
    SpanData query = spans.stream().filter(s -> s.attributes().get("db.query.text") != null).findFirst().orElseThrow();
    assertThat(spans).extracting(SpanData::traceIdHex).containsOnly(front.traceIdHex());
    assertThat(client.parentSpanIdHex()).isEqualTo(front.spanIdHex());
    assertThat(back.parentSpanIdHex()).isEqualTo(client.spanIdHex());
    assertThat(observed.parentSpanIdHex()).isEqualTo(back.spanIdHex());
    assertThat(query.parentSpanIdHex()).isEqualTo(observed.spanIdHex());
    assertThat(query.attributes().get("db.query.text")).isEqualTo("SELECT total FROM orders WHERE id = ?");

    assertThat(meters.get("http.server.requests").timers()).extracting(t -> t.count()).containsOnly(1L);
    assertThat(meters.get("http.server.requests").timers()).hasSize(2);
    assertThat(meters.get("http.client.requests").timer().count()).isEqualTo(1);
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration
  @Import({InMemoryTraceKit.class, Endpoints.class})
  static class App {
    @Bean
    OrderService orderService(JdbcTemplate jdbc) {
      jdbc.execute("CREATE TABLE orders (id BIGINT PRIMARY KEY, total BIGINT)");
      jdbc.execute("INSERT INTO orders VALUES (1, 250)");
      return new OrderService(jdbc);
    }
  }

  @RestController
  static class Endpoints {
    private final RestClient client;
    private final OrderService orders;

    Endpoints(RestClient.Builder builder, OrderService orders) {
      this.client = builder.build();
      this.orders = orders;
    }

    @GetMapping("/front")
    String front(HttpServletRequest request) {
      String back = "http://127.0.0.1:" + request.getLocalPort() + "/back";
      return "front(" + client.get().uri(back).retrieve().body(String.class) + ")";
    }

    @GetMapping("/back")
    String back() {
      return String.valueOf(orders.total(1));
    }
  }

  static class OrderService {
    private final JdbcTemplate jdbc;

    OrderService(JdbcTemplate jdbc) {
      this.jdbc = jdbc;
    }

    @Observed(name = "orders.total", contextualName = "order total")
    public Long total(long id) {
      return jdbc.queryForObject("SELECT total FROM orders WHERE id = ?", Long.class, id);
    }
  }
}
