package nl.camiso.server.cli;

import nl.camiso.server.CamisoServer;
import nl.camiso.server.ServerOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code camiso serve}: runs the TAXII 2.1 server until SIGTERM / Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Start the TAXII 2.1 server. Flags override the configuration file's keys.")
final class ServeCommand implements Callable<Integer> {

    @Mixin
    StoreOptions store;

    @Option(names = "--port", paramLabel = "PORT", description = "Port (default: server.port, else 8080; 0 = any free port)")
    Integer port;

    @Option(names = "--bind", paramLabel = "ADDRESS", description = "Address to listen on (default: server.bind, else 127.0.0.1)")
    String bind;

    @Option(names = "--keystore", paramLabel = "FILE", description = "PKCS12 keystore: serve HTTPS (TLS 1.2 and 1.3)")
    Path keystore;

    @Option(names = "--keystore-password", paramLabel = "PASSWORD", description = "Password of the keystore")
    String keystorePassword;

    @Option(names = "--no-samples", description = "Do not load the configuration's sample data on first start")
    boolean noSamples;

    @Override
    public Integer call() throws InterruptedException {
        ServerOptions options = new ServerOptions(store.config, bind,
                port == null ? ServerOptions.PORT_FROM_CONFIG : port, store.dataDir, store.dbUrl, store.dbUser,
                store.dbPassword, keystore, keystorePassword, !noSamples);
        CamisoServer server = CamisoServer.start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        // SIGTERM and Ctrl-C run shutdown hooks: stop accepting, finish in-flight requests, close the database
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "camiso-shutdown"));
        stopped.await();
        return 0;
    }
}
