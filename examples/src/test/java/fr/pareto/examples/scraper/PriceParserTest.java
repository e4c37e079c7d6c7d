package fr.pareto.examples.scraper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class PriceParserTest {

    @Test
    void readsDotAndCommaDecimals() throws ScrapeException {
        assertThat(PriceParser.parse("<p><span class=\"price\">23.50</span></p>")).isEqualByComparingTo("23.50");
        assertThat(PriceParser.parse("<span class=\"price\" data-currency=\"EUR\">24,90&nbsp;</span>".replace("&nbsp;", "\u00a0")))
                .isEqualByComparingTo("24.90");
        assertThat(PriceParser.parse("<div class=\"offer price big\">149,95 €</div>")).isEqualByComparingTo("149.95");
        assertThat(PriceParser.parse("<b class=\"price\">89</b>")).isEqualTo(new BigDecimal("89.00"));
        assertThat(PriceParser.parse("<b class=\"price\">9,5</b>")).isEqualTo(new BigDecimal("9.50"));
    }

    @Test
    void ignoresClassesThatOnlyContainPrice() throws ScrapeException {
        String html = "<span class=\"old-price\">99.00</span><span class=\"price\">79.00</span>";

        assertThat(PriceParser.parse(html)).isEqualByComparingTo("79.00");
    }

    @Test
    void missingPriceElementFails() {
        assertThatThrownBy(() -> PriceParser.parse("<html><body><h1>Lampe</h1><p class=\"availab"))
                .isInstanceOf(ScrapeException.class)
                .hasMessageStartingWith("no price element in the page");
    }

    @Test
    void textThatIsNoAmountFails() {
        assertThatThrownBy(() -> PriceParser.parse("<span class=\"price\">Prix indisponible</span>"))
                .isInstanceOf(ScrapeException.class)
                .hasMessage("price \"Prix indisponible\" is not an amount");
        assertThatThrownBy(() -> PriceParser.parse("<span class=\"price\">12.3.4</span>"))
                .hasMessage("price \"12.3.4\" is not an amount");
    }
}
