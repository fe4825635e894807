package dev.tracekit.demo.data;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/data/customers")
final class CustomerController {

    private static final int MAX_RECOMMENDATIONS = 20;

    private final CustomerRepository customers;
    private final OrderRepository orders;
    private final ProductRepository products;
    private final DemoProperties demo;

    CustomerController(CustomerRepository customers, OrderRepository orders, ProductRepository products,
            DemoProperties demo) {
        this.customers = customers;
        this.orders = orders;
        this.products = products;
        this.demo = demo;
    }

    @GetMapping("/{id}")
    Customer customer(@PathVariable long id) {
        return customers.find(id).orElseThrow(() -> new NotFoundException("no customer " + id));
    }

    /** The customer's orders, newest first; the n-plus-one scenario reads every item one query each. */
    @GetMapping("/{id}/orders")
    List<OrderSummary> orders(@PathVariable long id, Scenario scenario) {
        customer(id);
        return orders.ofCustomer(id, scenario.itemLoading());
    }

    /** Best sellers the customer has not bought yet; slow in the slow-query scenario. */
    @GetMapping("/{id}/recommendations")
    List<Recommendation> recommendations(@PathVariable long id, @RequestParam(defaultValue = "5") int limit,
            Scenario scenario) {
        if (limit < 1 || limit > MAX_RECOMMENDATIONS) {
            throw new InvalidRequestException("limit must be 1 to " + MAX_RECOMMENDATIONS);
        }
        customer(id);
        return products.recommendationsFor(id, limit, scenario.queryPause(demo));
    }
}
