package io.bankbridge.consent.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The customer's decision on a provider's request, recorded in one call: the consent as the provider asked for it
 * ({@code requestedDurationDays}) and, for an approval, the accounts and the duration the customer chose.
 *
 * @param idempotencyKey        the caller's key for this authorization request: a repeated call with it records nothing new
 * @param decision              {@code APPROVED} or {@code DECLINED}
 * @param requestedDurationDays the duration the provider asked for
 * @param accountIds            the accounts the customer chose (approval only)
 * @param durationDays          the duration the customer approved (approval only)
 */
public record ConsentDecision(String idempotencyKey, String decision, String customerId, String providerId,
                              String providerName, List<String> dataClusters, Integer requestedDurationDays,
                              List<String> accountIds, Integer durationDays) {

    public static final String APPROVED = "APPROVED";
    public static final String DECLINED = "DECLINED";

    public boolean approved() {
        return APPROVED.equals(decision);
    }

    /**
     * SHA-256 (hex) of everything the decision states, each value length-prefixed so that no two decisions share one:
     * what a repeated call with the same key is compared with.
     */
    public String digest() {
        StringBuilder canonical = new StringBuilder();
        for (Object value : Arrays.asList(decision, customerId, providerId, providerName, listed(dataClusters),
                String.valueOf(requestedDurationDays), listed(accountIds), String.valueOf(durationDays))) {
            String text = String.valueOf(value);
            canonical.append(text.length()).append(':').append(text).append(';');
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static String listed(List<String> values) {
        if (values == null) {
            return "null";
        }
        StringBuilder listed = new StringBuilder().append(values.size()).append('[');
        values.stream().distinct().forEach(v -> listed.append(v.length()).append(':').append(v).append(';'));
        return listed.append(']').toString();
    }
}
