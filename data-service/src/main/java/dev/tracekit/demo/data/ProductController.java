package dev.tracekit.demo.data;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/data/products")
final class ProductController {

    private final ProductRepository products;
    private final DemoProperties demo;

    ProductController(ProductRepository products, DemoProperties demo) {
        this.products = products;
        this.demo = demo;
    }

    /** The whole catalog; slow in the slow-query scenario. */
    @GetMapping
    List<Product> catalog(Scenario scenario) {
        return products.catalog(scenario.queryPause(demo));
    }

    @GetMapping("/{id}")
    Product product(@PathVariable long id) {
        return products.find(id).orElseThrow(() -> new NotFoundException("no product " + id));
    }
}
