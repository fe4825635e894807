package dev.tracekit.collector.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * One kept-alive connection carries thousands of sequential requests, including those the server
 * answers at once (health, early 401s). Reactor Netty 1.3.6 — Spring Boot 4.0.7's — stopped
 * reading such a connection after a request that completed synchronously: the next request sat
 * unread in the socket (seen after 40 to 800 health checks with curl and the JDK client), until
 * the client timed out. A raw socket makes sure every request really goes over the same
 * connection; the read timeout turns a stall into a failure, not a stuck build.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "tracekit.collector.ingest-token=s3cret-token")
class KeptAliveConnectionTest {

  private static final int REQUESTS = 2_000;

  @LocalServerPort
  int port;

  @Test
  void healthChecksOnOneConnectionAreAllAnswered() throws IOException {
    assertEveryRequestIsAnswered("GET /actuator/health HTTP/1.1\r\nHost: localhost\r\n\r\n", 200);
  }

  @Test
  void ingestRefusedForAMissingTokenOnOneConnectionIsAlwaysAnswered() throws IOException {
    assertEveryRequestIsAnswered("POST /v1/traces HTTP/1.1\r\nHost: localhost\r\n"
        + "Content-Type: application/x-protobuf\r\nContent-Length: 4\r\n\r\nabcd", 401);
  }

  @Test
  void queriesOnOneConnectionAreAllAnswered() throws IOException {
    assertEveryRequestIsAnswered("GET /api/services HTTP/1.1\r\nHost: localhost\r\n\r\n", 200);
  }

  private void assertEveryRequestIsAnswered(String request, int expectedStatus) throws IOException {
    byte[] bytes = request.getBytes(StandardCharsets.US_ASCII);
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(10_000);
      socket.setTcpNoDelay(true);
      OutputStream out = socket.getOutputStream();
      InputStream in = new BufferedInputStream(socket.getInputStream());
      for (int i = 0; i < REQUESTS; i++) {
        out.write(bytes);
        out.flush();
        int status;
        try {
          status = readResponseStatus(in);
        } catch (SocketTimeoutException e) {
          throw new AssertionError("request " + (i + 1) + " on the connection was not answered within 10 s", e);
        }
        assertThat(status).as("status of request %d on the connection", i + 1).isEqualTo(expectedStatus);
      }
    }
  }

  /** Reads one whole response (Content-Length or chunked body) and returns its status. */
  private static int readResponseStatus(InputStream in) throws IOException {
    String statusLine = readLine(in);
    int status = Integer.parseInt(statusLine.split(" ")[1]);
    long length = 0;
    boolean chunked = false;
    boolean close = false;
    StringBuilder head = new StringBuilder(statusLine);
    for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
      head.append(" | ").append(line);
      String lower = line.toLowerCase(Locale.ROOT);
      if (lower.startsWith("content-length:")) {
        length = Long.parseLong(lower.substring(15).trim());
      } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
        chunked = true;
      } else if (lower.startsWith("connection:") && lower.contains("close")) {
        close = true;
      }
    }
    assertThat(close).as("the server asked to close the connection: %s", head).isFalse();
    if (chunked) {
      for (long size = Long.parseLong(readLine(in).trim(), 16); size > 0; size = Long.parseLong(readLine(in).trim(), 16)) {
        in.readNBytes((int) size);
        readLine(in);
      }
      readLine(in);
    } else {
      in.readNBytes((int) length);
    }
    return status;
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new IOException("the server closed the connection");
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.US_ASCII);
  }
}
