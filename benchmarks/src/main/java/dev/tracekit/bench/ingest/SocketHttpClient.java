package dev.tracekit.bench.ingest;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Sequential GETs over one kept-alive HTTP/1.1 connection, on the calling thread: write the
 * request, read the status, headers and body ({@code Content-Length} or chunked). The query probe
 * times the servers with it because the JDK {@code HttpClient} hands every exchange between its
 * selector thread, an executor and the caller: on the 2-core benchmark machine that added about
 * 0.5 ms to the median and 5 ms to the 99th percentile of a trivial request (curl: p50 0.11 ms,
 * p99 0.40 ms; JDK client: 0.62 and 6.0 ms, same endpoint, same server). The connection is
 * reopened when the server closes it.
 */
final class SocketHttpClient implements Closeable {

  /** Status and body of one answer. */
  record Response(int status, byte[] body) {}

  private final String host;
  private final int port;
  private Socket socket;
  private OutputStream out;
  private InputStream in;

  SocketHttpClient(URI base) {
    this.host = base.getHost();
    this.port = base.getPort();
  }

  Response get(URI uri) throws IOException {
    String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    byte[] request = ("GET " + target + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nAccept: application/json\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
    if (socket == null) {
      connect();
    }
    try {
      return exchange(request);
    } catch (IOException e) {
      // A kept-alive connection the server closed meanwhile: one retry on a new one.
      close();
      connect();
      return exchange(request);
    }
  }

  private void connect() throws IOException {
    socket = new Socket(host, port);
    socket.setTcpNoDelay(true);
    socket.setSoTimeout(60_000);
    out = socket.getOutputStream();
    in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
  }

  private Response exchange(byte[] request) throws IOException {
    out.write(request);
    out.flush();
    String statusLine = readLine();
    String[] parts = statusLine.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
      throw new IOException("not an HTTP/1.x status line: " + statusLine);
    }
    int status = Integer.parseInt(parts[1]);
    long length = -1;
    boolean chunked = false;
    boolean close = false;
    for (String line = readLine(); !line.isEmpty(); line = readLine()) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = line.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
      switch (name) {
        case "content-length" -> length = Long.parseLong(value);
        case "transfer-encoding" -> chunked = value.contains("chunked");
        case "connection" -> close = value.contains("close");
        default -> { }
      }
    }
    byte[] body;
    if (chunked) {
      ByteArrayOutputStream chunks = new ByteArrayOutputStream();
      for (int size = chunkSize(); size > 0; size = chunkSize()) {
        chunks.write(readExactly(size));
        readLine();
      }
      for (String trailer = readLine(); !trailer.isEmpty(); trailer = readLine()) {
        // trailers are not used
      }
      body = chunks.toByteArray();
    } else if (length >= 0) {
      body = readExactly((int) length);
    } else {
      body = in.readAllBytes(); // no length: the body ends with the connection
      close = true;
    }
    if (close) {
      close();
    }
    return new Response(status, body);
  }

  private int chunkSize() throws IOException {
    String line = readLine();
    int semicolon = line.indexOf(';');
    return Integer.parseInt((semicolon < 0 ? line : line.substring(0, semicolon)).trim(), 16);
  }

  private byte[] readExactly(int n) throws IOException {
    byte[] bytes = in.readNBytes(n);
    if (bytes.length < n) {
      throw new IOException("the connection ended " + (n - bytes.length) + " bytes before the body did");
    }
    return bytes;
  }

  private String readLine() throws IOException {
    StringBuilder line = new StringBuilder();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new IOException("the server closed the connection");
      }
      if (b != '\r') {
        line.append((char) b);
      }
    }
    return line.toString();
  }

  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException e) {
        // closing anyway
      }
      socket = null;
    }
  }
}
