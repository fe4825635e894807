package dev.tracekit.demo.data;

import java.time.Clock;
import java.time.Instant;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Places an order in one transaction: reserve stock for every line, then write order and items. */
@Service
final class OrderPlacement {

    private final TransactionTemplate transaction;
    private final CustomerRepository customers;
    private final ProductRepository products;
    private final OrderRepository orders;

    OrderPlacement(TransactionTemplate transaction, CustomerRepository customers, ProductRepository products,
            OrderRepository orders) {
        this.transaction = transaction;
        this.customers = customers;
        this.products = products;
        this.orders = orders;
    }

    Order place(NewOrder request) {
        request.validate();
        long orderId = transaction.execute(status -> {
            customers.find(request.customerId())
                    .orElseThrow(() -> new InvalidRequestException("customer " + request.customerId() + " does not exist"));
            long id = orders.insert(request.customerId(), "PAID", Instant.now(Clock.systemUTC()));
            for (NewOrder.Line line : request.items()) {
                Product product = products.find(line.productId()).orElseThrow(
                        () -> new InvalidRequestException("product " + line.productId() + " does not exist"));
                if (!products.reserve(product.id(), line.quantity())) {
                    throw new OutOfStockException("product " + product.id() + " has " + product.stock()
                            + " in stock, the order asks for " + line.quantity());
                }
                orders.insertItem(id, product.id(), line.quantity(), product.priceCents());
            }
            return id;
        });
        return orders.find(orderId, ItemLoading.JOINED).orElseThrow();
    }
}
