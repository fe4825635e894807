package dev.tracekit.it;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the project's modules are, and the local base images the Docker tests build on. */
final class Project {

  private Project() {}

  /** The project's root directory (the reactor's, passed by the build as {@code tracekit.project-root}). */
  static Path root() {
    Path root = Path.of(System.getProperty("tracekit.project-root", "..")).toAbsolutePath().normalize();
    if (!Files.isRegularFile(root.resolve("docker-compose.yml"))) {
      throw new IllegalStateException("tracekit.project-root (" + root + ") is not the project's root directory");
    }
    return root;
  }

  static Path module(String name) {
    return root().resolve(name);
  }

  /** The Dockerfiles' {@code BASE_IMAGE}: a JRE 17 image (scripts/docker-base-images builds one). */
  static String baseImage() {
    return System.getProperty("tracekit.base-image", "tracekit/jre17-base:local");
  }

  /** A PostgreSQL image without an entrypoint of its own (scripts/docker-base-images builds one). */
  static String postgresImage() {
    return System.getProperty("tracekit.postgres-image", "tracekit/postgres-base:local");
  }
}
