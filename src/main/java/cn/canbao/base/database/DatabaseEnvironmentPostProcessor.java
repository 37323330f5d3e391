package cn.canbao.base.database;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.logging.Log;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Chooses the database before anything connects to it.
 * <ol>
 *   <li>{@code spring.datasource.url} set (profile, config or environment): that server is used.</li>
 *   <li>otherwise, with {@code canbao.database.prefer-local-server=true} (the test profile) and a
 *       PostgreSQL answering on 127.0.0.1:5432: a freshly created database there.</li>
 *   <li>otherwise an embedded PostgreSQL is started with its data in {@code canbao.embedded-db.data-dir}
 *       (default {@code ./data/pg}), and the demo county is loaded unless {@code canbao.demo.enabled=false}.</li>
 * </ol>
 */
public class DatabaseEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String SOURCE_NAME = "canbaoDatabase";
    public static final String DESCRIPTION = "canbao.database.description";

    /** Servers and test databases already prepared in this JVM (test contexts start several times). */
    private static final Map<Path, EmbeddedPostgresServer> SERVERS = new ConcurrentHashMap<>();

    private static final Set<String> PREPARED_LOCAL_DATABASES = ConcurrentHashMap.newKeySet();

    private final Log log;

    public DatabaseEnvironmentPostProcessor(DeferredLogFactory logFactory) {
        this.log = logFactory.getLog(DatabaseEnvironmentPostProcessor.class);
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        if (env.getPropertySources().contains(SOURCE_NAME)) {
            return;
        }
        String url = env.getProperty("spring.datasource.url");
        Map<String, Object> props = new HashMap<>();
        if (StringUtils.hasText(url)) {
            props.put(DESCRIPTION, "external PostgreSQL " + url);
            env.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, props));
            return;
        }
        if (env.getProperty("canbao.database.prefer-local-server", Boolean.class, false) && localServerAnswers(env)) {
            useLocalServer(env, props);
        } else {
            useEmbeddedServer(env, props);
        }
        env.getPropertySources().addFirst(new MapPropertySource(SOURCE_NAME, props));
        if (env.getProperty("canbao.demo.enabled") == null) {
            // the demo county comes with the embedded database (and only then) unless configured otherwise
            boolean embedded = props.get(DESCRIPTION).toString().startsWith("embedded");
            env.getPropertySources()
                    .addLast(new MapPropertySource(SOURCE_NAME + "Defaults", Map.of("canbao.demo.enabled", embedded)));
        }
    }

    private void useEmbeddedServer(ConfigurableEnvironment env, Map<String, Object> props) {
        Path dataDir = Path.of(env.getProperty("canbao.embedded-db.data-dir", "data/pg"))
                .toAbsolutePath()
                .normalize();
        Path binaries = Path.of(
                env.getProperty("canbao.embedded-db.binaries-dir", System.getProperty("user.home") + "/.cache/canbao"));
        int port = env.getProperty("canbao.embedded-db.port", Integer.class, 15432);
        boolean durable = env.getProperty("canbao.embedded-db.durable", Boolean.class, true);
        boolean fresh = env.getProperty("canbao.embedded-db.fresh", Boolean.class, false);
        String database = env.getProperty("canbao.embedded-db.database", "canbao");
        boolean stopOnClose = env.getProperty("canbao.embedded-db.stop-on-close", Boolean.class, true);

        EmbeddedPostgresServer server = SERVERS.computeIfAbsent(dataDir, dir -> {
            if (fresh) {
                try {
                    PostgresBinaries.deleteTree(dir);
                } catch (IOException e) {
                    throw new IllegalStateException("cannot clear " + dir, e);
                }
            }
            EmbeddedPostgresServer started = new EmbeddedPostgresServer(dir, binaries, port, durable).start();
            if (!stopOnClose) {
                // shared by several test contexts: stop when the JVM ends, not with the first context
                Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "embedded-postgres-stop"));
            }
            return started;
        });
        EmbeddedDatabase.set(server);
        server.createDatabaseIfMissing(database);
        props.put("spring.datasource.url", server.jdbcUrl(database));
        props.put("spring.datasource.username", server.username());
        props.put("spring.datasource.password", server.password());
        props.put(
                DESCRIPTION,
                "embedded PostgreSQL in " + server.dataDir() + " (port " + server.port() + ", "
                        + (server.durable() ? "durable" : "not durable") + ")");
        log.info("Using " + props.get(DESCRIPTION));
    }

    private boolean localServerAnswers(ConfigurableEnvironment env) {
        String host = env.getProperty("canbao.database.local-server.host", "127.0.0.1");
        int port = env.getProperty("canbao.database.local-server.port", Integer.class, 5432);
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 500);
        } catch (IOException e) {
            return false;
        }
        try (Connection c = DriverManager.getConnection(localUrl(env, "postgres"), localUser(env), "")) {
            return c.isValid(2);
        } catch (SQLException e) {
            log.info("PostgreSQL at " + host + ":" + port + " answers but refuses us (" + e.getMessage()
                    + "); using the embedded server");
            return false;
        }
    }

    private void useLocalServer(ConfigurableEnvironment env, Map<String, Object> props) {
        String database = env.getProperty("canbao.database.local-server.database", "canbao_test");
        if (PREPARED_LOCAL_DATABASES.add(database)) {
            try (Connection c = DriverManager.getConnection(localUrl(env, "postgres"), localUser(env), "");
                    var st = c.createStatement()) {
                st.execute("drop database if exists \"" + database + "\" with (force)");
                st.execute("create database \"" + database + "\" encoding 'UTF8'");
            } catch (SQLException e) {
                throw new IllegalStateException("cannot recreate test database " + database + ": " + e.getMessage(), e);
            }
        }
        props.put("spring.datasource.url", localUrl(env, database));
        props.put("spring.datasource.username", localUser(env));
        props.put("spring.datasource.password", "");
        props.put(DESCRIPTION, "local PostgreSQL " + localUrl(env, database) + " (fresh test database)");
        log.info("Using " + props.get(DESCRIPTION));
    }

    private static String localUrl(ConfigurableEnvironment env, String database) {
        return "jdbc:postgresql://" + env.getProperty("canbao.database.local-server.host", "127.0.0.1") + ":"
                + env.getProperty("canbao.database.local-server.port", "5432") + "/" + database;
    }

    private static String localUser(ConfigurableEnvironment env) {
        return env.getProperty("canbao.database.local-server.username", "postgres");
    }
}
