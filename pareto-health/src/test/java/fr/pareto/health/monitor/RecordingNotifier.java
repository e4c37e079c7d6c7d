package fr.pareto.health.monitor;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every event it receives, in order. */
final class RecordingNotifier implements MonitorNotifier {

    private final List<MonitorEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void notify(MonitorEvent event) {
        events.add(event);
    }

    List<MonitorEvent> events() {
        return List.copyOf(events);
    }

    List<MonitorEvent.Type> types() {
        return events.stream().map(MonitorEvent::type).toList();
    }
}
