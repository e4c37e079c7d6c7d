package fr.pareto.errors.servlet;

import fr.pareto.errors.ErrorTracker;
import fr.pareto.errors.ErrorsEndpoint;
import fr.pareto.errors.RecoveryFilterContract;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The servlet filter and the errors servlet in a real Jetty 12 (ee10) server on loopback. */
class ServletRecoveryTest extends RecoveryFilterContract {

    private final ErrorTracker tracker = ErrorTracker.builder().name("servlet-test").flushOnExit(false).build();
    private Server server;
    private int port;

    private final class FailingServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            switch (request.getPathInfo()) {
                case "/committed" -> {
                    response.setContentType("text/plain");
                    response.getOutputStream().write("partial".getBytes(StandardCharsets.UTF_8));
                    response.flushBuffer();
                    throw new IllegalStateException("failed after commit");
                }
                case "/io" -> throw new IOException("Connection reset by peer");
                case "/slow" -> {
                    awaitClientGone();
                    writeUntilFailure(response.getOutputStream());
                }
                case "/ok" -> response.getWriter().write("fine");
                default -> throw new IllegalStateException("handler failed");
            }
        }
    }

    @BeforeEach
    void start() throws Exception {
        server = new Server(new InetSocketAddress("127.0.0.1", 0));
        ServletContextHandler context = new ServletContextHandler();
        context.addFilter(new FilterHolder(new ErrorTrackingFilter(tracker)), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new FailingServlet()), "/app/*");
        context.addServlet(new ServletHolder(new ErrorsServlet(ErrorsEndpoint.withToken(tracker, TOKEN))), "/errors");
        server.setHandler(context);
        server.start();
        port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
        tracker.close();
    }

    @Override
    protected ErrorTracker tracker() {
        return tracker;
    }

    @Override
    protected int port() {
        return port;
    }
}
