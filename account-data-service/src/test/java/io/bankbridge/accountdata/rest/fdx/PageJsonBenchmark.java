package io.bankbridge.accountdata.rest.fdx;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH: one page of the transactions API (25 transactions, as the demo data holds them, with the next page's cursor)
 * written as JSON the way the service writes it, and the same page with Jackson's own timestamp serializer. Run by
 * {@link PageJsonBench}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PageJsonBenchmark {

    /** The service's Jackson, as far as this page is concerned: java.time, dates as ISO strings. */
    private final ObjectMapper service = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    /** The same, but it does not see {@code @JsonSerialize(using = Rfc3339Serializer.class)}. */
    private final ObjectMapper jacksonTimestamps = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .annotationIntrospector(new JacksonAnnotationIntrospector() {
                @Override
                public Object findSerializer(Annotated a) {
                    Object found = super.findSerializer(a);
                    return found == Rfc3339Serializer.class ? null : found;
                }
            }).build();

    private final FdxTransactions page = page();

    /** Both write the same bytes, or the comparison says nothing. */
    @Setup
    public void sameOutput() throws JsonProcessingException {
        if (!Arrays.equals(pageAsTheServiceWritesIt(), pageWithJacksonsTimestampSerializer())) {
            throw new IllegalStateException("the two ways of writing the page differ: " + service.writeValueAsString(page)
                    + " against " + jacksonTimestamps.writeValueAsString(page));
        }
    }

    @Benchmark
    public byte[] pageAsTheServiceWritesIt() throws JsonProcessingException {
        return service.writeValueAsBytes(page);
    }

    @Benchmark
    public byte[] pageWithJacksonsTimestampSerializer() throws JsonProcessingException {
        return jacksonTimestamps.writeValueAsBytes(page);
    }

    /** A card account's page: posted and pending transactions, times with and without microseconds. */
    private static FdxTransactions page() {
        SplittableRandom random = new SplittableRandom(25);
        OffsetDateTime at = OffsetDateTime.of(2026, 11, 30, 18, 0, 0, 0, ZoneOffset.UTC);
        List<FdxTransaction> transactions = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            at = at.minusSeconds(random.nextInt(3_600, 86_400)).withNano(i % 2 == 0 ? 0 : random.nextInt(1_000_000) * 1000);
            boolean pending = i < 3;
            transactions.add(new FdxTransaction("LOC_ACCOUNT", "ACC-C-0001-1", "TX-0001-1-" + (10_000 - i), at,
                    pending ? null : at.plusDays(1).withHour(4).withMinute(0).withSecond(0).withNano(0),
                    BigDecimal.valueOf(random.nextInt(100, 25_000), 2), "DEBIT", "Grocery store purchase",
                    "Corner Market", "5411", "Groceries", pending ? "PENDING" : "POSTED"));
        }
        return new FdxTransactions(new FdxTransactions.Page("c2lnbmVkLWN1cnNvci1vZi10aGUtbmV4dC1wYWdl"),
                new FdxTransactions.Links(new FdxTransactions.Link("/fdx/v6/accounts/ACC-C-0001-1/transactions"
                        + "?offset=c2lnbmVkLWN1cnNvci1vZi10aGUtbmV4dC1wYWdl&limit=25")), transactions);
    }
}
