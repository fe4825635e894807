package dev.tracekit.starter.reliability;

import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

/**
 * A servlet application that handles credentials the way real ones do: it receives an
 * Authorization header, a cookie and a token in the query, answers with Set-Cookie, logs while
 * handling, and calls another endpoint with its own credentials in the URL and headers.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import(SecretsApp.ItemsController.class)
class SecretsApp {

  @Bean
  RestClient selfClient(RestClient.Builder builder) {
    return builder.build();
  }

  @RestController
  static class ItemsController {
    private static final Logger log = LoggerFactory.getLogger(ItemsController.class);
    private final RestClient client;
    private final Environment environment;

    ItemsController(RestClient selfClient, Environment environment) {
      this.client = selfClient;
      this.environment = environment;
    }

    @GetMapping("/items/{id}")
    String item(@PathVariable String id, @RequestHeader(name = "Authorization", required = false) String auth,
        HttpServletResponse response) {
      log.info("handling item {}", id);
      response.addHeader("Set-Cookie", "session=SECRET-SETCOOKIE-5; HttpOnly");
      String port = environment.getRequiredProperty("local.server.port");
      String echoed = client.get()
          .uri("http://127.0.0.1:" + port + "/echo;jsessionid=SECRET-CLIENTPATH-8?api_key=SECRET-CLIENT-6&x=1")
          .header("Authorization", "Bearer SECRET-CLIENTAUTH-7")
          .header("Cookie", "sid=SECRET-CLIENTCOOKIE-9")
          .retrieve()
          .body(String.class);
      return "item " + id + " " + echoed + " " + (auth != null);
    }

    @GetMapping("/echo")
    String echo() {
      return "echo";
    }
  }
}
