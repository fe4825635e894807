package dev.tracekit.demo.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import tools.jackson.databind.JsonNode;

/**
 * The data-service on the local PostgreSQL (the compose setup's database): the migrations,
 * the PostgreSQL demo_pause() function and the identity columns work there too. Uses a fresh
 * database that is dropped afterwards.
 */
class DataServicePostgresTest {

    private static final String HOST = System.getProperty("tracekit.test.postgres.host", "127.0.0.1");
    private static final String PORT = System.getProperty("tracekit.test.postgres.port", "5432");
    private static final String USER = System.getProperty("tracekit.test.postgres.user", "postgres");
    private static final String DATABASE = "tracekit_demo_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    private static ConfigurableApplicationContext app;
    private static RestClient http;

    @BeforeAll
    static void start() throws SQLException {
        admin("CREATE DATABASE " + DATABASE);
        app = DataApplication.builder().profiles("postgres").run("--server.port=0", "--POSTGRES_HOST=" + HOST,
                "--POSTGRES_PORT=" + PORT, "--POSTGRES_USER=" + USER, "--POSTGRES_DB=" + DATABASE);
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();
        http = RestClient.builder().baseUrl("http://127.0.0.1:" + port)
                .defaultStatusHandler(status -> true, (request, response) -> { })
                .build();
    }

    @AfterAll
    static void stop() throws SQLException {
        if (app != null) {
            app.close();
        }
        admin("DROP DATABASE IF EXISTS " + DATABASE);
    }

    @Test
    void migrationsCreateAndSeedTheSchema() {
        assertThat(app.getEnvironment().getProperty("spring.datasource.url")).startsWith("jdbc:postgresql:");
        assertThat(get("/data/products", Map.of()).getBody()).hasSize(20);
        assertThat(get("/data/orders/1", Map.of()).getBody().get("items")).hasSize(12);
        assertThat(get("/data/customers/1/orders", Map.of()).getBody()).hasSize(5);
        assertThat(get("/data/customers/1/recommendations", Map.of()).getBody()).hasSize(5);
    }

    @Test
    void slowQueryScenarioPausesInPostgres() {
        JsonNode normal = get("/data/customers/3/recommendations", Map.of()).getBody();
        long started = System.nanoTime();
        JsonNode slow = get("/data/customers/3/recommendations", Map.of(Scenario.HEADER, "slow-query")).getBody();
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

        assertThat(slow).isEqualTo(normal);
        // A lower bound set by pg_sleep, not a speed expectation.
        assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void nPlusOneScenarioReadsTheSameOrder() {
        assertThat(get("/data/orders/11", Map.of(Scenario.HEADER, "n-plus-one")).getBody())
                .isEqualTo(get("/data/orders/11", Map.of()).getBody());
    }

    @Test
    void placedOrdersGetIdsAfterTheSeededOnes() {
        ResponseEntity<JsonNode> placed = http.post().uri("/data/orders")
                .body(Map.of("customerId", 6, "items", List.of(Map.of("productId", 2, "quantity", 1))))
                .retrieve().toEntity(JsonNode.class);

        assertThat(placed.getStatusCode().value()).isEqualTo(201);
        assertThat(placed.getBody().get("id").asLong()).isGreaterThanOrEqualTo(1000);
        assertThat(placed.getBody().get("createdAt").asString()).endsWith("Z");
    }

    private static ResponseEntity<JsonNode> get(String path, Map<String, String> headers) {
        return http.get().uri(path).headers(h -> headers.forEach(h::set)).retrieve().toEntity(JsonNode.class);
    }

    private static void admin(String sql) throws SQLException {
        String url = "jdbc:postgresql://" + HOST + ":" + PORT + "/postgres";
        try (Connection connection = DriverManager.getConnection(url, USER, "");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new SQLException("this test needs the PostgreSQL server on " + HOST + ":" + PORT + " (user " + USER
                    + ", trust auth); see ENVIRONMENT.md for how to start it: " + e.getMessage(), e);
        }
    }
}
