package dev.tracekit.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random sequences of opening scopes and closing any of them (in any order, twice, or never)
 * behave like a stack where closing a scope pops it and everything above it, and closing a
 * scope that is no longer on the stack does nothing. Closing the outermost open scope leaves the
 * thread clean.
 */
class ScopeStackPropertyTest {

  /** A step: {@code -1} opens a new scope; {@code k >= 0} closes the k-th scope ever opened. */
  @Provide
  Arbitrary<List<Integer>> steps() {
    return Arbitraries.integers().between(-1, 15).list().ofMinSize(1).ofMaxSize(60);
  }

  @Property(tries = 500)
  void scopesBehaveLikeAStackThatPopsEverythingAboveTheClosedOne(@ForAll("steps") List<Integer> steps) {
    List<Scope> opened = new ArrayList<>();
    List<Context> contexts = new ArrayList<>();
    List<Integer> modelStack = new ArrayList<>(); // indices into opened, innermost last
    try {
      for (int step : steps) {
        if (step < 0) {
          Context c = Context.root().with(Span.wrap(
              TraceContext.create(1, 1, opened.size() + 1, 0, TraceState.empty(), false)));
          contexts.add(c);
          opened.add(c.makeCurrent());
          modelStack.add(opened.size() - 1);
        } else if (step < opened.size()) {
          opened.get(step).close();
          int pos = modelStack.indexOf(step);
          if (pos >= 0) {
            modelStack.subList(pos, modelStack.size()).clear();
          }
        }
        Context expected =
            modelStack.isEmpty() ? Context.root() : contexts.get(modelStack.get(modelStack.size() - 1));
        assertThat(Context.current()).isSameAs(expected);
      }
      if (!modelStack.isEmpty()) {
        opened.get(modelStack.get(0)).close(); // the outermost open scope cleans up everything
        assertThat(Context.current()).isSameAs(Context.root());
      }
    } finally {
      for (int i = opened.size() - 1; i >= 0; i--) {
        opened.get(i).close();
      }
    }
  }
}
