package dev.tracekit.demo.auth;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** Demo auth-service: answers the gateway's "who holds this bearer token?" question. */
@SpringBootApplication(proxyBeanMethods = false)
public class AuthApplication {

    /**
     * The application as configured for running. Its configuration file is
     * {@code auth-service.yml}, not {@code application.yml}, so that the demo services can
     * share one classpath (the gateway's tests start all three in one JVM).
     */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(AuthApplication.class).properties("spring.config.name=auth-service");
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}
