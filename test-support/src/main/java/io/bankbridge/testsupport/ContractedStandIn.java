package io.bankbridge.testsupport;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Holds a stand-in to the contract of the service it plays: every exchange through the stand-in's server is checked
 * against the provider's published document ({@link ProviderContract}) as it is answered, and every departure is
 * kept until {@link #assertKept()} reports it. {@link StandInContractCheck} calls that after each test, so a stand-in
 * answering what the provider never would, or a consumer sending what the provider would refuse, fails the test.
 */
public final class ContractedStandIn extends Filter {

    private static final List<String> VIOLATIONS = new ArrayList<>();

    private final ProviderContract contract;

    private ContractedStandIn(ProviderContract contract) {
        this.contract = contract;
    }

    /** The filter for each context of a stand-in's server that plays {@code provider} (e.g. {@code consent-service}). */
    public static Filter of(String provider) {
        return new ContractedStandIn(ProviderContract.of(provider));
    }

    /** Fails with every departure from a provider's contract since the last call, and forgets them. */
    public static void assertKept() {
        List<String> found;
        synchronized (VIOLATIONS) {
            found = List.copyOf(VIOLATIONS);
            VIOLATIONS.clear();
        }
        if (!found.isEmpty()) {
            throw new AssertionError("a stand-in exchange departs from the provider's published contract:\n"
                    + String.join("\n", found));
        }
    }

    @Override
    public String description() {
        return "checks each exchange against the provider's published contract";
    }

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        byte[] request = exchange.getRequestBody().readAllBytes();
        OutputStream response = exchange.getResponseBody();
        exchange.setStreams(new ByteArrayInputStream(request), new Checked(response, exchange,
                new String(request, StandardCharsets.UTF_8)));
        chain.doFilter(exchange);
    }

    /**
     * The response body on its way out: checked once it is complete and before its last byte leaves, so the consumer
     * never sees an answer whose departure is not recorded yet.
     */
    private final class Checked extends FilterOutputStream {

        private final HttpExchange exchange;
        private final String request;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private boolean checked;

        Checked(OutputStream out, HttpExchange exchange, String request) {
            super(out);
            this.exchange = exchange;
            this.request = request;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            body.write(bytes, offset, length);
            String declared = exchange.getResponseHeaders().getFirst("Content-length");
            if (declared != null && body.size() >= Long.parseLong(declared)) {
                check();
            }
            out.write(bytes, offset, length);
        }

        @Override
        public void close() throws IOException {
            check();
            super.close();
        }

        private void check() {
            if (checked) {
                return;
            }
            checked = true;
            List<String> found = contract.violations(new ProviderContract.Exchange(exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(), request, exchange.getResponseCode(),
                    exchange.getResponseHeaders().getFirst("Content-Type"), body.toString(StandardCharsets.UTF_8)));
            if (!found.isEmpty()) {
                synchronized (VIOLATIONS) {
                    VIOLATIONS.addAll(found);
                }
            }
        }
    }
}
