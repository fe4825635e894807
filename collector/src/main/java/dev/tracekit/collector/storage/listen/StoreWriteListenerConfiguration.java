package dev.tracekit.collector.storage.listen;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the post-processor that lets {@link StoreWriteListener} beans hear about stored batches. */
@Configuration(proxyBeanMethods = false)
class StoreWriteListenerConfiguration {

  /** Static: a post-processor must exist before the store bean it wraps. */
  @Bean
  static StoreWriteListeners storeWriteListeners(ObjectProvider<StoreWriteListener> listeners) {
    return new StoreWriteListeners(listeners);
  }
}
