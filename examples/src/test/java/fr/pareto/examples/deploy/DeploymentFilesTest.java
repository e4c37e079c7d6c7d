package fr.pareto.examples.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DeploymentFilesTest {

    private static final Path DEPLOY = Path.of("deploy");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern ROUTER_LABEL = Pattern.compile("traefik\\.http\\.routers\\.([^.]+)\\.([^=]+)=(.*)");

    @Test
    void composeHasTheFourMonitoringServices() throws Exception {
        JsonNode services = YAML.readTree(DEPLOY.resolve("docker-compose.monitoring.yml").toFile()).get("services");

        assertThat(services.fieldNames()).toIterable().containsExactlyInAnyOrder("uptime-kuma", "loki", "promtail", "grafana");
    }

    @Test
    void everyTraefikRouterIsHttpsOnly() throws Exception {
        JsonNode services = YAML.readTree(DEPLOY.resolve("docker-compose.monitoring.yml").toFile()).get("services");
        Map<String, Map<String, String>> routers = new HashMap<>();
        services.forEach(service -> service.path("labels").forEach(label -> {
            Matcher matcher = ROUTER_LABEL.matcher(label.asText());
            if (matcher.matches()) {
                routers.computeIfAbsent(matcher.group(1), name -> new HashMap<>()).put(matcher.group(2), matcher.group(3));
            }
        }));

        assertThat(routers).containsKeys("uptime", "grafana");
        routers.forEach((name, settings) -> {
            assertThat(settings).as("router %s", name).containsEntry("entrypoints", "websecure");
            assertThat(settings).as("router %s", name).containsEntry("tls", "true");
            assertThat(settings.get("rule")).as("router %s", name).doesNotContain(".local`");
        });
    }

    @Test
    void promtailLiftsLevelAndModuleToLabels() throws Exception {
        JsonNode config = YAML.readTree(DEPLOY.resolve("promtail-config.yml").toFile());

        for (JsonNode scrape : config.get("scrape_configs")) {
            List<JsonNode> stages = new ArrayList<>();
            scrape.path("pipeline_stages").forEach(stages::add);
            JsonNode json = stages.stream().filter(stage -> stage.has("json")).findFirst().orElseThrow().get("json");
            JsonNode labels = stages.stream().filter(stage -> stage.has("labels")).findFirst().orElseThrow().get("labels");

            assertThat(json.at("/expressions/level").asText()).isEqualTo("level");
            assertThat(json.at("/expressions/module").asText()).isEqualTo("module");
            assertThat(labels.has("level")).isTrue();
            assertThat(labels.has("module")).isTrue();
            assertThat(stages.indexOf(stages.stream().filter(stage -> stage.has("json")).findFirst().orElseThrow()))
                    .as("json stage runs before labels stage")
                    .isLessThan(stages.indexOf(stages.stream().filter(stage -> stage.has("labels")).findFirst().orElseThrow()));
        }
        assertThat(config.at("/positions/filename").asText()).doesNotStartWith("/tmp/");
    }

    @Test
    void uptimeMonitorsFollowThePlan() throws Exception {
        JsonNode monitors = YAML.readTree(DEPLOY.resolve("uptime-kuma-monitors.yml").toFile()).get("monitors");
        Map<String, JsonNode> byName = new HashMap<>();
        monitors.forEach(monitor -> byName.put(monitor.get("name").asText(), monitor));

        assertThat(byName).containsOnlyKeys("API Health", "Web", "PostgreSQL", "Redis", "Scraper");
        assertThat(byName.get("API Health").get("url").asText()).endsWith("/health");
        assertThat(byName.get("Scraper").get("url").asText()).endsWith("/health/scraper");
        assertThat(byName.get("Scraper").get("interval").asInt()).isEqualTo(300);
        assertThat(byName.get("PostgreSQL").get("type").asText()).isEqualTo("port");
        for (JsonNode monitor : monitors) {
            // Down on the third consecutive failure: the first check plus two retries.
            assertThat(monitor.get("retries").asInt()).as(monitor.get("name").asText()).isEqualTo(2);
        }
        for (String name : List.of("API Health", "Web", "PostgreSQL", "Redis")) {
            assertThat(byName.get(name).get("interval").asInt()).as(name).isEqualTo(60);
        }
    }
}
