package dev.tracekit.demo.gateway;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.tracekit.demo.gateway.Pages.Catalog;
import dev.tracekit.demo.gateway.Pages.CustomerPage;
import dev.tracekit.demo.gateway.Pages.OrderPage;
import dev.tracekit.demo.gateway.Pages.PlaceOrder;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/** The public API. Every call first asks auth-service who the caller is. */
@RestController
@RequestMapping("/api")
final class ApiController {

    private final AuthClient auth;
    private final DataClient data;

    ApiController(AuthClient auth, DataClient data) {
        this.auth = auth;
        this.data = data;
    }

    /** An order of the caller's, with their customer record and recommendations (three calls at once). */
    @GetMapping("/orders/{id}")
    Mono<OrderPage> order(@PathVariable long id, DemoRequest request) {
        return auth.authenticate(request).flatMap(user -> Fanout.join(request.scenario(),
                        data.order(id, request),
                        data.customer(user.customerId(), request),
                        data.recommendationsFor(user.customerId(), request),
                        OrderPage::new)
                .map(page -> {
                    if (page.order().path("customerId").asLong() != user.customerId()) {
                        // Someone else's order: answer as if it did not exist.
                        throw new ApiException(HttpStatus.NOT_FOUND, "no order " + id + " for " + user.id());
                    }
                    return page;
                }));
    }

    /** The caller's customer record, orders and recommendations (three calls at once). */
    @GetMapping("/customers/{id}/orders")
    Mono<CustomerPage> customerOrders(@PathVariable long id, DemoRequest request) {
        return auth.authenticate(request).flatMap(user -> {
            if (user.customerId() != id) {
                return Mono.error(new ApiException(HttpStatus.FORBIDDEN,
                        user.id() + " may only read the orders of customer " + user.customerId()));
            }
            return Fanout.join(request.scenario(),
                    data.customer(id, request),
                    data.ordersOf(id, request),
                    data.recommendationsFor(id, request),
                    CustomerPage::new);
        });
    }

    @GetMapping("/catalog")
    Mono<Catalog> catalog(DemoRequest request) {
        return auth.authenticate(request).flatMap(user -> data.catalog(request)).map(Catalog::new);
    }

    /** Places an order for the caller's customer account. */
    @PostMapping("/orders")
    Mono<ResponseEntity<JsonNode>> placeOrder(@RequestBody PlaceOrder body, DemoRequest request) {
        if (body.items() == null || !body.items().isArray()) {
            return Mono.error(new ApiException(HttpStatus.BAD_REQUEST,
                    "send {\"items\":[{\"productId\":1,\"quantity\":2}]}"));
        }
        return auth.authenticate(request)
                .flatMap(user -> data.placeOrder(user.customerId(), body.items(), request))
                .map(order -> ResponseEntity.created(URI.create("/api/orders/" + order.path("id").asLong())).body(order));
    }
}
