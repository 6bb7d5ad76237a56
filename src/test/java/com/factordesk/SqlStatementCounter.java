package com.factordesk;

import java.io.Closeable;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Counts the SQL statements that the current thread sends through the application's
 * {@link DataSource}, whoever sends them (Hibernate, JdbcClient, Spring Session): import
 * it into a test's context and wrap the work in {@link #statementsOf}. Every execution
 * counts (a prepared statement run twice is two), and so does each statement of a batch
 * run.
 */
public class SqlStatementCounter implements BeanPostProcessor {

	private static final Set<String> EXECUTIONS = Set.of("execute", "executeQuery", "executeUpdate",
			"executeLargeUpdate", "executeBatch");

	private final ThreadLocal<List<String>> recording = new ThreadLocal<>();

	/**
	 * The statements the work sent, in order.
	 */
	public List<String> statementsOf(Work work) throws Exception {
		List<String> statements = new ArrayList<>();
		this.recording.set(statements);
		try {
			work.run();
		}
		finally {
			this.recording.remove();
		}
		return statements;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof DataSource dataSource && bean instanceof Closeable) {
			return proxy(dataSource,
					(method, args, result) -> (result instanceof Connection connection)
							? proxy(connection, this::statements, Connection.class) : result,
					DataSource.class, Closeable.class);
		}
		return bean;
	}

	private Object statements(Method method, Object[] args, Object result) {
		if (result instanceof CallableStatement statement) {
			return proxy(statement, executions((String) args[0]), CallableStatement.class);
		}
		if (result instanceof PreparedStatement statement) {
			return proxy(statement, executions((String) args[0]), PreparedStatement.class);
		}
		if (result instanceof Statement statement) {
			return proxy(statement, executions(null), Statement.class);
		}
		return result;
	}

	/**
	 * Records each execution of a statement: its prepared SQL, or the SQL given to a
	 * plain statement's execute.
	 */
	private Then executions(String preparedSql) {
		List<String> batch = new ArrayList<>();
		return (method, args, result) -> {
			List<String> statements = this.recording.get();
			if (statements == null) {
				return result;
			}
			if (method.getName().equals("addBatch")) {
				batch.add((args != null && args.length == 1) ? (String) args[0] : preparedSql);
			}
			else if (method.getName().equals("executeBatch")) {
				statements.addAll(batch);
				batch.clear();
			}
			else if (EXECUTIONS.contains(method.getName())) {
				statements.add((preparedSql != null) ? preparedSql : (String) args[0]);
			}
			return result;
		};
	}

	@SuppressWarnings("unchecked")
	private static <T> T proxy(T target, Then then, Class<?>... interfaces) {
		InvocationHandler handler = (proxy, method, args) -> {
			if (method.getName().equals("equals") && method.getParameterCount() == 1) {
				return proxy == args[0];
			}
			if (method.getName().equals("hashCode") && method.getParameterCount() == 0) {
				return System.identityHashCode(proxy);
			}
			try {
				return then.after(method, args, method.invoke(target, args));
			}
			catch (InvocationTargetException ex) {
				throw ex.getCause();
			}
		};
		return (T) Proxy.newProxyInstance(SqlStatementCounter.class.getClassLoader(), interfaces, handler);
	}

	/**
	 * What a proxy does with a call's result before handing it back.
	 */
	@FunctionalInterface
	private interface Then {

		Object after(Method method, Object[] args, Object result) throws Exception;

	}

	/**
	 * Work whose statements are counted.
	 */
	@FunctionalInterface
	public interface Work {

		void run() throws Exception;

	}

}
