package fr.pareto.alerting.internal;

import fr.pareto.alerting.Alert;

/** Renders an alert as a small HTML email body, every value escaped. */
public final class AlertHtml {

    private AlertHtml() {
    }

    /** Returns the HTML body: a bar in the alert's colour, the title, description, fields and link. */
    public static String render(Alert alert, String footer) {
        String color = String.format("#%06x", alert.color());
        StringBuilder out = new StringBuilder(512);
        out.append("<!DOCTYPE html><html><body style=\"font-family:sans-serif\">")
                .append("<div style=\"border-left:6px solid ").append(color).append(";padding:8px 12px\">")
                .append("<h2 style=\"margin:0 0 8px 0\">").append(escape(AlertText.subject(alert))).append("</h2>");
        if (!alert.description().isEmpty()) {
            out.append("<pre style=\"white-space:pre-wrap;font-family:inherit\">").append(escape(alert.description()))
                    .append("</pre>");
        }
        out.append("<table style=\"border-collapse:collapse\">");
        alert.source().ifPresent(source -> row(out, "Source", source));
        for (Alert.Field field : alert.fields()) {
            row(out, field.name(), field.value());
        }
        row(out, "Time", alert.timestamp().toString());
        out.append("</table>");
        alert.link().ifPresent(link -> out.append("<p><a href=\"").append(escape(link.toString())).append("\">")
                .append(escape(link.toString())).append("</a></p>"));
        out.append("</div><p style=\"color:#888888;font-size:small\">").append(escape(footer)).append("</p></body></html>");
        return out.toString();
    }

    private static void row(StringBuilder out, String name, String value) {
        out.append("<tr><th style=\"text-align:left;padding:2px 12px 2px 0;vertical-align:top\">").append(escape(name))
                .append("</th><td style=\"white-space:pre-wrap\">").append(escape(value)).append("</td></tr>");
    }

    /** Escapes the five characters that are special in HTML text and attribute values. */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
