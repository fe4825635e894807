package dev.tracekit.demo.data;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** Demo data-service: orders, items, products and customers over JDBC. */
@SpringBootApplication(proxyBeanMethods = false)
@EnableConfigurationProperties(DemoProperties.class)
public class DataApplication {

    /**
     * The application as configured for running. Its configuration file is
     * {@code data-service.yml}, not {@code application.yml}, so that the demo services can
     * share one classpath (the gateway's tests start all three in one JVM).
     */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(DataApplication.class).properties("spring.config.name=data-service");
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}
