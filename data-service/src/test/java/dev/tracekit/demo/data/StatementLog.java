package dev.tracekit.demo.data;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Records the SQL of every statement the application prepares, by wrapping its real
 * DataSource: how the tests count the queries a request issues.
 */
final class StatementLog {

    private final List<String> statements = new CopyOnWriteArrayList<>();

    void clear() {
        statements.clear();
    }

    List<String> statements() {
        return List.copyOf(statements);
    }

    long count(String fragment) {
        return statements.stream().filter(sql -> sql.contains(fragment)).count();
    }

    DataSource wrap(DataSource dataSource) {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                forward((method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        return wrap((Connection) method.invoke(dataSource, args));
                    }
                    return method.invoke(dataSource, args);
                }));
    }

    private Connection wrap(Connection connection) {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                forward((method, args) -> {
                    if ((method.getName().equals("prepareStatement") || method.getName().equals("prepareCall"))
                            && args != null && args[0] instanceof String sql) {
                        statements.add(sql);
                    }
                    return method.invoke(connection, args);
                }));
    }

    private interface Call {
        Object invoke(Method method, Object[] args) throws ReflectiveOperationException;
    }

    private static InvocationHandler forward(Call call) {
        return (proxy, method, args) -> {
            try {
                return call.invoke(method, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
    }

    /** Puts a StatementLog in the context and routes the application's DataSource through it. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Recording {

        @Bean
        StatementLog statementLog() {
            return new StatementLog();
        }

        @Bean
        static BeanPostProcessor recordStatements(ObjectProvider<StatementLog> log) {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String beanName) {
                    return bean instanceof DataSource dataSource ? log.getObject().wrap(dataSource) : bean;
                }
            };
        }
    }
}
