package dev.tracekit.core.export;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP server on a random loopback port that records every request and answers with
 * scripted responses (200 once the script is used up). It can also hang, before the response
 * or in the middle of its body, until it is closed.
 */
final class TestReceiver implements AutoCloseable {

  record Request(String method, String path, Headers headers, byte[] body) {
    String header(String name) {
      return headers.getFirst(name);
    }
  }

  record Response(int status, Map<String, String> headers, Hang hang) {}

  enum Hang {
    NONE,
    BEFORE_HEADERS,
    IN_BODY
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final ConcurrentLinkedQueue<Response> script = new ConcurrentLinkedQueue<>();
  private final List<Request> requests = new ArrayList<>();
  private final CountDownLatch release = new CountDownLatch(1);

  TestReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  TestReceiver respond(int status, Map<String, String> headers) {
    script.add(new Response(status, headers, Hang.NONE));
    return this;
  }

  TestReceiver respond(int status) {
    return respond(status, Map.of());
  }

  TestReceiver hang(Hang hang) {
    script.add(new Response(200, Map.of(), hang));
    return this;
  }

  synchronized List<Request> requests() {
    return List.copyOf(requests);
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    synchronized (this) {
      requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
          exchange.getRequestHeaders(), body));
    }
    Response response = script.poll();
    if (response == null) {
      response = new Response(200, Map.of(), Hang.NONE);
    }
    try (exchange) {
      if (response.hang() == Hang.BEFORE_HEADERS) {
        awaitRelease();
        return;
      }
      response.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
      exchange.getResponseHeaders().add("Content-Type", "text/plain");
      byte[] text = ("status " + response.status()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
      if (response.hang() == Hang.IN_BODY) {
        exchange.sendResponseHeaders(response.status(), 0); // chunked: the client waits for the end
        OutputStream out = exchange.getResponseBody();
        out.write(text);
        out.flush();
        awaitRelease();
        return;
      }
      exchange.sendResponseHeaders(response.status(), text.length);
      exchange.getResponseBody().write(text);
    }
  }

  private void awaitRelease() {
    try {
      release.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    release.countDown();
    server.stop(0);
    executor.shutdownNow();
  }
}
