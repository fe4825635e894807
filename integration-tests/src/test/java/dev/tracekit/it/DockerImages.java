package dev.tracekit.it;

import com.github.dockerjava.api.exception.NotFoundException;
import java.util.Collection;
import org.testcontainers.DockerClientFactory;

/**
 * Removes images a test built. Ryuk (Testcontainers' reaper) cannot run here, and its JVM
 * shutdown hook does not run when a build is killed: what a test builds, it removes itself.
 */
final class DockerImages {

  private DockerImages() {}

  static void remove(Collection<String> images) {
    for (String image : images) {
      try {
        DockerClientFactory.instance().client().removeImageCmd(image).withForce(true).exec();
      } catch (NotFoundException e) {
        // Never built (the test failed before) or already gone.
      }
    }
  }
}
