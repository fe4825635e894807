package dev.tracekit.demo.gateway;

import java.net.URI;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

import io.netty.channel.ChannelOption;
import reactor.netty.http.client.HttpClient;

/**
 * The WebClients for auth-service and data-service, built from Boot's WebClient.Builder (so
 * whatever instruments that builder instruments these calls) with the timeouts of
 * {@link GatewayProperties}.
 */
@Configuration(proxyBeanMethods = false)
class DownstreamClients {

    @Bean
    AuthClient authClient(WebClient.Builder builder, GatewayProperties properties) {
        return new AuthClient(configure(builder, properties.authUrl(), properties).build());
    }

    @Bean
    DataClient dataClient(WebClient.Builder builder, GatewayProperties properties) {
        WebClient client = configure(builder, properties.dataUrl(), properties)
                .filter(new SlowNetwork(properties.slowNetworkDelay()))
                .build();
        return new DataClient(client, properties);
    }

    private static WebClient.Builder configure(WebClient.Builder builder, URI baseUrl, GatewayProperties properties) {
        HttpClient http = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, Math.toIntExact(properties.connectTimeout().toMillis()))
                .responseTimeout(properties.responseTimeout());
        return builder.baseUrl(baseUrl.toString()).clientConnector(new ReactorClientHttpConnector(http));
    }
}
