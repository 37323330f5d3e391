package cn.canbao.base.database;

import java.util.Optional;

/** The embedded server this JVM started or adopted, if any (set before the context starts). */
final class EmbeddedDatabase {

    private static volatile EmbeddedPostgresServer current;

    private EmbeddedDatabase() {}

    static void set(EmbeddedPostgresServer server) {
        current = server;
    }

    static Optional<EmbeddedPostgresServer> current() {
        return Optional.ofNullable(current);
    }
}
