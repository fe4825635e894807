package dev.tracekit.demo.data;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

@Component
final class CustomerRepository {

    private final JdbcClient jdbc;

    CustomerRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Customer> find(long id) {
        return jdbc.sql("SELECT id, name, email, city FROM customers WHERE id = ?")
                .param(id)
                .query((rs, row) -> new Customer(rs.getLong("id"), rs.getString("name"), rs.getString("email"),
                        rs.getString("city")))
                .optional();
    }
}
