package dev.tracekit.core.export;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Reads a response body completely (so the connection can be reused) but keeps only its first
 * bytes: enough for an error message, never a large allocation from a misbehaving receiver.
 */
final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {

  private final CompletableFuture<byte[]> result = new CompletableFuture<>();
  private final byte[] kept;
  private int size;

  private LimitedBody(int limit) {
    this.kept = new byte[limit];
  }

  static HttpResponse.BodyHandler<byte[]> handler(int limit) {
    return info -> new LimitedBody(limit);
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return result;
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    subscription.request(Long.MAX_VALUE);
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    for (ByteBuffer b : buffers) {
      int n = Math.min(b.remaining(), kept.length - size);
      b.get(kept, size, n);
      size += n;
    }
  }

  @Override
  public void onError(Throwable error) {
    result.completeExceptionally(error);
  }

  @Override
  public void onComplete() {
    result.complete(Arrays.copyOf(kept, size));
  }
}
