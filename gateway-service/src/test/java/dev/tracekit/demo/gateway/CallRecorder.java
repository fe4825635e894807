package dev.tracekit.demo.gateway;

import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Installed into the real auth-service and data-service the gateway tests run: records every
 * call they receive with the server's own start and end times. The end is taken before any
 * byte of the answer leaves, so a caller that waits for the answer cannot start its next call
 * before the recorded end.
 */
final class CallRecorder {

    /** One call as the downstream server saw it; times from System.nanoTime(). */
    record Call(String method, String path, String requestId, String scenario, int status, long start, long end,
            boolean metTheOthers) {

        boolean overlaps(Call other) {
            return start < other.end && other.start < end;
        }
    }

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, CountDownLatch> rendezvous = new ConcurrentHashMap<>();

    /**
     * Holds every call of {@code requestId} until {@code parties} of them are in flight at the
     * same time (for at most ten seconds); a call records whether it met the others.
     */
    void holdUntilConcurrent(String requestId, int parties) {
        rendezvous.put(requestId, new CountDownLatch(parties));
    }

    List<Call> callsOf(String requestId) {
        return calls.stream().filter(call -> requestId.equals(call.requestId()))
                .sorted(Comparator.comparingLong(Call::start)).toList();
    }

    private void record(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        long start = System.nanoTime();
        String requestId = request.getHeader(DemoRequest.REQUEST_ID_HEADER);
        boolean metTheOthers = false;
        CountDownLatch meeting = requestId == null ? null : rendezvous.get(requestId);
        if (meeting != null) {
            meeting.countDown();
            try {
                metTheOthers = meeting.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        ContentCachingResponseWrapper held = new ContentCachingResponseWrapper(response);
        chain.doFilter(request, held);
        long end = System.nanoTime();
        calls.add(new Call(request.getMethod(), request.getRequestURI(), requestId, request.getHeader(Scenario.HEADER),
                held.getStatus(), start, end, metTheOthers));
        held.copyBodyToResponse();
    }

    /** Puts a CallRecorder in front of everything in the service it is added to. */
    @Configuration(proxyBeanMethods = false)
    static class Installation {

        @Bean
        CallRecorder callRecorder() {
            return new CallRecorder();
        }

        @Bean
        FilterRegistrationBean<OncePerRequestFilter> callRecordingFilter(CallRecorder recorder) {
            FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
                @Override
                protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                        FilterChain chain) throws ServletException, IOException {
                    recorder.record(request, response, chain);
                }
            });
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
            return registration;
        }
    }
}
