package dev.tracekit.collector.storage.listen;

import dev.tracekit.collector.storage.SpanStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Wraps the {@link SpanStore} bean so that every {@link StoreWriteListener} bean hears about the
 * batches it stores. A decorator rather than a hook in the ingest pipeline: the pipeline and the
 * store stay unaware of who listens.
 */
public final class StoreWriteListeners implements BeanPostProcessor {

  private final ObjectProvider<StoreWriteListener> listeners;

  public StoreWriteListeners(ObjectProvider<StoreWriteListener> listeners) {
    this.listeners = listeners;
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (bean instanceof SpanStore store && !(bean instanceof ListeningSpanStore)) {
      return new ListeningSpanStore(store, () -> listeners.orderedStream().toList());
    }
    return bean;
  }
}
