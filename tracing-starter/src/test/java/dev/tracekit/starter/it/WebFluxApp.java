package dev.tracekit.starter.it;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** A WebFlux application exercising what the WebFilter and the WebClient filter must handle. */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import(WebFluxApp.Endpoints.class)
class WebFluxApp {

  @Bean
  RouterFunction<ServerResponse> functionalRoutes() {
    return RouterFunctions.route()
        .GET("/fn/{name}", request -> ServerResponse.ok().bodyValue("hello " + request.pathVariable("name")))
        .build();
  }

  @RestController
  static class Endpoints {
    private static final Logger log = LoggerFactory.getLogger(Endpoints.class);
    private final Map<String, AtomicInteger> flakyCalls = new ConcurrentHashMap<>();
    private final WebClient.Builder webClients;
    private final ApplicationContext context;

    Endpoints(WebClient.Builder webClients, ApplicationContext context) {
      this.webClients = webClients;
      this.context = context;
    }

    private WebClient self() {
      return webClients
          .baseUrl("http://localhost:" + ((WebServerApplicationContext) context).getWebServer().getPort())
          .build();
    }

    @GetMapping("/users/{id}")
    Mono<String> user(@PathVariable String id) {
      return Mono.just(id)
          .subscribeOn(Schedulers.boundedElastic())
          .doOnNext(i -> log.info("flux user #{}# on elastic", i))
          .publishOn(Schedulers.parallel())
          .doOnNext(i -> log.info("flux user #{}# on parallel", i))
          .map(i -> "user " + i + " " + ChainApps.traceId());
    }

    @GetMapping("/boom")
    Mono<String> boom() {
      return Mono.error(new IllegalStateException("reactive kaput"));
    }

    @GetMapping("/missing")
    Mono<String> missing() {
      return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND, "no such thing"));
    }

    @GetMapping("/flaky/{key}")
    Mono<ResponseEntity<String>> flaky(@PathVariable String key) {
      int call = flakyCalls.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
      return Mono.just(
          call == 1
              ? ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body("try again")
              : ResponseEntity.ok("ok after " + call));
    }

    @GetMapping("/call/retrying/{key}")
    Mono<String> callWithRetries(@PathVariable String key) {
      return self().get().uri("/flaky/{key}", key).retrieve().bodyToMono(String.class).retry(2);
    }
  }
}
