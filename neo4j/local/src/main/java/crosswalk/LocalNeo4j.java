package crosswalk;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.QueryExecutionException;
import sun.misc.Signal;

/**
 * Runs one Neo4j Community DBMS in this JVM with Bolt on 127.0.0.1, for local development and tests.
 *
 * <p>Configured only by environment variables (see neo4j/local/README.md): NEO4J_PORT, NEO4J_PASSWORD,
 * NEO4J_DATA_DIR, NEO4J_FRESH, NEO4J_EXIT_ON_STDIN_EOF. Stdout carries exactly one line, {@code neo4j
 * ready at bolt://127.0.0.1:PORT}, once Bolt answers; everything else goes to stderr or to the logs
 * folder inside the data directory, so a caller can wait for that line without parsing anything else.
 */
public final class LocalNeo4j {
    static final String HOST = "127.0.0.1";
    static final String DEFAULT_PASSWORD = "crosswalk-dev";
    /** Written into a data directory this launcher created, so NEO4J_FRESH never wipes a folder it does not own. */
    static final String MARKER = ".crosswalk-neo4j-local";
    /**
     * Our own start-up queries are the first Cypher this JVM runs, slow while cold (tens of seconds on a
     * busy 2-core machine): they get more than the 30 s that clients' transactions get.
     */
    static final Duration SETUP_TIMEOUT = Duration.ofMinutes(5);

    public static void main(String[] args) {
        // Keep the real stdout for the ready line only: anything a library prints goes to stderr.
        PrintStream stdout = System.out;
        System.setOut(System.err);

        // Any JVM exit we don't drive ourselves (SIGHUP, System.exit in a failure) still stops Neo4j cleanly.
        Runtime.getRuntime().addShutdownHook(new Thread(LocalNeo4j::shutdown, "neo4j-local-shutdown"));
        // TERM and INT stop Neo4j and exit 0, at any time, also while it is starting. The JVM's default
        // would exit 143/130, which npm and test runners report as a failure although nothing went wrong.
        // The exit happens here, not in main, so it works even if main has already failed or returned.
        Signal.handle(new Signal("TERM"), s -> stopAndExit(0));
        Signal.handle(new Signal("INT"), s -> stopAndExit(0));
        if ("1".equals(System.getenv("NEO4J_EXIT_ON_STDIN_EOF"))) {
            // Our parent holds our stdin open; if it dies, even by SIGKILL, the pipe closes and we follow.
            Thread watcher = new Thread(() -> {
                drain(System.in);
                System.err.println("neo4j-local: stdin closed (parent gone), stopping");
                stopAndExit(0);
            }, "neo4j-local-stdin-watch");
            watcher.setDaemon(true);
            watcher.start();
        }

        try {
            int port = run();
            stdout.println("neo4j ready at bolt://" + HOST + ":" + port);
            stdout.flush();
            // main returns; Neo4j's own threads keep the JVM up until a signal stops it.
        } catch (Throwable t) {
            // Without this, Neo4j's non-daemon threads would keep a half-started server running forever.
            t.printStackTrace();
            stopAndExit(1);
        }
    }

    /** Starts Neo4j, makes it ready for clients and returns the Bolt port. */
    static int run() throws Exception {
        String password = env("NEO4J_PASSWORD", DEFAULT_PASSWORD);
        if (password.length() < 8) {
            fail("NEO4J_PASSWORD must be at least 8 characters (Neo4j 5 refuses shorter passwords)");
        }
        Path dataDir = Path.of(env("NEO4J_DATA_DIR", ".neo4j-local/data")).toAbsolutePath().normalize();
        prepareDataDir(dataDir, "1".equals(System.getenv("NEO4J_FRESH")));

        String portEnv = env("NEO4J_PORT", "");
        boolean pickPort = portEnv.isEmpty() || portEnv.equals("0");

        // A picked port can be taken by someone else between our probe and Neo4j's bind: pick again.
        int port = 0;
        for (int attempt = 1; dbms == null; attempt++) {
            port = pickPort ? freePort() : parsePort(portEnv);
            try {
                DatabaseManagementService started = start(dataDir, port);
                synchronized (LocalNeo4j.class) {
                    dbms = started;
                    // A signal that came while Neo4j was starting found nothing to stop: stop it now.
                    if (shutDown) started.shutdown();
                }
            } catch (RuntimeException e) {
                if (!pickPort || attempt >= 3 || !causedByBind(e)) throw e;
                System.err.println("neo4j-local: port " + port + " was taken before Neo4j bound it; picking another");
            }
        }

        setPassword(dbms, password);
        if (!dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME).isAvailable(SETUP_TIMEOUT.toMillis())) {
            fail("database '" + GraphDatabaseSettings.DEFAULT_DATABASE_NAME + "' did not become available");
        }
        awaitBolt(port);
        System.err.printf("%s up in %.1f s (JVM uptime), data %s, logs %s%n", describe(dbms),
                ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0, dataDir, dataDir.resolve("logs"));
        return port;
    }

    static DatabaseManagementService start(Path dataDir, int port) {
        SocketAddress bolt = new SocketAddress(HOST, port);
        return new DatabaseManagementServiceBuilder(dataDir)
                // Everything this instance writes lives under its own data directory, so two instances
                // with different data directories and ports never share a file.
                .setConfig(GraphDatabaseSettings.data_directory, dataDir)
                .setConfig(GraphDatabaseSettings.logs_directory, dataDir.resolve("logs"))
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, bolt)
                // Routing tables (neo4j:// URIs) hand out the advertised address; the default "localhost"
                // can resolve to ::1 first in Node, where nothing listens.
                .setConfig(BoltConnector.advertised_address, bolt)
                .setConfig(GraphDatabaseSettings.default_listen_address, new SocketAddress(HOST))
                .setConfig(GraphDatabaseSettings.default_advertised_address, new SocketAddress(HOST))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(HttpConnector.enabled, false)
                .setConfig(HttpsConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                // Sized for a 2-core, 24 GiB machine shared with the API and the tests (heap is set on
                // the java command line, -Xmx1g).
                .setConfig(GraphDatabaseSettings.pagecache_memory, 512L * 1024 * 1024)
                // Server-side default, so a query keeps no CPU busy after its client has given up. A client
                // that sets its own transaction timeout gets that one instead, longer or shorter.
                .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofSeconds(30))
                // No phoning home (and no failed attempts logged on a machine without internet).
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                // Bolt otherwise waits 5 s for its worker pool and 5 s more for connections when stopping,
                // even with nothing connected; tests start and stop servers often. (debug.log then warns
                // that the event loops were "forcefully terminated": by then every database is stopped.)
                .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ZERO)
                .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ZERO)
                .build();
    }

    /**
     * Makes NEO4J_PASSWORD the password of user neo4j on every start, so an existing data directory
     * follows the environment. Embedded transactions run with full rights, so no login is needed. Until
     * this runs, Bolt (already listening, on loopback only) knows only the previous password, or
     * neo4j/neo4j with a forced change in a new directory; clients wait for the ready line anyway.
     */
    static void setPassword(DatabaseManagementService dbms, String password) {
        GraphDatabaseService system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        try {
            system.executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED",
                    Map.of("password", password),
                    r -> null,
                    SETUP_TIMEOUT);
        } catch (QueryExecutionException e) {
            // Neo4j refuses to "change" a password to the one it already has; that is the goal anyway.
            if (!String.valueOf(e.getMessage()).contains("cannot be the same")) throw e;
        }
    }

    static String describe(DatabaseManagementService dbms) {
        try {
            return dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(
                    "CALL dbms.components() YIELD name, versions, edition RETURN name, versions[0] AS v, edition",
                    Map.of(),
                    r -> {
                        Map<String, Object> row = r.next();
                        return row.get("name") + " " + row.get("v") + " " + row.get("edition");
                    },
                    SETUP_TIMEOUT);
        } catch (RuntimeException e) {
            return "Neo4j (version unknown: " + e.getMessage() + ")";
        }
    }

    /** Bolt counts as answering once a handshake gets its 4-byte reply, not merely once the port accepts. */
    static void awaitBolt(int port) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        IOException last = null;
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(HOST, port), 1000);
                s.setSoTimeout(2000);
                OutputStream out = s.getOutputStream();
                // Magic preamble, then four version proposals (5.0 to 5.4, 4.4), as a driver sends them.
                out.write(new byte[] {
                    0x60, 0x60, (byte) 0xB0, 0x17,
                    0, 4, 4, 5, 0, 0, 4, 4, 0, 0, 0, 0, 0, 0, 0, 0
                });
                out.flush();
                if (s.getInputStream().readNBytes(4).length == 4) return;
            } catch (IOException e) {
                last = e;
            }
            Thread.sleep(100);
        }
        fail("Bolt on " + HOST + ":" + port + " did not answer a handshake" + (last == null ? "" : ": " + last));
    }

    static void prepareDataDir(Path dir, boolean fresh) throws IOException {
        if (fresh && Files.exists(dir)) {
            boolean empty;
            try (Stream<Path> s = Files.list(dir)) {
                empty = s.findAny().isEmpty();
            }
            if (!empty && !Files.exists(dir.resolve(MARKER))) {
                fail("NEO4J_FRESH=1 but " + dir + " was not created by this launcher (no " + MARKER
                        + " file); refusing to delete it");
            }
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(dir);
        Path marker = dir.resolve(MARKER);
        if (!Files.exists(marker)) {
            Files.writeString(marker, "Neo4j data of scripts/neo4j-local.mjs; NEO4J_FRESH=1 may delete this folder.\n");
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return s.getLocalPort();
        }
    }

    static int parsePort(String s) {
        try {
            int p = Integer.parseInt(s.trim());
            if (p > 0 && p < 65536) return p;
        } catch (NumberFormatException e) {
            // reported below
        }
        fail("NEO4J_PORT must be a port number 1-65535 (or unset/0 to pick a free one), got '" + s + "'");
        return -1;
    }

    static boolean causedByBind(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException || String.valueOf(t.getMessage()).contains("Address already in use")) {
                return true;
            }
        }
        return false;
    }

    private static DatabaseManagementService dbms;
    private static boolean shutDown;

    static synchronized void shutdown() {
        if (shutDown) return;
        shutDown = true;
        if (dbms == null) return;
        System.err.println("neo4j-local: stopping");
        try {
            dbms.shutdown();
        } catch (RuntimeException e) {
            System.err.println("neo4j-local: shutdown failed: " + e);
        }
    }

    static void stopAndExit(int code) {
        shutdown();
        System.exit(code);
    }

    static void drain(InputStream in) {
        byte[] buf = new byte[256];
        try {
            while (in.read(buf) >= 0) {
                // Nothing is expected on stdin; read only to notice its end.
            }
        } catch (IOException ignored) {
            // A broken pipe means the parent is gone, same as end of input.
        }
    }

    static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isEmpty() ? fallback : v;
    }

    static void fail(String message) {
        System.err.println("neo4j-local: " + message);
        System.exit(2);
    }

    private LocalNeo4j() {}
}
