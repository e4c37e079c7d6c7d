package fr.pareto.errors.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

class MissingAlertingModuleTest {

    @Test
    void missingAlertingModuleGivesAClearError() throws Exception {
        // Only this module's classes and the JDK: pareto-alerting is absent, as for a user who never added it.
        URL classes = AlertingSupport.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader withoutAlerting = new URLClassLoader(new URL[] {classes}, ClassLoader.getPlatformClassLoader())) {
            Class<?> support = withoutAlerting.loadClass(AlertingSupport.class.getName());

            Throwable thrown = null;
            try {
                support.getMethod("requireAvailable").invoke(null);
            } catch (InvocationTargetException e) {
                thrown = e.getCause();
            }

            assertThat(support.getMethod("isAvailable").invoke(null)).isEqualTo(false);
            assertThat(thrown).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("need fr.pareto:pareto-alerting");
        }
    }

    @Test
    void alertingModuleIsFoundWhenPresent() {
        assertThat(AlertingSupport.isAvailable()).isTrue();
    }
}
