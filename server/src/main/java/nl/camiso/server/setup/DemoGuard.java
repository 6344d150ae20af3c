package nl.camiso.server.setup;

import nl.camiso.server.config.AccountConfig;
import nl.camiso.server.config.CamisoConfig;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Demo passwords are for a laptop: the server refuses them on any address other people can reach. */
public final class DemoGuard {

    private DemoGuard() {
    }

    public static boolean isLoopback(String bind) {
        try {
            return InetAddress.getByName(bind).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new StartupException("cannot resolve the bind address '" + bind + "'", e);
        }
    }

    /** Checks the configuration (before anything is opened). */
    public static void checkConfig(String bind, CamisoConfig config) {
        if (!isLoopback(bind) && config.usesDemoPassword()) {
            throw new StartupException("refusing to listen on " + bind + " with demo mode or the demo password '"
                    + AccountConfig.DEMO_PASSWORD + "': demo accounts are for loopback only. Bind to 127.0.0.1,"
                    + " or set server.demo: false and give every account a real password (password_hash).");
        }
    }

    /** Checks the accounts in the database (passwords set to the demo password with the CLI). */
    public static void checkAccounts(String bind, List<String> accountsWithDemoPassword) {
        if (!accountsWithDemoPassword.isEmpty() && !isLoopback(bind)) {
            throw new StartupException("refusing to listen on " + bind + ": account(s) " + accountsWithDemoPassword
                    + " have the demo password; change it with ./camiso user passwd NAME");
        }
    }
}
