/** JSON console logs and shipping of log events as OTLP log records. */
package dev.tracekit.starter.logging;
