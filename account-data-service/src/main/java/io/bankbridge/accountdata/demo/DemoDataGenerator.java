package io.bankbridge.accountdata.demo;

import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Writes the demo persons the local stack and the benchmark use, following the convention shared with
 * token-service's login seed: person i (zero-padded to 4 digits) has customer {@code CUS-C-i} owning card
 * {@code ACC-C-i-1} and checking {@code ACC-C-i-2}, and customer {@code CUS-S-i} owning savings {@code ACC-S-i-1};
 * both customer records carry the same identity.
 *
 * <p>Deterministic: person i's data comes from a random generator seeded with i and the history's last day, so the
 * same settings give the same rows. Fast: rows go in through PostgreSQL {@code COPY}, persons already present are
 * skipped, each run is one transaction.
 */
public final class DemoDataGenerator {

    private static final String[] FIRST = {"Ava", "Liam", "Mia", "Noah", "Emma", "Lucas", "Olivia", "Ethan", "Sofia",
            "Mateo", "Isabella", "James", "Amara", "Kenji", "Priya", "Diego", "Hannah", "Omar", "Chloe", "Wei"};
    private static final String[] LAST = {"Johnson", "Garcia", "Nguyen", "Smith", "Patel", "Kim", "Brown", "Martinez",
            "Okafor", "Rossi", "Williams", "Cohen", "Tanaka", "Lopez", "Schmidt", "Davis", "Singh", "Moreau"};
    private static final String[] STREETS = {"Maple Ave", "Oak St", "Pine Rd", "Cedar Ln", "Elm St", "Lakeview Dr",
            "Hillcrest Blvd", "Sunset Way"};
    private static final String[][] CITIES = {{"Austin", "TX", "787"}, {"Denver", "CO", "802"},
            {"Portland", "OR", "972"}, {"Columbus", "OH", "432"}, {"Raleigh", "NC", "276"}, {"Phoenix", "AZ", "850"}};
    private static final String ROUTING_NUMBER = "021000021";

    /** Card spending: merchant, category, merchant category code, typical amount. */
    private static final Object[][] CARD_MERCHANTS = {
            {"Whole Foods Market", "Groceries", "5411", 85.0}, {"Trader Joe's", "Groceries", "5411", 60.0},
            {"Safeway", "Groceries", "5411", 70.0}, {"Starbucks", "Dining", "5814", 7.5},
            {"Chipotle", "Dining", "5814", 14.0}, {"Olive Garden", "Dining", "5812", 55.0},
            {"Shell", "Gas", "5541", 45.0}, {"Chevron", "Gas", "5541", 48.0}, {"Uber", "Transport", "4121", 22.0},
            {"Amazon", "Shopping", "5942", 40.0}, {"Target", "Shopping", "5310", 65.0},
            {"Best Buy", "Electronics", "5732", 150.0}, {"CVS Pharmacy", "Health", "5912", 25.0},
            {"AMC Theatres", "Entertainment", "7832", 30.0}, {"Delta Air Lines", "Travel", "3058", 320.0},
            {"Marriott", "Travel", "3509", 210.0}};
    private static final Object[][] CARD_MONTHLY = {
            {"Netflix", "Entertainment", "4899", 15.49}, {"Spotify", "Entertainment", "4899", 10.99},
            {"Planet Fitness", "Health", "7997", 24.99}};

    private final int customers;
    private final int months;
    private final LocalDate until;

    public DemoDataGenerator(int customers, int months, LocalDate until) {
        this.customers = customers;
        this.months = months;
        this.until = until;
    }

    /** The person number as the demo ids spell it. */
    public static String person(int i) {
        return String.format("%04d", i);
    }

    /** Writes every missing person; returns how many were written. */
    /** Advisory lock key serialising demo seeding across replicas. */
    private static final long SEED_LOCK = 0x62616e6b64656d6fL;

    public int writeMissing(AgroalDataSource dataSource) throws SQLException, IOException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            // Replicas start together: one seeds, the others wait here and then find every person present.
            try (var lock = connection.createStatement()) {
                lock.execute("SELECT pg_advisory_xact_lock(" + SEED_LOCK + ")");
            }
            Set<String> present = present(connection);
            Rows rows = new Rows();
            int written = 0;
            for (int i = 1; i <= customers; i++) {
                if (!present.contains("CUS-C-" + person(i))) {
                    generate(i, rows);
                    written++;
                }
            }
            if (written == 0) {
                connection.rollback();
                return 0;
            }
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            copy.copyIn("COPY customer (customer_id, first_name, last_name, email, phone, address_line1, city, region,"
                    + " postal_code, country) FROM STDIN", new StringReader(rows.customers.toString()));
            copy.copyIn("COPY account (account_id, account_type, nickname, product_name, masked_number, currency, status)"
                    + " FROM STDIN", new StringReader(rows.accounts.toString()));
            copy.copyIn("COPY account_owner (account_id, customer_id) FROM STDIN", new StringReader(rows.owners.toString()));
            copy.copyIn("COPY balance (account_id, current_balance, available_balance, credit_limit, statement_balance,"
                    + " interest_rate, as_of) FROM STDIN", new StringReader(rows.balances.toString()));
            copy.copyIn("COPY payment_network (account_id, network_type, routing_number, account_number) FROM STDIN",
                    new StringReader(rows.networks.toString()));
            long transactions = copy.copyIn("COPY account_transaction (account_id, transaction_id, transaction_time,"
                    + " posted_time, amount, debit_credit, currency, description, merchant, merchant_category_code,"
                    + " category, status) FROM STDIN", new StringReader(rows.transactions.toString()));
            connection.commit();
            Log.infof("Demo data: %d person(s) written with %d transactions", written, transactions);
            return written;
        }
    }

    private Set<String> present(Connection connection) throws SQLException {
        Set<String> ids = new HashSet<>();
        try (PreparedStatement s = connection.prepareStatement(
                "select customer_id from customer where customer_id like 'CUS-C-%'");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    /** COPY text-format buffers, one per table. */
    private static final class Rows {
        final StringBuilder customers = new StringBuilder();
        final StringBuilder accounts = new StringBuilder();
        final StringBuilder owners = new StringBuilder();
        final StringBuilder balances = new StringBuilder();
        final StringBuilder networks = new StringBuilder();
        final StringBuilder transactions = new StringBuilder(1 << 20);
    }

    private void generate(int i, Rows rows) {
        Random random = new Random(31L * i + until.toEpochDay());
        String p = person(i);
        String first = FIRST[(i - 1) % FIRST.length];
        String last = LAST[random.nextInt(LAST.length)];
        String[] city = CITIES[random.nextInt(CITIES.length)];
        String email = (first + "." + last + p).toLowerCase() + "@example.com";
        String phone = "+1555" + String.format("%07d", random.nextInt(10_000_000));
        String street = (100 + random.nextInt(9000)) + " " + STREETS[random.nextInt(STREETS.length)];
        String zip = city[2] + String.format("%02d", random.nextInt(100));
        for (String customer : List.of("CUS-C-" + p, "CUS-S-" + p)) {
            line(rows.customers, customer, first, last, email, phone, street, city[0], city[1], zip, "US");
        }
        OffsetDateTime asOf = until.atTime(23, 0).atOffset(ZoneOffset.UTC);
        String card = "ACC-C-" + p + "-1";
        String checking = "ACC-C-" + p + "-2";
        String savings = "ACC-S-" + p + "-1";
        String cardNumber = digits(random, 4);
        String checkingNumber = "4" + digits(random, 9);
        String savingsNumber = "7" + digits(random, 9);
        line(rows.accounts, card, "CARD", "Everyday Card", "Bankbridge Cash Rewards Visa", "...." + cardNumber, "USD", "OPEN");
        line(rows.accounts, checking, "CHECKING", "Main Checking", "Bankbridge Everyday Checking",
                "...." + checkingNumber.substring(6), "USD", "OPEN");
        line(rows.accounts, savings, "SAVINGS", "Rainy Day Fund", "Bankbridge High-Yield Savings",
                "...." + savingsNumber.substring(6), "USD", "OPEN");
        line(rows.owners, card, "CUS-C-" + p);
        line(rows.owners, checking, "CUS-C-" + p);
        line(rows.owners, savings, "CUS-S-" + p);
        line(rows.networks, checking, "US_ACH", ROUTING_NUMBER, checkingNumber);
        line(rows.networks, savings, "US_ACH", ROUTING_NUMBER, savingsNumber);

        BigDecimal cardBalance = BigDecimal.ZERO;
        BigDecimal checkingBalance = money(2000 + random.nextInt(4000));
        BigDecimal savingsBalance = money(5000 + random.nextInt(20000));
        BigDecimal salary = money(1800 + random.nextInt(1800));
        BigDecimal rent = money(900 + random.nextInt(1200));
        int cardSeq = 0;
        int checkingSeq = 0;
        int savingsSeq = 0;
        LocalDate start = until.minusMonths(months).plusDays(1);
        BigDecimal statement = BigDecimal.ZERO;
        for (LocalDate day = start; !day.isAfter(until); day = day.plusDays(1)) {
            boolean recent = day.isAfter(until.minusDays(3));
            int spends = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(2);
            for (int s = 0; s < spends; s++) {
                Object[] m = CARD_MERCHANTS[random.nextInt(CARD_MERCHANTS.length)];
                BigDecimal amount = amount(random, (double) m[3]);
                cardBalance = cardBalance.add(amount);
                transaction(rows, card, "T" + (++cardSeq), day, random, amount, "DEBIT", (String) m[0], m, recent);
            }
            if (day.getDayOfMonth() == 5) {
                for (Object[] m : CARD_MONTHLY) {
                    BigDecimal amount = BigDecimal.valueOf((double) m[3]).setScale(2, RoundingMode.HALF_UP);
                    cardBalance = cardBalance.add(amount);
                    transaction(rows, card, "T" + (++cardSeq), day, random, amount, "DEBIT", (String) m[0], m, recent);
                }
            }
            if (day.getDayOfMonth() == 1 || day.getDayOfMonth() == 15) {
                checkingBalance = checkingBalance.add(salary);
                transaction(rows, checking, "T" + (++checkingSeq), day, random, salary, "CREDIT", "Payroll deposit",
                        new Object[]{"ACME Corp", "Income", null}, recent);
            }
            if (day.getDayOfMonth() == 3) {
                checkingBalance = checkingBalance.subtract(rent);
                transaction(rows, checking, "T" + (++checkingSeq), day, random, rent, "DEBIT", "Rent payment",
                        new Object[]{"Parkside Apartments", "Housing", null}, recent);
                BigDecimal utilities = amount(random, 140);
                checkingBalance = checkingBalance.subtract(utilities);
                transaction(rows, checking, "T" + (++checkingSeq), day, random, utilities, "DEBIT", "City Power & Water",
                        new Object[]{"City Power & Water", "Utilities", "4900"}, recent);
            }
            if (day.getDayOfMonth() == 20) {
                statement = cardBalance;
                if (cardBalance.signum() > 0) {
                    checkingBalance = checkingBalance.subtract(cardBalance);
                    transaction(rows, checking, "T" + (++checkingSeq), day, random, cardBalance, "DEBIT",
                            "Card payment", new Object[]{"Bankbridge Card Services", "Transfer", null}, recent);
                    transaction(rows, card, "T" + (++cardSeq), day, random, cardBalance, "CREDIT",
                            "Payment - thank you", new Object[]{null, "Payment", null}, recent);
                    cardBalance = BigDecimal.ZERO;
                }
                BigDecimal saved = money(100 + random.nextInt(400));
                checkingBalance = checkingBalance.subtract(saved);
                savingsBalance = savingsBalance.add(saved);
                transaction(rows, checking, "T" + (++checkingSeq), day, random, saved, "DEBIT", "Transfer to savings",
                        new Object[]{null, "Transfer", null}, recent);
                transaction(rows, savings, "T" + (++savingsSeq), day, random, saved, "CREDIT", "Transfer from checking",
                        new Object[]{null, "Transfer", null}, recent);
            }
            if (random.nextInt(12) == 0) {
                BigDecimal cash = money(20 * (1 + random.nextInt(10)));
                checkingBalance = checkingBalance.subtract(cash);
                transaction(rows, checking, "T" + (++checkingSeq), day, random, cash, "DEBIT", "ATM withdrawal",
                        new Object[]{null, "Cash", "6011"}, recent);
            }
            if (day.getDayOfMonth() == day.lengthOfMonth()) {
                BigDecimal interest = savingsBalance.multiply(new BigDecimal("0.0425"))
                        .divide(BigDecimal.valueOf(12), 2, RoundingMode.HALF_UP);
                savingsBalance = savingsBalance.add(interest);
                transaction(rows, savings, "T" + (++savingsSeq), day, random, interest, "CREDIT", "Interest paid",
                        new Object[]{null, "Interest", null}, recent);
            }
        }
        BigDecimal creditLimit = money(5000 + 1000 * random.nextInt(10));
        line(rows.balances, card, cardBalance, creditLimit.subtract(cardBalance), creditLimit, statement, null, asOf);
        line(rows.balances, checking, checkingBalance, checkingBalance, null, null, null, asOf);
        line(rows.balances, savings, savingsBalance, savingsBalance, null, null, new BigDecimal("4.2500"), asOf);
    }

    private static void transaction(Rows rows, String account, String seq, LocalDate day, Random random,
                                    BigDecimal amount, String direction, String description, Object[] merchant,
                                    boolean pending) {
        OffsetDateTime at = day.atTime(7 + random.nextInt(15), random.nextInt(60), random.nextInt(60))
                .atOffset(ZoneOffset.UTC);
        OffsetDateTime posted = pending ? null : at.plusDays(1).withHour(4).withMinute(0).withSecond(0);
        line(rows.transactions, account, account + "-" + seq, at, posted, amount, direction, "USD", description,
                merchant[0], merchant.length > 2 ? merchant[2] : null, merchant[1], pending ? "PENDING" : "POSTED");
    }

    private static BigDecimal amount(Random random, double typical) {
        double value = typical * (0.4 + random.nextDouble() * 1.2);
        return BigDecimal.valueOf(Math.max(1.0, value)).setScale(2, RoundingMode.HALF_UP);
    }

    private static BigDecimal money(int dollars) {
        return BigDecimal.valueOf(dollars).setScale(2, RoundingMode.UNNECESSARY);
    }

    private static String digits(Random random, int n) {
        StringBuilder s = new StringBuilder(n);
        for (int k = 0; k < n; k++) {
            s.append(random.nextInt(10));
        }
        return s.toString();
    }

    /** One COPY text line; values never contain tabs, newlines or backslashes. */
    private static void line(StringBuilder out, Object... values) {
        for (int k = 0; k < values.length; k++) {
            if (k > 0) {
                out.append('\t');
            }
            Object v = values[k];
            out.append(v == null ? "\\N" : v instanceof OffsetDateTime t ? t.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    : v.toString());
        }
        out.append('\n');
    }
}
