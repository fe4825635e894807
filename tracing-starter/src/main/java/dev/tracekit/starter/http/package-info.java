/** HTTP semantic conventions, URL redaction and path exclusion shared by server and client tracing. */
package dev.tracekit.starter.http;
