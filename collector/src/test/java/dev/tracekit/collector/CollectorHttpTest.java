package dev.tracekit.collector;

import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A collector on a random port with the memory store and small ingest limits, shared by the
 * HTTP tests (one Spring context for all of them). Tests use random trace ids and their own
 * service names, so they do not see each other's data.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "tracekit.collector.ingest.max-body-size=256KB",
    "tracekit.collector.ingest.max-decompressed-size=1MB",
    "tracekit.collector.ingest.max-spans-per-request=100",
    "tracekit.collector.ingest.max-logs-per-request=100",
    "tracekit.collector.ingest.queue-capacity=10000",
    "tracekit.collector.storage.memory.max-spans=100000",
    "tracekit.collector.storage.memory.max-logs=100000",
})
public abstract class CollectorHttpTest {

  @LocalServerPort
  protected int port;

  protected CollectorClient client;

  @BeforeEach
  void connect() {
    client = new CollectorClient(port);
  }

  /** A random trace id high/low pair's low half, never zero. */
  protected static long randomId() {
    long id;
    do {
      id = ThreadLocalRandom.current().nextLong();
    } while (id == 0);
    return id;
  }
}
