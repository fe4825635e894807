package dev.tracekit.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

// Scopes are opened for their effect on the current context, not referenced: the point of them.
@SuppressWarnings("try")
class ContextScopeTest {

  private static Context ctx(long spanId) {
    return Context.root()
        .with(Span.wrap(TraceContext.create(1, 2, spanId, TraceFlags.SAMPLED, TraceState.empty(), false)));
  }

  @AfterEach
  void threadIsClean() {
    assertThat(Context.current()).isSameAs(Context.root());
  }

  @Test
  void closingRestoresPreviousContext() {
    Context a = ctx(1);
    Context b = ctx(2);
    try (Scope sa = a.makeCurrent()) {
      assertThat(Context.current()).isSameAs(a);
      try (Scope sb = b.makeCurrent()) {
        assertThat(Context.current()).isSameAs(b);
        assertThat(Context.currentSpan()).isSameAs(b.span());
      }
      assertThat(Context.current()).isSameAs(a);
    }
    assertThat(Context.current()).isSameAs(Context.root());
  }

  @Test
  void outOfOrderCloseRestoresOuterPreviousAndLaterCloseDoesNothing() {
    Context a = ctx(1);
    Context b = ctx(2);
    Scope sa = a.makeCurrent();
    Scope sb = b.makeCurrent();

    sa.close(); // outer first: back to what was current before a, b is unwound with it
    assertThat(Context.current()).isSameAs(Context.root());

    sb.close(); // must not reinstall a (the stale "previous" of b)
    assertThat(Context.current()).isSameAs(Context.root());
  }

  @Test
  void outOfOrderCloseInsideAnotherScopeKeepsThatScope() {
    Context outer = ctx(9);
    try (Scope so = outer.makeCurrent()) {
      Scope sa = ctx(1).makeCurrent();
      Scope sb = ctx(2).makeCurrent();
      sa.close();
      assertThat(Context.current()).isSameAs(outer);
      sb.close();
      assertThat(Context.current()).isSameAs(outer);
      Context c = ctx(3);
      try (Scope sc = c.makeCurrent()) {
        sb.close(); // a stale close while another scope is open changes nothing
        assertThat(Context.current()).isSameAs(c);
      }
      assertThat(Context.current()).isSameAs(outer);
    }
  }

  @Test
  void doubleCloseDoesNotPopEnclosingScope() {
    Context a = ctx(1);
    try (Scope sa = a.makeCurrent()) {
      Scope sb = ctx(2).makeCurrent();
      sb.close();
      sb.close();
      assertThat(Context.current()).isSameAs(a);
    }
  }

  @Test
  void leakedInnerScopeIsClosedByEnclosingScope() {
    Context a = ctx(1);
    Scope sa = a.makeCurrent();
    ctx(2).makeCurrent(); // never closed
    sa.close();
    assertThat(Context.current()).isSameAs(Context.root());
  }

  @Test
  void closeOnAnotherThreadChangesNothingThere() throws Exception {
    Context a = ctx(1);
    Scope sa = a.makeCurrent();
    AtomicReference<Context> seenThere = new AtomicReference<>();
    Thread t =
        new Thread(
            () -> {
              Context b = ctx(2);
              try (Scope sb = b.makeCurrent()) {
                sa.close();
                seenThere.set(Context.current());
              }
            });
    t.start();
    t.join();
    assertThat(seenThere.get().span().context().spanId()).isEqualTo(2);
    assertThat(Context.current()).isSameAs(a);
    sa.close();
  }

  @Test
  void makingCurrentContextCurrentAgainIsNoop() {
    Context a = ctx(1);
    try (Scope sa = a.makeCurrent()) {
      Scope again = a.makeCurrent();
      again.close();
      assertThat(Context.current()).isSameAs(a);
    }
    Scope rootAgain = Context.root().makeCurrent();
    rootAgain.close();
  }

  @Test
  void rootCanBeMadeCurrentInsideAnotherContext() {
    Context a = ctx(1);
    try (Scope sa = a.makeCurrent()) {
      try (Scope r = Context.root().makeCurrent()) {
        assertThat(Context.current()).isSameAs(Context.root());
      }
      assertThat(Context.current()).isSameAs(a);
    }
  }
}
