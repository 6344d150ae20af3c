package nl.camiso.server.setup;

import org.slf4j.bridge.SLF4JBridgeHandler;

/** Routes java.util.logging (Grizzly, Jersey) into SLF4J/logback; the levels are in logback.xml. */
public final class Logging {

    private static boolean installed;

    private Logging() {
    }

    public static synchronized void install() {
        if (!installed) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
            installed = true;
        }
    }
}
