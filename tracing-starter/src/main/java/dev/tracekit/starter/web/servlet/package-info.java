/** SERVER spans for Spring MVC (servlet) applications. */
package dev.tracekit.starter.web.servlet;
