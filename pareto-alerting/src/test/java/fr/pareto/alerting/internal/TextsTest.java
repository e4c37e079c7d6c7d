package fr.pareto.alerting.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextsTest {

    @Test
    void cutEndKeepsTextWithinLimit() {
        assertThat(Texts.cutEnd("short", 10)).isEqualTo("short");
    }

    @Test
    void cutEndAddsVisibleMarker() {
        String cut = Texts.cutEnd("x".repeat(2001), 2000);

        assertThat(Texts.length(cut)).isEqualTo(2000);
        assertThat(cut).endsWith(Texts.END_MARKER);
        assertThat(cut).startsWith("xxxx");
    }

    @Test
    void cutEndCountsCodePointsNotChars() {
        String emoji = "\uD83D\uDD25"; // one code point, two UTF-16 units
        String text = emoji.repeat(300);

        String cut = Texts.cutEnd(text, 256, "…");

        assertThat(Texts.length(cut)).isEqualTo(256);
        assertThat(cut.length()).isEqualTo(255 * 2 + 1);
        assertThat(cut).endsWith(emoji + "…");
    }

    @Test
    void cutMiddleKeepsStartAndEnd() {
        String text = "START" + "m".repeat(1777) + "END:root";

        String cut = Texts.cutMiddle(text, 1024);

        assertThat(Texts.length(cut)).isLessThanOrEqualTo(1024).isGreaterThan(1000);
        assertThat(cut).startsWith("START").endsWith("END:root");
        assertThat(cut).contains("characters cut");
    }

    @Test
    void cutMiddleReportsRemovedCount() {
        String text = "x".repeat(600) + "y".repeat(600);

        String cut = Texts.cutMiddle(text, 1000);

        long kept = cut.chars().filter(c -> c == 'x' || c == 'y').count();
        long removed = 1200 - kept;
        assertThat(cut).contains("[" + removed + " characters cut]");
    }

    @Test
    void cutMiddleNeverSplitsSurrogatePairs() {
        String text = "\uD83D\uDE00".repeat(3000);

        String cut = Texts.cutMiddle(text, 1024);

        assertThat(Texts.length(cut)).isLessThanOrEqualTo(1024);
        assertThat(cut.codePoints().filter(cp -> cp >= 0xD800 && cp <= 0xDFFF).count()).isZero();
    }

    @Test
    void neutraliseMassMentionsBreaksEveryoneAndHere() {
        String safe = Texts.neutraliseMassMentions("ping @everyone and @here, role <@&123>");

        assertThat(safe).doesNotContain("@everyone").doesNotContain("@here");
        assertThat(safe).contains("@\u200Beveryone").contains("@\u200Bhere").contains("<@&123>");
    }

    @Test
    void oneLineRemovesLineBreaks() {
        assertThat(Texts.oneLine("a\r\nBcc: x@example.com")).isEqualTo("a  Bcc: x@example.com");
    }
}
