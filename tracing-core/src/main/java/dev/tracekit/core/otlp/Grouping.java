package dev.tracekit.core.otlp;

import dev.tracekit.core.InstrumentationScope;
import dev.tracekit.core.Resource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * Groups a batch by resource, then by instrumentation scope, as OTLP nests them, keeping the
 * order of first appearance. A batch from one SDK shares one resource and a few scopes, so the
 * previous group is checked by identity first and the lists are scanned only on a change.
 */
final class Grouping {

  private Grouping() {}

  record ScopeGroup<T>(InstrumentationScope scope, List<T> items) {}

  record ResourceGroup<T>(Resource resource, List<ScopeGroup<T>> scopes) {}

  static <T> List<ResourceGroup<T>> group(
      Collection<? extends T> items,
      Function<? super T, Resource> resourceOf,
      Function<? super T, InstrumentationScope> scopeOf) {
    List<ResourceGroup<T>> groups = new ArrayList<>(2);
    ResourceGroup<T> resourceGroup = null;
    ScopeGroup<T> scopeGroup = null;
    for (T item : items) {
      Resource resource = resourceOf.apply(item);
      InstrumentationScope scope = scopeOf.apply(item);
      if (resourceGroup == null || resourceGroup.resource() != resource) {
        ResourceGroup<T> found = findResource(groups, resource);
        if (found != resourceGroup) {
          resourceGroup = found;
          scopeGroup = null;
        }
      }
      if (scopeGroup == null || scopeGroup.scope() != scope) {
        scopeGroup = findScope(resourceGroup.scopes(), scope);
      }
      scopeGroup.items().add(item);
    }
    return groups;
  }

  private static <T> ResourceGroup<T> findResource(List<ResourceGroup<T>> groups, Resource resource) {
    for (ResourceGroup<T> g : groups) {
      if (g.resource() == resource || g.resource().equals(resource)) {
        return g;
      }
    }
    ResourceGroup<T> g = new ResourceGroup<>(resource, new ArrayList<>(2));
    groups.add(g);
    return g;
  }

  private static <T> ScopeGroup<T> findScope(List<ScopeGroup<T>> scopes, InstrumentationScope scope) {
    for (ScopeGroup<T> g : scopes) {
      if (g.scope() == scope || g.scope().equals(scope)) {
        return g;
      }
    }
    ScopeGroup<T> g = new ScopeGroup<>(scope, new ArrayList<>());
    scopes.add(g);
    return g;
  }
}
