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
    private final SequentialCallPause sequentialPause;

    WebConfiguration(FaultInjector faults, SequentialCallPause sequentialPause) {
        this.faults = faults;
        this.sequentialPause = sequentialPause;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(faults).addPathPatterns("/data/**");
        registry.addInterceptor(sequentialPause).addPathPatterns("/data/**");
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new ScenarioArgumentResolver());
    }
}
