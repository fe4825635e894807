package dev.tracekit.demo.data;

import java.util.List;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Wires the scenario handling into Spring MVC for the {@code /data} API ({@code ScenarioSpanTag} registers itself). */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    private final FaultInjector faults;

    WebConfiguration(FaultInjector faults) {
        this.faults = faults;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(faults).addPathPatterns("/data/**");
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new ScenarioArgumentResolver());
    }
}
