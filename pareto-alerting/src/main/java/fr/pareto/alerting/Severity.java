package fr.pareto.alerting;

import java.util.Locale;

/**
 * How urgent an alert is, with the embed colour that Discord and the HTML email show for it.
 *
 * <p>The colours of {@link #INFO}, {@link #WARNING} and {@link #ERROR} are those of Pareto's Go
 * alerting client, so alerts from Go and Java services look the same in one channel.
 */
public enum Severity {
    /** Something worth knowing that needs no action. Green. */
    INFO(0x00FF00),
    /** Something that may need action soon. Yellow. */
    WARNING(0xFFFF00),
    /** Something is broken and needs action. Red. */
    ERROR(0xFF0000),
    /** Something is broken and users are affected now. Dark red. */
    CRITICAL(0x8B0000),
    /** A problem reported earlier is over. Green. */
    RESOLVED(0x00FF00);

    private final int color;

    Severity(int color) {
        this.color = color;
    }

    /** Returns the colour as a 24-bit RGB integer, from 0 to 0xFFFFFF. */
    public int color() {
        return color;
    }

    /** Returns the name in upper case, as written in email subjects: {@code [ERROR]}. */
    public String label() {
        return name();
    }

    /** Returns the name in lower case, as written in JSON payloads and log fields. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
