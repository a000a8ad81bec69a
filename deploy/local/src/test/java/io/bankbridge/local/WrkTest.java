package io.bankbridge.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WrkTest {

    @Test
    void readsTheRateTheLatenciesInMillisecondsAndWhatFailed() {
        Wrk.Figures figures = Wrk.parse("""
                Running 1s test @ http://127.0.0.1:18099/token
                  1 threads and 2 connections
                  Thread Stats   Avg      Stdev     Max   +/- Stdev
                    Latency   812.00us    5.34ms    1.02s   87.06%
                    Req/Sec   452.90    148.74   714.00     60.00%
                  Latency Distribution
                     50%  812.00us
                     75%    7.27ms
                     90%   11.79ms
                     99%    1.50m
                  458 requests in 1.01s, 232.58KB read
                  Socket errors: connect 0, read 2, write 0, timeout 3
                  Non-2xx or 3xx responses: 7
                Requests/sec:    451.35
                Transfer/sec:    229.20KB
                """);

        assertThat(figures.requestsPerSecond()).isEqualTo(451.35);
        assertThat(figures.p50()).isEqualTo(0.812);
        assertThat(figures.p90()).isEqualTo(11.79);
        assertThat(figures.p99()).isEqualTo(90_000.0);
        assertThat(figures.max()).isEqualTo(1020.0);
        assertThat(figures.failed()).isEqualTo(12);
        assertThat(figures.requests()).isEqualTo(458);
    }

    @Test
    void aRunWithoutARateIsNoFigure() {
        assertThatThrownBy(() -> Wrk.parse("unable to connect to 127.0.0.1:1 Connection refused"))
                .hasMessageContaining("no rate");
    }
}
