package dev.tracekit.starter.http;

import java.util.List;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/** The request paths that get no server span ({@code tracekit.http.server.excluded-paths}). */
public final class PathExclusions {

  private final PathPattern[] patterns;

  public PathExclusions(List<String> patterns) {
    PathPatternParser parser = PathPatternParser.defaultInstance;
    this.patterns =
        patterns.stream().filter(p -> p != null && !p.isBlank()).map(String::trim).map(parser::parse)
            .toArray(PathPattern[]::new);
  }

  /** Whether {@code pathWithinApplication} (context path removed) matches an excluded pattern. */
  public boolean isExcluded(String pathWithinApplication) {
    if (patterns.length == 0) {
      return false;
    }
    PathContainer path = PathContainer.parsePath(pathWithinApplication);
    for (PathPattern pattern : patterns) {
      if (pattern.matches(path)) {
        return true;
      }
    }
    return false;
  }
}
