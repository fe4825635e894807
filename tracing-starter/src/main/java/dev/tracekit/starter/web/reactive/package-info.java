/** SERVER spans for WebFlux (reactive) applications. */
package dev.tracekit.starter.web.reactive;
