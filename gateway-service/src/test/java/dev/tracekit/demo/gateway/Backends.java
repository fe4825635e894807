package dev.tracekit.demo.gateway;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.tracekit.demo.auth.AuthApplication;
import dev.tracekit.demo.data.DataApplication;

/**
 * The real auth-service and data-service (H2), started once per test JVM on random ports
 * with a {@link CallRecorder} and a {@link SpanCapture} in each, and stopped when the JVM exits.
 */
final class Backends {

    private static Backends running;

    private final ConfigurableApplicationContext auth;
    private final ConfigurableApplicationContext data;

    private Backends() {
        // data-service's jar puts JDBC and its Flyway migrations on this classpath: keep auth-service without them.
        auth = AuthApplication.builder().sources(CallRecorder.Installation.class, SpanCapture.class).run("--server.port=0",
                "--spring.autoconfigure.exclude=org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
                        + "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration");
        data = DataApplication.builder().sources(CallRecorder.Installation.class, SpanCapture.class).run("--server.port=0");
    }

    static synchronized Backends get() {
        if (running == null) {
            // Started on a thread of their own: while a test context loads through the main
            // method, Spring Boot's test support takes over every SpringApplication.run on that
            // thread, and these two would be taken for the gateway.
            FutureTask<Backends> start = new FutureTask<>(Backends::new);
            new Thread(start, "backends-start").start();
            try {
                running = start.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting auth-service and data-service", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("auth-service or data-service did not start", e.getCause());
            }
            Runtime.getRuntime().addShutdownHook(new Thread(running::close, "backends-shutdown"));
        }
        return running;
    }

    String authUrl() {
        return url(auth);
    }

    String dataUrl() {
        return url(data);
    }

    ConfigurableApplicationContext auth() {
        return auth;
    }

    ConfigurableApplicationContext data() {
        return data;
    }

    CallRecorder authCalls() {
        return auth.getBean(CallRecorder.class);
    }

    CallRecorder dataCalls() {
        return data.getBean(CallRecorder.class);
    }

    private void close() {
        data.close();
        auth.close();
    }

    private static String url(ConfigurableApplicationContext context) {
        return "http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}
