package io.bankbridge.e2e;

import io.bankbridge.local.provider.ProviderClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The provider journey as a provider and a customer live it: PAR, the bank's sign-in page, the account picker,
 * the code back at the provider (state and iss checked), the code exchange.
 */
public final class Journey {

    public static final String REDIRECT_URI = "http://localhost:8090/callback";
    public static final String SCOPE = "ACCOUNT_BASIC ACCOUNT_DETAILED TRANSACTIONS CUSTOMER_CONTACT";
    private static final Pattern ACCOUNT_ID = Pattern.compile("\"accountId\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern CONSENT_ID = Pattern.compile("\"consent_id\"\\s*:\\s*\"([^\"]+)\"");

    private final ProviderClient provider;

    /** A connection the customer approved: the consent and the tokens the provider holds. */
    public record Connection(String consentId, ProviderClient.Tokens tokens) {
    }

    /** Told how long each step of a journey took (for the benchmarks). */
    @FunctionalInterface
    public interface StepTimes {
        void took(String step, long nanos);
    }

    /** The steps {@link #connect(String, String, Set, StepTimes)} reports, in order. */
    public static final List<String> STEPS = List.of("PAR", "authorize page", "sign-in (Argon2id)", "approve",
            "code exchange");

    public Journey(ProviderClient provider) {
        this.provider = provider;
    }

    /** Runs the whole journey for {@code login}, ticking exactly {@code accounts} on the picker. */
    public Connection connect(String login, String password, Set<String> accounts) {
        return connect(login, password, accounts, (step, nanos) -> { });
    }

    /** The same, telling {@code times} how long each of {@link #STEPS} took. */
    public Connection connect(String login, String password, Set<String> accounts, StepTimes times) {
        ProviderClient.Tokens tokens = ProviderClient.tokens(approve(Map.of(), login, password, accounts, Map.of(), times));
        return new Connection(claim(tokens.accessToken(), CONSENT_ID), tokens);
    }

    /**
     * Grant Management: the provider asks to change its grant {@code grantId} ({@code action} replace or merge); the
     * customer approves {@code accounts} for {@code durationDays} (chosen on the page). Returns the token response.
     */
    public ProviderClient.Response changeGrant(String grantId, String action, String login, String password,
                                               Set<String> accounts, int durationDays) {
        return approve(Map.of("grant_management_action", action, "grant_id", grantId), login, password, accounts,
                Map.of("duration", String.valueOf(durationDays)), (step, nanos) -> { });
    }

    /**
     * PAR with {@code extra}, the customer's sign-in and approval of exactly {@code accounts} (and {@code fields} as
     * chosen on the page), state and iss checked, the code exchanged: the token response.
     */
    private ProviderClient.Response approve(Map<String, String> extra, String login, String password, Set<String> accounts,
                                        Map<String, String> fields, StepTimes times) {
        long start = System.nanoTime();
        ProviderClient.Authorization authorization = provider.authorize(REDIRECT_URI, SCOPE, extra);
        long pushed = System.nanoTime();
        times.took(STEPS.get(0), pushed - start);
        Browser browser = new Browser(REDIRECT_URI);
        Browser.Page signInPage = browser.open(authorization.authorizeUrl());
        long opened = System.nanoTime();
        times.took(STEPS.get(1), opened - pushed);
        Browser.Page picker = signIn(browser, signInPage, login, password);
        long signedIn = System.nanoTime();
        times.took(STEPS.get(2), signedIn - opened);
        Map<String, String> ticks = new LinkedHashMap<>(fields);
        accounts.forEach(a -> ticks.put(a, "on"));
        Browser.Page back = browser.submit(picker, "input[type=checkbox]", ticks, "Approve");
        long approved = System.nanoTime();
        times.took(STEPS.get(3), approved - signedIn);
        if (back.redirectedTo() == null) {
            throw new IllegalStateException("Approving did not return to the provider: " + back.status() + " " + back.text());
        }
        if (!authorization.state().equals(back.redirectParameter("state")) || !provider.issuer().equals(back.redirectParameter("iss"))) {
            throw new IllegalStateException("state or iss did not round-trip: " + back.redirectedTo());
        }
        ProviderClient.Response answer = provider.exchangeCode(authorization, back.redirectParameter("code"));
        times.took(STEPS.get(4), System.nanoTime() - approved);
        return answer;
    }

    /** Signs in on the bank's page shown by {@code page}; returns the page after it. */
    public static Browser.Page signIn(Browser browser, Browser.Page page, String login, String password) {
        return browser.submit(page, "input[type=password]", Map.of("username", login, "password", password), "Sign in");
    }

    /** The account ids in a data API answer. */
    public static Set<String> accountIds(String json) {
        Set<String> ids = new TreeSet<>();
        Matcher m = ACCOUNT_ID.matcher(json);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    private static String claim(String jwt, Pattern claim) {
        String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
        Matcher m = claim.matcher(payload);
        if (!m.find()) {
            throw new IllegalStateException("No such claim in " + payload);
        }
        return m.group(1);
    }
}
