package io.bankbridge.token.login;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Seeds the demo customer logins when {@code bankbridge.demo.enabled=true}: person i (zero-padded to 4 digits) has
 * {@code card.demo{i}} (customer {@code CUS-C-{i}}) and {@code savings.demo{i}} (customer {@code CUS-S-{i}}), both
 * with password {@code Demo-{i}-pass!}; person 0001's two logins are linked. Idempotent, and only logins that do
 * not exist yet are hashed, so restarts stay fast.
 */
@ApplicationScoped
public class DemoLogins {

    private final DemoConfig config;
    private final LoginStore store;
    private final PasswordHasher hasher;

    DemoLogins(DemoConfig config, LoginStore store, PasswordHasher hasher) {
        this.config = config;
        this.store = store;
        this.hasher = hasher;
    }

    void seed(@Observes StartupEvent start) {
        if (!config.enabled()) {
            return;
        }
        List<DemoLogin> all = new ArrayList<>();
        for (int i = 1; i <= config.customers(); i++) {
            String n = String.format("%04d", i);
            all.add(new DemoLogin("card.demo" + n, Site.CARD, "CUS-C-" + n, "Demo-" + n + "-pass!"));
            all.add(new DemoLogin("savings.demo" + n, Site.SAVINGS, "CUS-S-" + n, "Demo-" + n + "-pass!"));
        }
        Set<String> existing = store.existingUsernames(all.stream().map(DemoLogin::username).toList())
                .await().atMost(Duration.ofSeconds(30));
        List<DemoLogin> missing = all.stream().filter(d -> !existing.contains(d.username())).toList();
        Multi.createFrom().iterable(missing)
                .onItem().transformToUni(d -> Uni.createFrom().item(() -> hasher.hash(d.password()))
                        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                        .chain(hash -> store.insertIfAbsent(new Login(UUID.randomUUID(), d.username(), d.site(), d.customerId()), hash)))
                .merge(Math.max(1, Runtime.getRuntime().availableProcessors()))
                .collect().asList()
                .await().atMost(Duration.ofMinutes(5));
        if (config.customers() >= 1) {
            linkFirstPerson();
        }
        Log.infof("Demo logins: %d present, %d created", all.size(), missing.size());
        config.loginsFile().ifPresent(this::writeLoginsFile);
    }

    private void linkFirstPerson() {
        Login card = store.findByUsername("card.demo0001").await().atMost(Duration.ofSeconds(30)).orElseThrow().login();
        Login savings = store.findByUsername("savings.demo0001").await().atMost(Duration.ofSeconds(30)).orElseThrow().login();
        // false when already linked by an earlier start: nothing to do
        store.link(card.id(), savings.id()).await().atMost(Duration.ofSeconds(30));
    }

    private void writeLoginsFile(Path file) {
        StringBuilder text = new StringBuilder("Demo customer logins (password Demo-<n>-pass!, e.g. card.demo0001 / Demo-0001-pass!):\n");
        for (int i = 1; i <= config.customers(); i++) {
            String n = String.format("%04d", i);
            text.append(String.format("  card.demo%s / Demo-%s-pass!    savings.demo%s / Demo-%s-pass!%s%n",
                    n, n, n, n, i == 1 ? "    (already linked)" : ""));
        }
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, text);
        } catch (IOException e) {
            Log.warnf("Could not write the demo logins to %s: %s", file, e.getMessage());
        }
    }

    private record DemoLogin(String username, Site site, String customerId, String password) {
    }
}
