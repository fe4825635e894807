/** Helpers shared by TraceKit's instrumentations. */
package dev.tracekit.starter.support;
