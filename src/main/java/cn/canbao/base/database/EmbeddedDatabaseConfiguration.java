package cn.canbao.base.database;

import javax.sql.DataSource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.AbstractDependsOnBeanFactoryPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Stops the embedded PostgreSQL when the application context closes: the data source depends on
 * it, so everything using the database (Camunda, Quartz, Flyway) shuts down first.
 */
@Configuration(proxyBeanMethods = false)
class EmbeddedDatabaseConfiguration {

    static final String BEAN = "embeddedPostgresShutdown";

    @Bean(BEAN)
    static EmbeddedPostgresShutdown embeddedPostgresShutdown(org.springframework.core.env.Environment env) {
        return new EmbeddedPostgresShutdown(env.getProperty("canbao.embedded-db.stop-on-close", Boolean.class, true));
    }

    @Bean
    static DataSourceDependsOnEmbeddedPostgres dataSourceDependsOnEmbeddedPostgres() {
        return new DataSourceDependsOnEmbeddedPostgres();
    }

    static final class DataSourceDependsOnEmbeddedPostgres extends AbstractDependsOnBeanFactoryPostProcessor {
        DataSourceDependsOnEmbeddedPostgres() {
            super(DataSource.class, BEAN);
        }
    }

    static final class EmbeddedPostgresShutdown implements DisposableBean {
        private final boolean stopOnClose;

        EmbeddedPostgresShutdown(boolean stopOnClose) {
            this.stopOnClose = stopOnClose;
        }

        @Override
        public void destroy() {
            if (stopOnClose) {
                EmbeddedDatabase.current().ifPresent(EmbeddedPostgresServer::stop);
            }
        }
    }
}
