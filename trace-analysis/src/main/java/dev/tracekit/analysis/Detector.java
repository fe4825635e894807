package dev.tracekit.analysis;

/** Finds one kind of problem in a built tree. Implementations are stateless and thread-safe. */
interface Detector {

  void detect(TraceTree tree, FindingCollector out);
}
