package fr.pareto.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.util.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ParetoAsyncAppenderTest {

    private LoggerContext context;
    private GatedAppender downstream;
    private ParetoAsyncAppender async;
    private Logger logger;

    @BeforeEach
    void setUp() {
        context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        downstream = new GatedAppender();
        downstream.setContext(context);
        downstream.start();
        async = new ParetoAsyncAppender();
        async.setContext(context);
        async.setName("ASYNC");
        async.setFlushAtShutdown(false);
        async.addAppender(downstream);
        logger = context.getLogger("async-test");
        logger.setAdditive(false);
        logger.setLevel(Level.DEBUG);
        logger.addAppender(async);
    }

    @AfterEach
    void tearDown() {
        downstream.gate.countDown();
        context.stop();
    }

    @Test
    void fullQueueMakesCallerWaitAndLosesNothing() throws Exception {
        async.setQueueSize(2);
        async.start();
        Thread producer = new Thread(() -> {
            for (int i = 0; i < 50; i++) {
                logger.debug("event {}", i);
            }
        });

        producer.start();
        await().atMost(java.time.Duration.ofSeconds(30)).until(() -> producer.getState() == Thread.State.TIMED_WAITING);
        assertThat(downstream.messages).isEmpty();
        downstream.gate.countDown();
        producer.join(TimeUnit.SECONDS.toMillis(30));

        await().atMost(java.time.Duration.ofSeconds(30)).until(() -> downstream.messages.size() == 50);
        assertThat(downstream.messages).first().isEqualTo("event 0");
        assertThat(downstream.messages).last().isEqualTo("event 49");
        assertThat(async.droppedCount()).isZero();
    }

    @Test
    void neverBlockDropsCountsAndReports() {
        async.setQueueSize(1);
        async.setNeverBlock(true);
        async.setDropReportInterval(Duration.buildByMilliseconds(100));
        async.start();

        for (int i = 0; i < 20; i++) {
            logger.info("burst {}", i);
        }
        long dropped = async.droppedCount();
        downstream.gate.countDown();

        assertThat(dropped).isGreaterThanOrEqualTo(18);
        await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> downstream.events.stream().anyMatch(e -> e.getMessage().equals("async log queue full, events dropped")));
        ILoggingEvent report = downstream.events.stream()
                .filter(e -> e.getMessage().equals("async log queue full, events dropped")).findFirst().orElseThrow();
        assertThat(report.getLevel()).isEqualTo(Level.WARN);
        assertThat(report.getKeyValuePairs()).anySatisfy(pair -> {
            assertThat(pair.key).isEqualTo("dropped_events");
            assertThat((Long) pair.value).isEqualTo(dropped);
        });
    }

    @Test
    void maxBlockTimeBoundsTheWait() {
        async.setQueueSize(1);
        async.setMaxBlockTime(Duration.buildByMilliseconds(50));
        async.start();

        for (int i = 0; i < 5; i++) {
            logger.info("bounded {}", i);
        }

        assertThat(async.droppedCount()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void stopDrainsTheQueue() {
        async.setQueueSize(100);
        async.setMaxFlushTime(Duration.buildBySeconds(30));
        async.start();
        for (int i = 0; i < 10; i++) {
            logger.info("before stop {}", i);
        }

        downstream.gate.countDown();
        async.stop();

        assertThat(downstream.messages).hasSize(10);
        assertThat(async.droppedCount()).isZero();
    }

    @Test
    void stopAfterFlushTimeCountsWhatIsLeft() {
        async.setQueueSize(100);
        async.setMaxFlushTime(Duration.buildByMilliseconds(100));
        async.start();
        for (int i = 0; i < 10; i++) {
            logger.info("stuck {}", i);
        }

        async.stop();

        assertThat(async.droppedCount()).isGreaterThanOrEqualTo(9);
        assertThat(context.getStatusManager().getCopyOfStatusList())
                .anySatisfy(status -> assertThat(status.getMessage()).contains("events still queued"));
    }

    @Test
    void startWithoutAppenderIsAnError() {
        ParetoAsyncAppender lonely = new ParetoAsyncAppender();
        lonely.setContext(context);
        lonely.setName("LONELY");
        lonely.start();

        assertThat(lonely.isStarted()).isFalse();
        assertThat(context.getStatusManager().getCopyOfStatusList())
                .anySatisfy(status -> assertThat(status.getMessage()).contains("has no appender attached"));
    }

    @Test
    void invalidSettingsAreRejected() {
        assertThatThrownBy(() -> async.setQueueSize(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid queueSize 0: use 1 to 1048576");
        assertThatThrownBy(() -> async.setDropReportInterval(Duration.buildByMilliseconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 100 milliseconds");
    }

    /** Records events, but only once its gate opens; until then the async worker waits in it. */
    private static final class GatedAppender extends AppenderBase<ILoggingEvent> {
        final CountDownLatch gate = new CountDownLatch(1);
        final List<String> messages = new CopyOnWriteArrayList<>();
        final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();

        @Override
        protected void append(ILoggingEvent event) {
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            events.add(event);
            if (!event.getMessage().startsWith("async log queue full")) {
                messages.add(event.getFormattedMessage());
            }
        }
    }
}
