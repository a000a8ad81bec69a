package io.bankbridge.consent.receipt;

import io.bankbridge.consent.accountnames.AccountLabels;
import io.bankbridge.consent.accountnames.AccountNames;
import io.bankbridge.consent.model.Consent;
import io.bankbridge.consent.model.ConsentWithHistory;
import io.bankbridge.consent.model.GrantState;
import io.bankbridge.consent.model.HistoryEntry;
import io.bankbridge.consent.service.ConsentService;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Signed consent receipts: one per history entry, stating the entry (action, actor, time) and what the consent granted
 * right after it (provider, accounts as the customer knows them, data clusters, status, granted and expiry times),
 * signed by token-service with the bank's key when asked for, so that it verifies against token-service's JWKS. The
 * newest entry's receipt states the consent as it is now.
 */
@ApplicationScoped
public class Receipts {

    /** A signed receipt: a compact JWS (RFC 7519's media type). */
    public static final String MEDIA_TYPE = "application/jwt";

    private final ConsentService consents;
    private final AccountNames accountNames;
    private final ReceiptSigningClient signer;

    Receipts(ConsentService consents, AccountNames accountNames, @RestClient ReceiptSigningClient signer) {
        this.consents = consents;
        this.accountNames = accountNames;
        this.signer = signer;
    }

    /** Every entry of a consent the caller may see, oldest first, each with its receipt (none before receipts were kept). */
    public Uni<List<Receipt>> all(UUID id, Predicate<Consent> visible) {
        return consents.get(id, visible).chain(found -> labels(found).chain(accounts -> Multi.createFrom()
                .iterable(IntStream.rangeClosed(1, found.history().size()).boxed().toList())
                // One signature at a time: a long history does not fan out into as many concurrent calls.
                .onItem().transformToUniAndConcatenate(n -> {
                    HistoryEntry entry = found.history().get(n - 1);
                    Uni<String> receipt = entry.hasReceipt() ? signed(found.consent(), n, entry, accounts)
                            : Uni.createFrom().nullItem();
                    return receipt.map(jws -> new Receipt(n, entry.event(), entry.at(), jws));
                })
                .collect().asList()));
    }

    /** The receipt of entry {@code n} (from 1) of a consent the caller may see. */
    public Uni<String> one(UUID id, Predicate<Consent> visible, int n) {
        return consents.get(id, visible).chain(found -> {
            if (n < 1 || n > found.history().size()) {
                throw new NoReceiptException("This consent has no history entry " + n + ".");
            }
            HistoryEntry entry = found.history().get(n - 1);
            if (!entry.hasReceipt()) {
                throw new NoReceiptException("There is no receipt for entries recorded before receipts were kept.");
            }
            return labels(found).chain(accounts -> signed(found.consent(), n, entry, accounts));
        });
    }

    private Uni<AccountLabels> labels(ConsentWithHistory found) {
        return accountNames.of(List.of(found.consent().customerId()));
    }

    private Uni<String> signed(Consent consent, int n, HistoryEntry entry, AccountLabels accounts) {
        ReceiptClaims claims = claims(consent, n, entry, accounts);
        return Uni.createFrom().deferred(() -> signer.sign(claims))
                .onFailure().transform(e -> {
                    Log.warnf("Receipt of consent %s entry %d not signed: %s", consent.id(), n, e.toString());
                    return new ReceiptSigningUnavailableException(e);
                });
    }

    static ReceiptClaims claims(Consent consent, int n, HistoryEntry entry, AccountLabels accounts) {
        GrantState state = entry.state();
        return new ReceiptClaims(consent.id().toString(), n, entry.event(), entry.actor().name(), iso(entry.at()),
                state.status().name(), consent.providerId(), consent.providerName(),
                state.accountIds().stream().map(accounts::label).toList(), state.dataClusters(),
                iso(state.authorizedAt()), iso(state.expiresAt()));
    }

    private static String iso(Instant at) {
        return at == null ? null : at.toString();
    }
}
