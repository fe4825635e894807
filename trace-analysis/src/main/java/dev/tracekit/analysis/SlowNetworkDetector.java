package dev.tracekit.analysis;

import dev.tracekit.core.SpanKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Slow network: a client span that outlasts the server span that handled it (its longest SERVER
 * child) by at least {@link AnalysisSettings#slowNetworkMinGap()} and lasts at least
 * {@link AnalysisSettings#slowNetworkMinRatio()} times as long. The difference went to the
 * network, connection setup, or queueing before the server's instrumentation saw the request.
 * Calls of one operation between the same two services make one finding.
 */
final class SlowNetworkDetector implements Detector {

  private final AnalysisSettings settings;

  SlowNetworkDetector(AnalysisSettings settings) {
    this.settings = settings;
  }

  private static final class Group {
    final Node firstClient;
    final Node firstServer;
    final List<Node> spans = new ArrayList<>();
    int calls;
    long clientTime;
    long serverTime;

    Group(Node client, Node server) {
      this.firstClient = client;
      this.firstServer = server;
    }
  }

  @Override
  public void detect(TraceTree tree, FindingCollector out) {
    Map<String, Group> groups = new LinkedHashMap<>();
    for (Node client : tree.nodes) {
      if (client.kind != SpanKind.CLIENT || client.children.isEmpty()) {
        continue;
      }
      Node server = longestServerChild(client);
      if (server == null) {
        continue;
      }
      long gap = client.duration() - server.duration();
      if (gap < settings.slowNetworkMinGapMicros()
          || (double) client.duration() < settings.slowNetworkMinRatio() * server.duration()) {
        continue;
      }
      String key = client.service + '\u0000' + client.name() + '\u0000' + server.service;
      Group g = groups.computeIfAbsent(key, k -> new Group(client, server));
      g.spans.add(client);
      g.spans.add(server);
      g.calls++;
      g.clientTime += client.duration();
      g.serverTime += server.duration();
    }
    for (Group g : groups.values()) {
      long gap = g.clientTime - g.serverTime;
      String message = g.calls == 1
          ? Names.quote(g.firstClient.name()) + " from " + g.firstClient.service + " took "
              + Durations.format(g.clientTime) + " but " + g.firstServer.service + " handled it in "
              + Durations.format(g.serverTime) + "; " + Durations.format(gap)
              + " went to the network, connection setup or queueing in between."
          : g.calls + " calls " + Names.quote(g.firstClient.name()) + " from " + g.firstClient.service + " took "
              + Durations.format(g.clientTime) + " in total but " + g.firstServer.service + " handled them in "
              + Durations.format(g.serverTime) + "; " + Durations.format(gap)
              + " went to the network, connection setup or queueing in between.";
      out.add(FindingType.SLOW_NETWORK, gap, g.spans, message);
    }
  }

  private static Node longestServerChild(Node client) {
    Node server = null;
    for (Node c : client.children) {
      if (c.kind == SpanKind.SERVER && (server == null || c.duration() > server.duration())) {
        server = c;
      }
    }
    return server;
  }
}
