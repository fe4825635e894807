package dev.tracekit.demo.data;

import java.net.URI;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/data/orders")
final class OrderController {

    private final OrderRepository orders;
    private final OrderPlacement placement;

    OrderController(OrderRepository orders, OrderPlacement placement) {
        this.orders = orders;
        this.placement = placement;
    }

    /** The order with its items; the n-plus-one scenario reads the items one query each. */
    @GetMapping("/{id}")
    Order order(@PathVariable long id, Scenario scenario) {
        return orders.find(id, scenario.itemLoading()).orElseThrow(() -> new NotFoundException("no order " + id));
    }

    @PostMapping
    ResponseEntity<Order> place(@RequestBody NewOrder request) {
        Order order = placement.place(request);
        return ResponseEntity.created(URI.create("/data/orders/" + order.id())).body(order);
    }
}
