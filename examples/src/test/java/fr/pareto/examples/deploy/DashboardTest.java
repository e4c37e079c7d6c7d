package fr.pareto.examples.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DashboardTest {

    private static final Path DASHBOARD = Path.of("deploy", "grafana", "pareto-dashboard.json");

    private static JsonNode dashboard;
    private static boolean nodeInstalled;

    @BeforeAll
    static void load() throws Exception {
        dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        nodeInstalled = LogqlChecker.toolsOnPath();
        if (nodeInstalled) {
            LogqlChecker.install();
        }
    }

    /** Skips a LogQL test where Node.js is missing, except in CI, whose .ci/run installs it. */
    private static void requireNode() {
        if (nodeInstalled) {
            return;
        }
        if ("true".equals(System.getenv("CI"))) {
            fail("CI must install node and npm (Debian packages nodejs and npm); .ci/run does so when they are missing");
        }
        assumeTrue(false, "node and npm are not on the PATH; install Node.js to parse the dashboard's LogQL");
    }

    @Test
    void dashboardHasThePlansSixPanels() {
        List<String> titles = new ArrayList<>();
        dashboard.get("panels").forEach(panel -> titles.add(panel.get("title").asText()));

        assertThat(titles).containsExactly("Request rate", "Error rate (5xx)", "Response time",
                "Database connections", "Scraper success rate", "Products and offers");
    }

    @Test
    void dashboardIsImportableWithAnyLokiDataSource() {
        assertThat(dashboard.at("/__inputs/0/name").asText()).isEqualTo("DS_LOKI");
        assertThat(dashboard.at("/__inputs/0/pluginId").asText()).isEqualTo("loki");
        for (JsonNode panel : dashboard.get("panels")) {
            assertThat(panel.at("/datasource/uid").asText()).as(panel.get("title").asText()).isEqualTo("${DS_LOKI}");
            for (JsonNode target : panel.get("targets")) {
                assertThat(target.at("/datasource/uid").asText()).isEqualTo("${DS_LOKI}");
            }
        }
    }

    @Test
    void panelsQueryOurJsonFields() {
        String all = String.join("\n", expressions());

        assertThat(all).contains("message=\"request handled\"", "status >= 500", "unwrap duration_ms",
                "quantile_over_time(0.5,", "quantile_over_time(0.95,", "quantile_over_time(0.99,",
                "unwrap db_connections_active", "message=\"scrape succeeded\"", "scrape (succeeded|failed)",
                "unwrap products", "unwrap offers");
    }

    @Test
    void everyExpressionParsesAsLogql() throws Exception {
        requireNode();
        List<String> expressions = expressions();

        List<LogqlChecker.Result> results = LogqlChecker.check(expressions);

        assertThat(expressions).hasSizeGreaterThanOrEqualTo(12);
        assertThat(results).hasSameSizeAs(expressions);
        for (LogqlChecker.Result result : results) {
            assertThat(result.errors()).as("syntax errors in %s", result.expr()).isEmpty();
        }
    }

    @Test
    void brokenExpressionsAreReported() throws Exception {
        requireNode();
        String valid = expressions().get(0);
        List<String> broken = List.of(
                valid.substring(0, valid.length() - 1),
                valid.replace("[1m]", "[1x]"),
                valid.replace("count_over_time", "count_over_tme"),
                "{module=\"api\" | json",
                "{module=\"api\"} | json | unwrap duration_ms",
                "");

        List<LogqlChecker.Result> results = LogqlChecker.check(broken);

        assertThat(results).hasSameSizeAs(broken);
        for (LogqlChecker.Result result : results) {
            assertThat(result.errors()).as("errors reported for %s", result.expr()).isNotEmpty();
        }
    }

    private static List<String> expressions() {
        List<String> expressions = new ArrayList<>();
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.get("targets")) {
                expressions.add(target.get("expr").asText());
            }
        }
        return expressions;
    }
}
