package dev.tracekit.collector.storage.memory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The service and span names of the stored traces, counted by trace so that a name disappears
 * with the last trace that carries it. Guarded by the store's lock.
 */
final class ServiceNames {

  private final Map<String, Map<String, int[]>> spansByServiceAndName = new HashMap<>();

  void add(String service, String name) {
    spansByServiceAndName.computeIfAbsent(service, k -> new HashMap<>()).computeIfAbsent(name, k -> new int[1])[0]++;
  }

  void remove(String service, String name) {
    Map<String, int[]> names = spansByServiceAndName.get(service);
    if (names == null) {
      return;
    }
    int[] count = names.get(name);
    if (count != null && --count[0] == 0) {
      names.remove(name);
      if (names.isEmpty()) {
        spansByServiceAndName.remove(service);
      }
    }
  }

  List<String> services() {
    return new ArrayList<>(new TreeSet<>(spansByServiceAndName.keySet()));
  }

  List<String> operations(String service) {
    Map<String, int[]> names = spansByServiceAndName.get(service);
    return names == null ? List.of() : new ArrayList<>(new TreeSet<>(names.keySet()));
  }

  void clear() {
    spansByServiceAndName.clear();
  }
}
