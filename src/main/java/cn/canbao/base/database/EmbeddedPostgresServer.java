package cn.canbao.base.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server run from the zonky binaries, with its data in a directory of ours.
 *
 * <p>PostgreSQL refuses to run as root, and containers (and our CI machines) run as root: then every
 * PostgreSQL command runs inside a fresh user namespace ({@code unshare -U}), where the process is
 * not root and the data directory appears to be its own. A server already running on the data
 * directory (for example left by a killed JVM) is reused; a stale {@code postmaster.pid} is removed.
 * Only a server this object started is stopped by {@link #stop()}.
 */
public final class EmbeddedPostgresServer {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    static final String SUPERUSER = "postgres";

    private final Path dataDir;
    private final Path binariesCache;
    private final int requestedPort;
    private final boolean durable;

    private Path pgHome;
    private int port;
    private String password;
    private boolean startedHere;

    public EmbeddedPostgresServer(Path dataDir, Path binariesCache, int port, boolean durable) {
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.binariesCache = binariesCache.toAbsolutePath().normalize();
        this.requestedPort = port;
        this.durable = durable;
    }

    /** Starts the server (or adopts the one already running on the data directory). */
    public synchronized EmbeddedPostgresServer start() {
        pgHome = PostgresBinaries.unpack(binariesCache);
        try {
            Files.createDirectories(dataDir.getParent());
            password = readOrCreatePassword();
            if (!Files.isRegularFile(dataDir.resolve("PG_VERSION"))) {
                initdb();
            }
            Optional<Integer> running = runningServerPort();
            if (running.isPresent()) {
                port = running.get();
                log.info("Embedded PostgreSQL already running on {} (port {}); reusing it", dataDir, port);
                startedHere = false;
            } else {
                port = requestedPort;
                if (portInUse(port)) {
                    throw new IllegalStateException("Port " + port + " is used by another program, so the embedded "
                            + "PostgreSQL cannot start there. Set canbao.embedded-db.port to a free port, or point "
                            + "spring.datasource.url at an existing PostgreSQL server.");
                }
                pgCtlStart();
                startedHere = true;
            }
            waitUntilReady(Duration.ofSeconds(60));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("Embedded PostgreSQL could not start in " + dataDir, e);
        }
    }

    /** Stops the server if this object started it; a reused server belongs to whoever started it. */
    public synchronized void stop() {
        if (!startedHere) {
            return;
        }
        startedHere = false;
        try {
            run(
                    List.of(bin("pg_ctl"), "-D", dataDir.toString(), "stop", "-m", "fast", "-w", "-t", "60"),
                    Duration.ofSeconds(70));
            log.info("Embedded PostgreSQL on {} stopped", dataDir);
        } catch (RuntimeException e) {
            log.warn("Embedded PostgreSQL on {} did not stop cleanly: {}", dataDir, e.getMessage());
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public String username() {
        return SUPERUSER;
    }

    public String password() {
        return password;
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    public boolean durable() {
        return durable;
    }

    /** Creates the database unless it exists. */
    public void createDatabaseIfMissing(String database) {
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, password);
                var st = c.createStatement()) {
            var rs = st.executeQuery("select 1 from pg_database where datname = '" + database.replace("'", "''") + "'");
            if (!rs.next()) {
                st.execute("create database \"" + database.replace("\"", "") + "\" encoding 'UTF8'");
                log.info("Created database {} in the embedded PostgreSQL", database);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + database + ": " + e.getMessage(), e);
        }
    }

    private String readOrCreatePassword() throws IOException {
        // The superuser password sits beside (not inside) the data directory, readable by the owner only.
        Path file = dataDir.resolveSibling(dataDir.getFileName() + ".password");
        if (Files.isRegularFile(file)) {
            return Files.readString(file, StandardCharsets.US_ASCII).trim();
        }
        if (Files.isRegularFile(dataDir.resolve("PG_VERSION"))) {
            throw new IllegalStateException("The embedded database in " + dataDir + " exists but its password file "
                    + file + " is missing; restore the file or move the data directory away to start afresh.");
        }
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Files.writeString(file, generated, StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return generated;
    }

    private void initdb() throws IOException {
        PostgresBinaries.deleteTree(dataDir);
        Files.createDirectories(dataDir);
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwx------"));
        Path pwfile = Files.createTempFile(dataDir.getParent(), "pw", ".tmp");
        try {
            Files.writeString(pwfile, password, StandardCharsets.US_ASCII);
            run(
                    List.of(
                            bin("initdb"),
                            "-D",
                            dataDir.toString(),
                            "-U",
                            SUPERUSER,
                            "--pwfile=" + pwfile,
                            "--auth=scram-sha-256",
                            "-E",
                            "UTF8",
                            "--locale=C",
                            "--no-instructions"),
                    Duration.ofMinutes(3));
        } finally {
            Files.deleteIfExists(pwfile);
        }
        log.info("Initialised a new PostgreSQL data directory in {}", dataDir);
    }

    private void pgCtlStart() throws IOException {
        Path pid = dataDir.resolve("postmaster.pid");
        if (Files.exists(pid)) {
            log.warn("Removing stale {} (its server is not running)", pid);
            Files.delete(pid);
        }
        List<String> options = new ArrayList<>(List.of(
                "-p", Integer.toString(port),
                "-c", "listen_addresses=127.0.0.1",
                "-c", "unix_socket_directories=''",
                "-c", "max_connections=200",
                "-c", "shared_buffers=256MB",
                "-c", "max_wal_size=2GB"));
        if (durable) {
            options.addAll(List.of("-c", "fsync=on", "-c", "synchronous_commit=on", "-c", "full_page_writes=on"));
        } else {
            options.addAll(List.of("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"));
        }
        Path logFile = dataDir.resolveSibling(dataDir.getFileName() + ".log");
        run(
                List.of(
                        bin("pg_ctl"),
                        "-D",
                        dataDir.toString(),
                        "-l",
                        logFile.toString(),
                        "-w",
                        "-t",
                        "120",
                        "-o",
                        String.join(" ", options),
                        "start"),
                Duration.ofMinutes(3));
        log.info(
                "Embedded PostgreSQL started on port {} with data in {} ({}), log {}",
                port,
                dataDir,
                durable ? "durable: fsync and synchronous commit on" : "not durable: for tests only",
                logFile);
    }

    /** The port of a live postmaster owning our data directory, if any. */
    private Optional<Integer> runningServerPort() throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.size() < 4) {
            return Optional.empty();
        }
        long pid = Long.parseLong(lines.get(0).trim());
        boolean alive = ProcessHandle.of(pid)
                .flatMap(p -> p.info().command())
                .map(cmd -> cmd.endsWith("/postgres"))
                .orElse(false);
        if (!alive) {
            return Optional.empty();
        }
        return Optional.of(Integer.parseInt(lines.get(3).trim()));
    }

    private void waitUntilReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, password)) {
                c.createStatement().execute("select 1");
                return;
            } catch (SQLException e) {
                last = e;
                try {
                    TimeUnit.MILLISECONDS.sleep(200);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        throw new IllegalStateException(
                "Embedded PostgreSQL on port " + port + " did not accept connections: "
                        + (last == null ? "interrupted" : last.getMessage()),
                last);
    }

    private static boolean portInUse(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private String bin(String name) {
        return pgHome.resolve("bin").resolve(name).toString();
    }

    private void run(List<String> command, Duration timeout) {
        List<String> full = new ArrayList<>();
        if (RootUserNamespace.needed()) {
            full.addAll(RootUserNamespace.prefix());
        }
        full.addAll(command);
        try {
            Path output = Files.createTempFile("canbao-pg-", ".out");
            try {
                Process p = new ProcessBuilder(full)
                        .redirectErrorStream(true)
                        .redirectOutput(output.toFile())
                        .start();
                if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException(command.get(0) + " did not finish within " + timeout);
                }
                if (p.exitValue() != 0) {
                    throw new IllegalStateException(Path.of(command.get(0)).getFileName() + " failed (exit "
                            + p.exitValue() + "): " + Files.readString(output).trim());
                }
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        }
    }
}
