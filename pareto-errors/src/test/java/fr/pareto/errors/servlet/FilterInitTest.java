package fr.pareto.errors.servlet;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.pareto.errors.ErrorTracker;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FilterInitTest {

    /** A filter configuration with fixed init parameters, as a container would pass from web.xml. */
    private record Config(Map<String, String> parameters) implements FilterConfig {
        @Override
        public String getFilterName() {
            return "errors";
        }

        @Override
        public ServletContext getServletContext() {
            return null;
        }

        @Override
        public String getInitParameter(String name) {
            return parameters.get(name);
        }

        @Override
        public Enumeration<String> getInitParameterNames() {
            return Collections.enumeration(parameters.keySet());
        }
    }

    @Test
    void containerCreatedFilterFindsTrackerByName() {
        try (ErrorTracker tracker = ErrorTracker.builder().name("web-xml").flushOnExit(false).build()) {
            assertThatCode(() -> new ErrorTrackingFilter().init(new Config(Map.of("tracker", "web-xml"))))
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void missingTrackerFailsWithTheName() {
        assertThatThrownBy(() -> new ErrorTrackingFilter().init(new Config(Map.of("tracker", "absent"))))
                .isInstanceOf(ServletException.class)
                .hasMessageStartingWith("No error tracker named \"absent\" is open");
    }
}
