package fr.pareto.examples.scraper;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the price from a retailer's product page: the text of the element whose class is
 * {@code price}, such as {@code <span class="price">24.90</span>}. A comma is accepted as the
 * decimal separator ({@code 24,90}).
 */
final class PriceParser {

    private static final Pattern PRICE_ELEMENT = Pattern.compile(
            "<(\\w+)[^>]*\\sclass=\"(?:[^\"]*\\s)?price(?:\\s[^\"]*)?\"[^>]*>([^<]*)</\\1\\s*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern AMOUNT = Pattern.compile("(\\d{1,7})(?:[.,](\\d{1,2}))?");

    private PriceParser() {
    }

    /**
     * Returns the price on the page.
     *
     * @throws ScrapeException when the page has no price element or its text is not an amount
     */
    static BigDecimal parse(String html) throws ScrapeException {
        Matcher element = PRICE_ELEMENT.matcher(html);
        if (!element.find()) {
            throw new ScrapeException("no price element in the page (" + html.length() + " characters)");
        }
        String text = element.group(2).replace('\u00a0', ' ').replace("€", "").replace("EUR", "").strip();
        Matcher amount = AMOUNT.matcher(text);
        if (!amount.matches()) {
            throw new ScrapeException("price \"" + abbreviate(text) + "\" is not an amount");
        }
        String cents = amount.group(2) == null ? "00" : (amount.group(2) + "0").substring(0, 2);
        return new BigDecimal(amount.group(1) + "." + cents);
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
