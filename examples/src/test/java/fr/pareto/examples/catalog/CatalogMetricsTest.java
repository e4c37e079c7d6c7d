package fr.pareto.examples.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.zaxxer.hikari.HikariPoolMXBean;
import fr.pareto.examples.scraper.ScrapeTracker;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class CatalogMetricsTest {

    /** Pool counters of a pool whose database is down. */
    private static final class EmptyPool implements HikariPoolMXBean {
        @Override
        public int getIdleConnections() {
            return 0;
        }

        @Override
        public int getActiveConnections() {
            return 0;
        }

        @Override
        public int getTotalConnections() {
            return 0;
        }

        @Override
        public int getThreadsAwaitingConnection() {
            return 0;
        }

        @Override
        public void softEvictConnections() {
        }

        @Override
        public void suspendPool() {
        }

        @Override
        public void resumePool() {
        }
    }

    private final Logger logger = (Logger) LoggerFactory.getLogger(CatalogMetrics.class);
    private final ListAppender<ILoggingEvent> events = new ListAppender<>();

    @BeforeEach
    void capture() {
        events.start();
        logger.addAppender(events);
    }

    @AfterEach
    void release() {
        logger.detachAppender(events);
    }

    @Test
    void databaseOutageSkipsTheSampleWithOneWarning() {
        Catalog catalog = new Catalog(new UnreachableDatabase());

        try (CatalogMetrics metrics = CatalogMetrics.start(catalog, new EmptyPool(), new ScrapeTracker(20), Duration.ofHours(1))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> !events.list.isEmpty());
        }

        assertThat(events.list).hasSize(1);
        ILoggingEvent event = events.list.get(0);
        assertThat(event.getLevel()).isEqualTo(Level.WARN);
        assertThat(event.getMessage()).isEqualTo("catalog metrics skipped");
        assertThat(event.getThrowableProxy().getMessage()).contains("Connection is not available");
        assertThat(events.list).noneMatch(e -> e.getMessage().equals("catalog metrics"));
    }
}
