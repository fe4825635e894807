package dev.tracekit.demo.data;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Products: the catalog, recommendations, and stock reservations. The catalog and
 * recommendation queries carry a {@code demo_pause(?)} that is 0 normally and
 * {@code demo.slow-query-pause} in the slow-query scenario: the same statement, sometimes slow.
 */
@Component
final class ProductRepository {

    private static final RowMapper<Product> PRODUCT = (rs, row) -> new Product(rs.getLong("id"), rs.getString("sku"),
            rs.getString("name"), rs.getString("category"), rs.getLong("price_cents"), rs.getInt("stock"));

    private final JdbcClient jdbc;

    ProductRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Product> catalog(Duration pause) {
        return jdbc.sql("""
                WITH pause AS (SELECT demo_pause(?) AS paused)
                SELECT p.id, p.sku, p.name, p.category, p.price_cents, p.stock
                FROM pause CROSS JOIN products p
                ORDER BY p.category, p.name""")
                .param(DemoPause.seconds(pause))
                .query(PRODUCT)
                .list();
    }

    List<Recommendation> recommendationsFor(long customerId, int limit, Duration pause) {
        return jdbc.sql("""
                WITH pause AS (SELECT demo_pause(?) AS paused)
                SELECT p.id, p.name, p.category, p.price_cents, COALESCE(SUM(i.quantity), 0) AS units_sold
                FROM pause CROSS JOIN products p LEFT JOIN items i ON i.product_id = p.id
                WHERE p.id NOT IN (SELECT bi.product_id FROM items bi JOIN orders bo ON bo.id = bi.order_id
                                   WHERE bo.customer_id = ?)
                GROUP BY p.id, p.name, p.category, p.price_cents
                ORDER BY units_sold DESC, p.id
                LIMIT ?""")
                .params(DemoPause.seconds(pause), customerId, limit)
                .query((rs, row) -> new Recommendation(rs.getLong("id"), rs.getString("name"), rs.getString("category"),
                        rs.getLong("price_cents"), rs.getLong("units_sold")))
                .list();
    }

    Optional<Product> find(long id) {
        return jdbc.sql("SELECT id, sku, name, category, price_cents, stock FROM products WHERE id = ?")
                .param(id)
                .query(PRODUCT)
                .optional();
    }

    /** Takes {@code quantity} units out of stock; false (and nothing changed) when there are not enough. */
    boolean reserve(long productId, int quantity) {
        return jdbc.sql("UPDATE products SET stock = stock - ? WHERE id = ? AND stock >= ?")
                .params(quantity, productId, quantity)
                .update() == 1;
    }
}
