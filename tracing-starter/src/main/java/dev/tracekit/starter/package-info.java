/** TraceKit's Spring Boot auto-configuration: the SDK, its properties and its exporters. */
package dev.tracekit.starter;
