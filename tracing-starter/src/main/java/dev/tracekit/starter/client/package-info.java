/** CLIENT spans and header injection for RestClient, RestTemplate and WebClient. */
package dev.tracekit.starter.client;
