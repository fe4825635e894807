package dev.tracekit.demo.gateway;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** Demo gateway-service: the public API; asks auth-service who is calling, then data-service for the data. */
@SpringBootApplication(proxyBeanMethods = false)
@EnableConfigurationProperties(GatewayProperties.class)
public class GatewayApplication {

    /**
     * The application as configured for running. Its configuration file is
     * {@code gateway-service.yml}, not {@code application.yml}, so that the demo services can
     * share one classpath (this module's tests start all three in one JVM).
     */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(GatewayApplication.class).properties("spring.config.name=gateway-service");
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}
