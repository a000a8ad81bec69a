package io.bankbridge.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code deploy/local/up}: runs the whole stack on this machine with demo data on the fixed local ports, prints
 * where to go, and stops everything it started on Ctrl-C or SIGTERM. Databases and Kafka data are kept between
 * runs (in the PostgreSQL server and {@code deploy/local/target/stack}).
 */
public final class LocalStack {

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
        printWelcome(stack, (System.nanoTime() - started) / 1e9);
        new CountDownLatch(1).await();
    }

    private static void printWelcome(Stack stack, double seconds) {
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
        print(stack.workDir().resolve("demo-logins.txt"));
        if (Files.exists(stack.demoProviderKeyFile())) {
            System.out.println("  Demo provider key      " + stack.demoProviderKeyFile() + " (client demo-budget-app, private_key_jwt)");
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
