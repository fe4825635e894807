package dev.tracekit.it;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.testcontainers.DockerClientFactory;

/**
 * Image tags a test is about to (re)build, and the images they pointed to before: restore()
 * removes what the test built and puts each tag back where it was (or removes it when it did
 * not exist), so the machine's images are as the test found them.
 */
final class ImageTags {

  private final DockerClient docker = DockerClientFactory.instance().client();
  /** Tag to the image id it had before, or null when it did not exist. */
  private final Map<String, String> before = new LinkedHashMap<>();

  private ImageTags(List<String> tags) {
    for (String tag : tags) {
      before.put(tag, imageId(tag));
    }
  }

  static ImageTags remember(List<String> tags) {
    return new ImageTags(tags);
  }

  void restore() {
    before.forEach((tag, previous) -> {
      String now = imageId(tag);
      if (now == null || now.equals(previous)) {
        return;
      }
      if (previous != null) {
        int colon = tag.lastIndexOf(':');
        docker.tagImageCmd(previous, tag.substring(0, colon), tag.substring(colon + 1)).withForce(true).exec();
      }
      try {
        // By id, unforced: it goes only if nothing else (another tag, a container) still uses it.
        docker.removeImageCmd(now).exec();
      } catch (NotFoundException | ConflictException e) {
        // Already gone, or still in use elsewhere: not ours alone to remove.
      }
    });
  }

  private String imageId(String tag) {
    try {
      return docker.inspectImageCmd(tag).exec().getId();
    } catch (NotFoundException e) {
      return null;
    }
  }
}
