package dev.tracekit.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Executors that run each task with the {@link Context} that was current when the task was
 * submitted, so spans started in the task have the submitter's span as parent. The task's
 * scope is closed when it finishes, leaving the worker thread as it was.
 */
public final class ContextExecutors {

  private ContextExecutors() {}

  /** {@code task}, run with the calling thread's current context. */
  public static Runnable wrap(Runnable task) {
    return Context.current().wrap(Objects.requireNonNull(task, "task"));
  }

  /** {@code task}, run with the calling thread's current context. */
  public static <T> Callable<T> wrap(Callable<T> task) {
    return Context.current().wrap(Objects.requireNonNull(task, "task"));
  }

  public static Executor wrap(Executor delegate) {
    Objects.requireNonNull(delegate, "delegate");
    return task -> delegate.execute(wrap(task));
  }

  public static ExecutorService wrap(ExecutorService delegate) {
    return new ContextExecutorService<>(Objects.requireNonNull(delegate, "delegate"));
  }

  public static ScheduledExecutorService wrap(ScheduledExecutorService delegate) {
    return new ContextScheduledExecutorService(Objects.requireNonNull(delegate, "delegate"));
  }

  private static <T> List<Callable<T>> wrapAll(Collection<? extends Callable<T>> tasks) {
    Context context = Context.current();
    List<Callable<T>> wrapped = new ArrayList<>(tasks.size());
    for (Callable<T> task : tasks) {
      wrapped.add(context.wrap(Objects.requireNonNull(task, "task")));
    }
    return wrapped;
  }

  /** Wraps every way a task gets in; lifecycle calls go straight to the delegate. */
  private static class ContextExecutorService<E extends ExecutorService> implements ExecutorService {
    final E delegate;

    ContextExecutorService(E delegate) {
      this.delegate = delegate;
    }

    @Override
    public void execute(Runnable command) {
      delegate.execute(wrap(command));
    }

    @Override
    public Future<?> submit(Runnable task) {
      return delegate.submit(wrap(task));
    }

    @Override
    public <T> Future<T> submit(Runnable task, T result) {
      return delegate.submit(wrap(task), result);
    }

    @Override
    public <T> Future<T> submit(Callable<T> task) {
      return delegate.submit(wrap(task));
    }

    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks)
        throws InterruptedException {
      return delegate.invokeAll(wrapAll(tasks));
    }

    @Override
    public <T> List<Future<T>> invokeAll(
        Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
        throws InterruptedException {
      return delegate.invokeAll(wrapAll(tasks), timeout, unit);
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks)
        throws InterruptedException, ExecutionException {
      return delegate.invokeAny(wrapAll(tasks));
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
        throws InterruptedException, ExecutionException, TimeoutException {
      return delegate.invokeAny(wrapAll(tasks), timeout, unit);
    }

    @Override
    public void shutdown() {
      delegate.shutdown();
    }

    @Override
    public List<Runnable> shutdownNow() {
      return delegate.shutdownNow();
    }

    @Override
    public boolean isShutdown() {
      return delegate.isShutdown();
    }

    @Override
    public boolean isTerminated() {
      return delegate.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
      return delegate.awaitTermination(timeout, unit);
    }

    @Override
    public String toString() {
      return "ContextExecutorService{" + delegate + "}";
    }
  }

  /** Also wraps scheduled tasks; a periodic task runs with the context of its scheduling. */
  private static final class ContextScheduledExecutorService
      extends ContextExecutorService<ScheduledExecutorService> implements ScheduledExecutorService {

    ContextScheduledExecutorService(ScheduledExecutorService delegate) {
      super(delegate);
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
      return delegate.schedule(wrap(command), delay, unit);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
      return delegate.schedule(wrap(callable), delay, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(
        Runnable command, long initialDelay, long period, TimeUnit unit) {
      return delegate.scheduleAtFixedRate(wrap(command), initialDelay, period, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(
        Runnable command, long initialDelay, long delay, TimeUnit unit) {
      return delegate.scheduleWithFixedDelay(wrap(command), initialDelay, delay, unit);
    }
  }
}
