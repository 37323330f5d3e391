package cn.canbao.base.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded PostgreSQL of the default start-up, as root (this machine and CI run as root): it keeps
 * data across restarts, adopts a server still running on its data directory, and clears a stale pid file.
 */
class EmbeddedPostgresServerIT {

    private static final Path BINARIES = Path.of(System.getProperty("user.home"), ".cache", "canbao");

    @TempDir
    Path temp;

    private final List<EmbeddedPostgresServer> started = new ArrayList<>();

    @AfterEach
    void stopAll() {
        started.forEach(EmbeddedPostgresServer::stop);
    }

    @Test
    void dataSurvivesARestartAndTheServerIsDurableAndPasswordProtected() throws Exception {
        Path data = temp.resolve("pg");
        EmbeddedPostgresServer first = start(data, 15441);
        first.createDatabaseIfMissing("canbao");
        sql(first, "create table kept (v text)", "insert into kept values ('一人一档')");
        assertThat(query(first, "show fsync")).isEqualTo("on");
        assertThat(query(first, "show synchronous_commit")).isEqualTo("on");
        first.stop();
        assertThat(data.resolve("postmaster.pid")).doesNotExist();

        EmbeddedPostgresServer second = start(data, 15441);
        assertThat(query(second, "select v from kept")).isEqualTo("一人一档");
        assertThat(Files.getPosixFilePermissions(temp.resolve("pg.password")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(data)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(second.password()).hasSizeGreaterThan(20);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> DriverManager.getConnection(second.jdbcUrl("canbao"), "postgres", "wrong"))
                .hasMessageContaining("password");
    }

    @Test
    void aSecondStartAdoptsTheRunningServerAndLeavesItRunning() throws Exception {
        Path data = temp.resolve("pg");
        EmbeddedPostgresServer running = start(data, 15442);
        running.createDatabaseIfMissing("canbao");
        sql(running, "create table t (v int)", "insert into t values (7)");

        EmbeddedPostgresServer adopter = start(data, 15449); // asks for another port, finds the live server
        assertThat(adopter.port()).isEqualTo(15442);
        assertThat(query(adopter, "select v from t")).isEqualTo("7");
        adopter.stop(); // did not start it: must not stop it
        assertThat(query(running, "select v from t")).isEqualTo("7");
    }

    @Test
    void aStalePidFileFromACrashIsClearedAndTheServerStarts() throws Exception {
        Path data = temp.resolve("pg");
        EmbeddedPostgresServer first = start(data, 15443);
        first.createDatabaseIfMissing("canbao");
        first.stop();
        // what a crash leaves: a pid file naming a process that no longer exists
        Files.writeString(data.resolve("postmaster.pid"), "999999\n" + data + "\n1700000000\n15443\n\n\n\n");
        EmbeddedPostgresServer again = start(data, 15443);
        assertThat(query(again, "select 1")).isEqualTo("1");
    }

    private EmbeddedPostgresServer start(Path data, int port) {
        EmbeddedPostgresServer server = new EmbeddedPostgresServer(data, BINARIES, port, true).start();
        started.add(server);
        return server;
    }

    private static void sql(EmbeddedPostgresServer server, String... statements) throws Exception {
        try (Connection c =
                        DriverManager.getConnection(server.jdbcUrl("canbao"), server.username(), server.password());
                var st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        }
    }

    private static String query(EmbeddedPostgresServer server, String sql) throws Exception {
        try (Connection c =
                        DriverManager.getConnection(server.jdbcUrl("canbao"), server.username(), server.password());
                var rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
