package fr.pareto.health.monitor;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One-off, daily and weekly maintenance windows. */
class MaintenanceWindowTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Test
    void oneOffWindowIsHalfOpen() {
        MaintenanceWindow window = MaintenanceWindow.of(Instant.parse("2026-12-06T02:00:00Z"), Duration.ofHours(1), "Web");

        assertThat(window.covers("Web", Instant.parse("2026-12-06T01:59:59Z"))).isFalse();
        assertThat(window.covers("Web", Instant.parse("2026-12-06T02:00:00Z"))).isTrue();
        assertThat(window.covers("Web", Instant.parse("2026-12-06T02:59:59Z"))).isTrue();
        assertThat(window.covers("Web", Instant.parse("2026-12-06T03:00:00Z"))).isFalse();
        assertThat(window.covers("API Health", Instant.parse("2026-12-06T02:30:00Z"))).isFalse();
        assertThat(window.end()).contains(Instant.parse("2026-12-06T03:00:00Z"));
    }

    @Test
    void weeklyWindowRepeatsInLocalTime() {
        // Sunday 03:00 in Paris is 02:00 UTC in winter and 01:00 UTC in summer.
        MaintenanceWindow window = MaintenanceWindow.weekly(DayOfWeek.SUNDAY, LocalTime.of(3, 0), Duration.ofHours(1), PARIS);

        assertThat(window.covers("Web", Instant.parse("2026-12-06T01:59:00Z"))).isFalse();
        assertThat(window.covers("Web", Instant.parse("2026-12-06T02:00:00Z"))).isTrue();
        assertThat(window.covers("Web", Instant.parse("2026-12-06T02:59:00Z"))).isTrue();
        assertThat(window.covers("Web", Instant.parse("2026-12-06T03:00:00Z"))).isFalse();
        assertThat(window.covers("Web", Instant.parse("2026-12-13T02:30:00Z"))).isTrue();
        assertThat(window.covers("Web", Instant.parse("2026-12-14T02:30:00Z"))).isFalse();
        assertThat(window.covers("Web", Instant.parse("2026-07-05T01:30:00Z"))).isTrue();
        assertThat(window.covers("Web", Instant.parse("2026-07-05T02:30:00Z"))).isFalse();
        assertThat(window.end()).isEmpty();
    }

    @Test
    void dailyWindowCrossingMidnight() {
        MaintenanceWindow window = MaintenanceWindow.daily(LocalTime.of(23, 30), Duration.ofHours(1), ZoneOffset.UTC);

        assertThat(window.covers("Redis", Instant.parse("2026-12-06T23:29:00Z"))).isFalse();
        assertThat(window.covers("Redis", Instant.parse("2026-12-06T23:45:00Z"))).isTrue();
        assertThat(window.covers("Redis", Instant.parse("2026-12-07T00:15:00Z"))).isTrue();
        assertThat(window.covers("Redis", Instant.parse("2026-12-07T00:30:00Z"))).isFalse();
    }

    @Test
    void dailyWindowSilencesEveryDay() {
        FakeScheduler scheduler = new FakeScheduler(Instant.parse("2026-12-01T00:00:00Z"));
        ScriptedCheck check = new ScriptedCheck(scheduler).fail();
        RecordingNotifier notifier = new RecordingNotifier();
        try (MonitorService service = MonitorService.builder()
                .monitor(Monitor.builder("Scraper", check).interval(Duration.ofMinutes(1)).downAfter(3).build())
                .maintenance(MaintenanceWindow.daily(LocalTime.of(2, 0), Duration.ofMinutes(30), ZoneOffset.UTC))
                .notifier(notifier)
                .scheduler(scheduler)
                .historySize(10_000)
                .build()) {
            service.start();
            scheduler.advance(Duration.ofDays(3).minus(Duration.ofMinutes(1)));

            long maintenanceBeats = service.snapshot("Scraper").orElseThrow().heartbeats().stream()
                    .filter(beat -> beat.status() == MonitorStatus.MAINTENANCE).count();
            assertThat(maintenanceBeats).isEqualTo(3 * 30);
            assertThat(check.starts()).hasSize(3 * 24 * 60 - 3 * 30);
            // Failing throughout: one DOWN, kept open across the daily windows.
            assertThat(notifier.types()).containsExactly(MonitorEvent.Type.DOWN);
        }
    }

    @Test
    void invalidWindowsAreRejected() {
        assertThatThrownBy(() -> MaintenanceWindow.daily(LocalTime.NOON, Duration.ofHours(25), PARIS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid daily maintenance length PT25H: it must not be longer than its period of PT24H");
        assertThatThrownBy(() -> MaintenanceWindow.of(Instant.EPOCH, Duration.ZERO))
                .hasMessage("Invalid maintenance length PT0S: it must be positive");
        assertThatThrownBy(() -> MonitorService.builder()
                .monitor(Monitor.builder("Web", new ScriptedCheck(new FakeScheduler(Instant.EPOCH))).build())
                .maintenance(MaintenanceWindow.of(Instant.EPOCH, Duration.ofHours(1), "Wbe"))
                .build())
                .hasMessage("Maintenance window names unknown monitor \"Wbe\"; the monitors are [Web]");
    }
}
