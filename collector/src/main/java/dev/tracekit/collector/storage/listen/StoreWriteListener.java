package dev.tracekit.collector.storage.listen;

import dev.tracekit.core.LogRecordData;
import dev.tracekit.core.SpanData;
import java.util.List;

/**
 * Told about each batch the store accepted, on the store's writer thread right after the write
 * returned. An implementation must return quickly and never block: ingest waits behind it.
 * Exceptions are logged and do not undo the write.
 */
public interface StoreWriteListener {

  /** The spans and logs of one successful {@code SpanStore.write}. */
  void written(List<SpanData> spans, List<LogRecordData> logs);
}
