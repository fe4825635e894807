package dev.tracekit.starter.it;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import org.springframework.web.context.request.async.DeferredResult;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;

/** A Spring MVC application exercising what the servlet filter and the HTTP clients must handle. */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import(MvcApp.Endpoints.class)
class MvcApp {

  /** When each deferred request's async work finished, by id. */
  static final Map<String, Instant> deferredDone = new ConcurrentHashMap<>();

  static final class Unavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unavailable(String message) {
      super(message);
    }
  }

  @RestController
  static class Endpoints {
    private static final Logger log = LoggerFactory.getLogger(Endpoints.class);
    private final Map<String, AtomicInteger> flakyCalls = new ConcurrentHashMap<>();
    private final RestClient.Builder restClients;
    private final RestTemplateBuilder restTemplates;
    private final ApplicationContext context;

    Endpoints(RestClient.Builder restClients, RestTemplateBuilder restTemplates, ApplicationContext context) {
      this.restClients = restClients;
      this.restTemplates = restTemplates;
      this.context = context;
    }

    private String self() {
      return "http://localhost:" + ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    @GetMapping("/users/{id}")
    String user(@PathVariable String id) {
      log.info("serving user #{}#", id);
      return "user " + id + " " + ChainApps.traceId();
    }

    @GetMapping("/search")
    String search(@RequestParam String q) {
      return "results for " + q;
    }

    @GetMapping("/boom")
    String boom() {
      throw new IllegalStateException("kaput");
    }

    @GetMapping("/unavailable")
    String unavailable() {
      throw new Unavailable("database down");
    }

    @ExceptionHandler(Unavailable.class)
    ResponseEntity<String> onUnavailable(Unavailable ex) {
      return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(ex.getMessage());
    }

    @GetMapping("/deferred/{id}")
    DeferredResult<String> deferred(@PathVariable String id) {
      DeferredResult<String> result = new DeferredResult<>();
      CompletableFuture.runAsync(
          () -> {
            deferredDone.put(id, Instant.now());
            result.setResult("deferred " + id);
          });
      return result;
    }

    @GetMapping("/untraced")
    String untraced() {
      log.info("untraced request");
      return "untraced";
    }

    @GetMapping("/flaky/{key}")
    ResponseEntity<String> flaky(@PathVariable String key) {
      int call = flakyCalls.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
      return call == 1
          ? ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body("try again")
          : ResponseEntity.ok("ok after " + call);
    }

    @GetMapping("/call/rest-client")
    String callWithRestClient() {
      return restClients.baseUrl(self()).build().get().uri("/users/{id}", "42").retrieve().body(String.class);
    }

    @GetMapping("/call/rest-template")
    String callWithRestTemplate() {
      return restTemplates.rootUri(self()).build().getForObject("/users/{id}", String.class, "43");
    }

    @GetMapping("/call/retrying/{key}")
    String callWithRetries(@PathVariable String key) {
      RestClient client =
          restClients
              .baseUrl(self())
              .requestInterceptors(
                  interceptors ->
                      interceptors.add(
                          0,
                          (request, body, execution) -> {
                            // A user's retry policy, outside the tracing interceptor: retry a 503 once.
                            ClientHttpResponse response = execution.execute(request, body);
                            if (response.getStatusCode().value() == 503) {
                              response.close();
                              return execution.execute(request, body);
                            }
                            return response;
                          }))
              .build();
      return client.get().uri("/flaky/{key}", key).retrieve().body(String.class);
    }
  }
}
