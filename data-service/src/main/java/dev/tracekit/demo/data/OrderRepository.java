package dev.tracekit.demo.data;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;

/** Orders and their items. */
@Component
final class OrderRepository {

    private static final String ITEM_COLUMNS =
            "SELECT i.id, i.product_id, p.name AS product_name, i.quantity, i.unit_price_cents"
                    + " FROM items i JOIN products p ON p.id = i.product_id";

    /**
     * One item, and a pause: the per-item query of the N+1 pattern (see
     * {@link DemoProperties#nPlusOneQueryPause()}). One row, so demo_pause runs once.
     */
    private static final String ITEM_BY_ID = "SELECT i.id, i.product_id, p.name AS product_name, i.quantity,"
            + " i.unit_price_cents, demo_pause(?) AS paused FROM items i JOIN products p ON p.id = i.product_id"
            + " WHERE i.id = ?";

    private static final RowMapper<OrderItem> ITEM = (rs, row) -> new OrderItem(rs.getLong("id"),
            rs.getLong("product_id"), rs.getString("product_name"), rs.getInt("quantity"), rs.getLong("unit_price_cents"));

    private static final RowMapper<OrderHeader> HEADER = (rs, row) -> new OrderHeader(rs.getLong("id"),
            rs.getLong("customer_id"), rs.getString("status"), instant(rs, "created_at"));

    private final JdbcClient jdbc;
    private final Duration itemPause;

    OrderRepository(JdbcClient jdbc, DemoProperties demo) {
        this.jdbc = jdbc;
        this.itemPause = demo.nPlusOneQueryPause();
    }

    Optional<Order> find(long id, ItemLoading loading) {
        return jdbc.sql("SELECT id, customer_id, status, created_at FROM orders WHERE id = ?")
                .param(id)
                .query(HEADER)
                .optional()
                .map(header -> Order.of(header, items(id, loading)));
    }

    List<OrderSummary> ofCustomer(long customerId, ItemLoading loading) {
        if (loading == ItemLoading.JOINED) {
            return jdbc.sql("""
                    SELECT o.id, o.status, o.created_at, COUNT(i.id) AS item_count,
                           COALESCE(SUM(i.quantity * i.unit_price_cents), 0) AS total_cents
                    FROM orders o LEFT JOIN items i ON i.order_id = o.id
                    WHERE o.customer_id = ?
                    GROUP BY o.id, o.status, o.created_at
                    ORDER BY o.created_at DESC, o.id DESC""")
                    .param(customerId)
                    .query((rs, row) -> new OrderSummary(rs.getLong("id"), rs.getString("status"),
                            instant(rs, "created_at"), rs.getInt("item_count"), rs.getLong("total_cents")))
                    .list();
        }
        List<OrderHeader> headers = jdbc.sql("SELECT id, customer_id, status, created_at FROM orders"
                        + " WHERE customer_id = ? ORDER BY created_at DESC, id DESC")
                .param(customerId)
                .query(HEADER)
                .list();
        List<OrderSummary> summaries = new ArrayList<>(headers.size());
        for (OrderHeader header : headers) {
            Order order = Order.of(header, items(header.id(), loading));
            summaries.add(new OrderSummary(order.id(), order.status(), order.createdAt(), order.items().size(),
                    order.totalCents()));
        }
        return summaries;
    }

    private List<OrderItem> items(long orderId, ItemLoading loading) {
        if (loading == ItemLoading.JOINED) {
            return jdbc.sql(ITEM_COLUMNS + " WHERE i.order_id = ? ORDER BY i.id").param(orderId).query(ITEM).list();
        }
        // The N+1 pattern on purpose (n-plus-one scenario): one query for the ids, one per item.
        List<Long> ids = jdbc.sql("SELECT id FROM items WHERE order_id = ? ORDER BY id").param(orderId)
                .query(Long.class).list();
        List<OrderItem> items = new ArrayList<>(ids.size());
        for (long itemId : ids) {
            items.add(jdbc.sql(ITEM_BY_ID).params(DemoPause.seconds(itemPause), itemId).query(ITEM).single());
        }
        return items;
    }

    long insert(long customerId, String status, Instant createdAt) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO orders (customer_id, status, created_at) VALUES (?, ?, ?)")
                .params(customerId, status, createdAt.atOffset(ZoneOffset.UTC))
                .update(key, "id");
        return key.getKeyAs(Long.class);
    }

    void insertItem(long orderId, long productId, int quantity, long unitPriceCents) {
        jdbc.sql("INSERT INTO items (order_id, product_id, quantity, unit_price_cents) VALUES (?, ?, ?, ?)")
                .params(orderId, productId, quantity, unitPriceCents)
                .update();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }
}
