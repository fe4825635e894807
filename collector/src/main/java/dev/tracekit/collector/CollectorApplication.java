package dev.tracekit.collector;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The TraceKit collector: OTLP and Zipkin ingest, storage, query API. Listens on 9411 by default. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CollectorApplication {

  public static void main(String[] args) {
    SpringApplication.run(CollectorApplication.class, args);
  }
}
