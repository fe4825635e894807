package dev.tracekit.starter.jdbc;

import java.util.Locale;
import java.util.Map;

/**
 * What the JDBC URL says about the database, in OpenTelemetry terms: {@code db.system}, {@code
 * db.namespace} (the database name), {@code server.address} and {@code server.port} (null / 0
 * when the URL has none, as for an in-memory H2). Parsing never throws: an URL it does not know
 * gives the subprotocol as the system and nothing else.
 */
record DatabaseInfo(String system, String namespace, String serverAddress, int serverPort) {

  static final DatabaseInfo UNKNOWN = new DatabaseInfo("other_sql", null, null, 0);

  /** JDBC subprotocols whose OpenTelemetry {@code db.system} name differs. */
  private static final Map<String, String> SYSTEMS =
      Map.of("sqlserver", "mssql", "jtds", "mssql", "pgsql", "postgresql", "as400", "db2");

  /** Prefixes of drivers that wrap another driver's URL. */
  private static final String[] WRAPPERS = {"tc:", "p6spy:", "log4jdbc:", "otel:"};

  static DatabaseInfo fromJdbcUrl(String url) {
    if (url == null || !url.regionMatches(true, 0, "jdbc:", 0, 5)) {
      return UNKNOWN;
    }
    try {
      return parse(url.substring(5));
    } catch (RuntimeException malformed) {
      return UNKNOWN;
    }
  }

  private static DatabaseInfo parse(String rest) {
    String lower = rest.toLowerCase(Locale.ROOT);
    for (String wrapper : WRAPPERS) {
      if (lower.startsWith(wrapper)) {
        return parse(rest.substring(wrapper.length()));
      }
    }
    int colon = rest.indexOf(':');
    if (colon <= 0) {
      return UNKNOWN;
    }
    String subprotocol = lower.substring(0, colon);
    String system = SYSTEMS.getOrDefault(subprotocol, subprotocol);
    String spec = rest.substring(colon + 1);
    return switch (subprotocol) {
      case "h2", "hsqldb" -> embedded(system, spec);
      case "oracle" -> oracle(spec);
      case "sqlserver", "jtds" -> sqlServer(system, spec);
      case "derby", "sqlite" -> new DatabaseInfo(system, lastSegment(spec), null, 0);
      default -> spec.startsWith("//") ? network(system, spec.substring(2)) : new DatabaseInfo(system, null, null, 0);
    };
  }

  /** host[:port][,host2...][/database][?params] after "//". */
  private static DatabaseInfo network(String system, String authorityAndPath) {
    int end = indexOfAny(authorityAndPath, "/?;");
    String authority = end < 0 ? authorityAndPath : authorityAndPath.substring(0, end);
    String database = null;
    if (end >= 0 && authorityAndPath.charAt(end) == '/') {
      String path = authorityAndPath.substring(end + 1);
      int stop = indexOfAny(path, "?;");
      database = emptyToNull(stop < 0 ? path : path.substring(0, stop));
    }
    int at = authority.lastIndexOf('@');
    if (at >= 0) {
      authority = authority.substring(at + 1);
    }
    int comma = authority.indexOf(',');
    if (comma >= 0) {
      authority = authority.substring(0, comma);
    }
    String host = authority;
    int port = 0;
    if (authority.startsWith("[")) {
      int close = authority.indexOf(']');
      host = authority.substring(1, close);
      if (close + 1 < authority.length() && authority.charAt(close + 1) == ':') {
        port = parsePort(authority.substring(close + 2));
      }
    } else {
      int portColon = authority.lastIndexOf(':');
      if (portColon >= 0) {
        host = authority.substring(0, portColon);
        port = parsePort(authority.substring(portColon + 1));
      }
    }
    return new DatabaseInfo(system, database, emptyToNull(host), port);
  }

  /** h2 / hsqldb: mem:name, file:path, ~/path, tcp://host:port/path, hsql://host/db. */
  private static DatabaseInfo embedded(String system, String spec) {
    int semicolon = spec.indexOf(';');
    String location = semicolon < 0 ? spec : spec.substring(0, semicolon);
    String lower = location.toLowerCase(Locale.ROOT);
    for (String remote : new String[] {"tcp:", "ssl:", "hsql:", "hsqls:", "http:", "https:"}) {
      if (lower.startsWith(remote) && location.startsWith("//", remote.length())) {
        DatabaseInfo info = network(system, location.substring(remote.length() + 2));
        return new DatabaseInfo(system, lastSegment(nullToEmpty(info.namespace())), info.serverAddress(), info.serverPort());
      }
    }
    for (String local : new String[] {"mem:", "file:", "res:"}) {
      if (lower.startsWith(local)) {
        location = location.substring(local.length());
        break;
      }
    }
    return new DatabaseInfo(system, lastSegment(location), null, 0);
  }

  /** thin:@host:port:sid, thin:@//host:port/service, thin:@tnsname. */
  private static DatabaseInfo oracle(String spec) {
    int at = spec.indexOf('@');
    String target = at < 0 ? spec : spec.substring(at + 1);
    if (target.startsWith("//")) {
      return network("oracle", target.substring(2));
    }
    if (target.startsWith("(")) {
      return new DatabaseInfo("oracle", null, null, 0);
    }
    String[] parts = target.split(":");
    if (parts.length == 3) {
      return new DatabaseInfo("oracle", emptyToNull(parts[2]), emptyToNull(parts[0]), parsePort(parts[1]));
    }
    return new DatabaseInfo("oracle", emptyToNull(target), null, 0);
  }

  /** //host[\instance][:port][;databaseName=db;...]. */
  private static DatabaseInfo sqlServer(String system, String spec) {
    if (!spec.startsWith("//")) {
      return new DatabaseInfo(system, null, null, 0);
    }
    DatabaseInfo info = network(system, spec.substring(2));
    String host = info.serverAddress();
    if (host != null && host.indexOf('\\') >= 0) {
      host = host.substring(0, host.indexOf('\\'));
    }
    String database = info.namespace();
    for (String param : spec.split(";")) {
      int eq = param.indexOf('=');
      if (eq > 0) {
        String key = param.substring(0, eq).trim().toLowerCase(Locale.ROOT);
        if (key.equals("databasename") || key.equals("database")) {
          database = emptyToNull(param.substring(eq + 1).trim());
        }
      }
    }
    return new DatabaseInfo(system, database, host, info.serverPort());
  }

  private static int parsePort(String s) {
    int end = 0;
    while (end < s.length() && Character.isDigit(s.charAt(end))) {
      end++;
    }
    if (end == 0 || end > 5) {
      return 0;
    }
    int port = Integer.parseInt(s.substring(0, end));
    return port <= 65535 ? port : 0;
  }

  private static String lastSegment(String path) {
    int stop = indexOfAny(path, "?;");
    String p = stop < 0 ? path : path.substring(0, stop);
    int slash = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
    return emptyToNull(slash < 0 ? p : p.substring(slash + 1));
  }

  private static int indexOfAny(String s, String chars) {
    for (int k = 0; k < s.length(); k++) {
      if (chars.indexOf(s.charAt(k)) >= 0) {
        return k;
      }
    }
    return -1;
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
