package dev.tracekit.starter.it;

import dev.tracekit.core.Context;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.stereotype.Service;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Three small applications calling each other: front (Spring MVC) → RestClient → middle
 * (WebFlux) → WebClient → back (Spring MVC). Each answers with the trace id it saw, so a test
 * can check that every hop and thread saw the same trace.
 */
final class ChainApps {

  private ChainApps() {}

  static String traceId() {
    return Context.currentSpan().context().traceIdHex();
  }

  static String tenant() {
    return Context.current().baggage().get("tenant");
  }

  @Configuration(proxyBeanMethods = false)
  @EnableAutoConfiguration
  @EnableAsync
  @Import({FrontController.class, AsyncWork.class})
  static class Front {
    @Bean
    RestClient middleClient(RestClient.Builder builder, Environment environment) {
      return builder.baseUrl(environment.getRequiredProperty("middle.url")).build();
    }
  }

  @RestController
  static class FrontController {
    private static final Logger log = LoggerFactory.getLogger(FrontController.class);
    private final RestClient middle;
    private final AsyncWork async;

    FrontController(RestClient middleClient, AsyncWork async) {
      this.middle = middleClient;
      this.async = async;
    }

    @GetMapping("/orders/{id}")
    String order(@PathVariable String id) throws Exception {
      log.info("front handling order #{}#", id);
      String asyncSeen = async.work(id).get();
      String downstream = middle.get().uri("/items/{id}", id).retrieve().body(String.class);
      return "front=" + traceId() + " async=" + asyncSeen + " " + downstream;
    }
  }

  @Service
  static class AsyncWork {
    private static final Logger log = LoggerFactory.getLogger(AsyncWork.class);

    @Async
    public CompletableFuture<String> work(String id) {
      log.info("async work for order #{}# on {}", id, Thread.currentThread().getName());
      return CompletableFuture.completedFuture(traceId());
    }
  }

  @Configuration(proxyBeanMethods = false)
  @EnableAutoConfiguration
  @Import(MiddleController.class)
  static class Middle {
    @Bean
    WebClient backClient(WebClient.Builder builder, Environment environment) {
      return builder.baseUrl(environment.getRequiredProperty("back.url")).build();
    }
  }

  @RestController
  static class MiddleController {
    private static final Logger log = LoggerFactory.getLogger(MiddleController.class);
    private final WebClient back;

    MiddleController(WebClient backClient) {
      this.back = backClient;
    }

    @GetMapping("/items/{id}")
    Mono<String> item(@PathVariable String id) {
      return Mono.just(id)
          .doOnNext(i -> log.info("middle received item #{}#", i))
          .publishOn(Schedulers.parallel())
          .doOnNext(i -> log.info("middle on parallel thread for item #{}# on {}", i, Thread.currentThread().getName()))
          .map(i -> traceId())
          .flatMap(
              seen ->
                  back.get()
                      .uri("/stock/{id}", id)
                      .retrieve()
                      .bodyToMono(String.class)
                      .map(stock -> "middle=" + seen + " " + stock));
    }
  }

  @Configuration(proxyBeanMethods = false)
  @EnableAutoConfiguration
  @Import(BackController.class)
  static class Back {}

  @RestController
  static class BackController {
    private static final Logger log = LoggerFactory.getLogger(BackController.class);

    @GetMapping("/stock/{id}")
    String stock(@PathVariable String id) {
      log.info("back checking stock #{}#", id);
      return "back=" + traceId() + " tenant=" + tenant();
    }
  }
}
