package dev.tracekit.starter.it;

/** Settings every reactive test application runs with. */
final class ReactiveServers {

  /**
   * One request per connection. Reactor Netty 1.3.6 can stop reading a keep-alive connection
   * when the next request arrives before the previous one has fully terminated
   * (reactor/reactor-netty#4361, #4347): a later request then hangs. It happens with TraceKit
   * off as well; closing connections after each request sidesteps it.
   */
  static final String NO_KEEP_ALIVE = "server.netty.max-keep-alive-requests=1";

  private ReactiveServers() {}
}
