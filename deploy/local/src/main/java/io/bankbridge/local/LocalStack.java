package io.bankbridge.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import io.bankbridge.local.provider.DemoProvider;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code deploy/local/up}: runs the whole stack on this machine with demo data on the fixed local ports, prints
 * where to go, and stops everything it started on Ctrl-C or SIGTERM. Databases and Kafka data are kept between
 * runs (in the PostgreSQL server and {@code deploy/local/target/stack}).
 */
public final class LocalStack {

    static final int DEMO_PROVIDER_PORT = 8090;

    private LocalStack() {
    }

    public static void main(String[] args) throws InterruptedException {
        long started = System.nanoTime();
        Path workDir = Stack.projectRoot().resolve("deploy/local/target/stack");
        Stack stack = Stack.builder().local(workDir).build();
        AtomicBoolean stopping = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.set(true);
            say("stopping");
            stack.close();
        }));
        try {
            say("starting Kafka, token-service, consent-service and account-data-service (logs in " + workDir.resolve("logs") + ")");
            stack.start();
        } catch (RuntimeException e) {
            if (stopping.get()) {
                return; // Ctrl-C during start: the shutdown hook stops what was started
            }
            System.err.println("[bankbridge] " + e.getMessage());
            System.exit(1);
        }
        DemoProvider demo = null;
        if (Files.exists(stack.demoProviderKeyFile())) {
            demo = DemoProvider.start(DEMO_PROVIDER_PORT, stack.tokenService().baseUrl(), stack.demoProviderKeyFile(),
                    stack.accountDataServices().get(0).baseUrl() + "/fdx/v6");
        }
        printWelcome(stack, demo, (System.nanoTime() - started) / 1e9);
        new CountDownLatch(1).await();
    }

    private static void printWelcome(Stack stack, DemoProvider demo, double seconds) {
        String token = stack.tokenService().baseUrl();
        String consent = stack.consentService().baseUrl();
        String data = stack.accountDataServices().get(0).baseUrl();
        say(String.format("all services ready in %.1f s", seconds));
        System.out.println();
        System.out.println("  Authorization server   " + token + "/.well-known/openid-configuration");
        System.out.println("  Security Center        " + consent + "/security-center");
        System.out.println("  Provider data API      " + data + "/fdx/v6");
        System.out.println("  API documentation      " + token + "/q/swagger-ui  " + consent + "/q/swagger-ui  " + data + "/q/swagger-ui");
        System.out.println("  Kafka                  " + stack.broker().bootstrapServers() + " (topic bankbridge.revocations)");
        System.out.println("  Logs                   " + stack.workDir().resolve("logs"));
        System.out.println("  Admin API secret       BANKBRIDGE_ADMIN_SECRET in " + stack.workDir().resolve("secrets.properties"));
        System.out.println("  Core banking client    core-banking (ingest API), BANKBRIDGE_INTERNAL_SECRET_CORE_BANKING in "
                + stack.workDir().resolve("secrets.properties"));
        print(stack.workDir().resolve("demo-logins.txt"));
        if (demo != null) {
            System.out.println();
            System.out.println("  Try the provider journey: open " + demo.url() + " (Demo Budget App, client " + DemoProvider.CLIENT_ID
                    + ", private_key_jwt with " + stack.demoProviderKeyFile() + ")");
        }
        System.out.println();
        System.out.println("Press Ctrl-C to stop everything.");
    }

    private static void print(Path file) {
        if (Files.exists(file)) {
            try {
                System.out.println();
                System.out.print(Files.readString(file));
            } catch (IOException e) {
                // a convenience only: the stack runs without it
            }
        }
    }

    private static void say(String line) {
        System.out.println("[bankbridge] " + line);
    }
}
