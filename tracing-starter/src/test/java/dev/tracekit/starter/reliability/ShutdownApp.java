package dev.tracekit.starter.reliability;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A traced application run as its own process by {@link GracefulShutdownTests}: each request logs a line. */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import(ShutdownApp.Work.class)
public class ShutdownApp {

  public static void main(String[] args) {
    SpringApplication.run(ShutdownApp.class, args);
  }

  @RestController
  static class Work {
    private static final Logger log = LoggerFactory.getLogger(Work.class);

    @GetMapping("/work")
    String work(@RequestParam int n) {
      log.info("work item {}", n);
      return "done " + n;
    }
  }
}
