package io.bankbridge.accountdata.rest.fdx;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The data API's timestamps are written exactly as Jackson's own serializer writes them, only faster. */
class Rfc3339SerializerTest {

    /** Jackson as the service configures it for dates: java.time, ISO strings rather than numbers. */
    private final ObjectMapper jackson = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();
    private final ObjectMapper fast = JsonMapper.builder().addModule(new JavaTimeModule())
            .addModule(new SimpleModule().addSerializer(OffsetDateTime.class, new Rfc3339Serializer()))
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    @Test
    void writesWhatJacksonWritesForTheEdgesOfEachField() throws JsonProcessingException {
        List<OffsetDateTime> values = List.of(
                OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC),
                OffsetDateTime.of(2026, 1, 2, 3, 4, 0, 0, ZoneOffset.UTC),
                OffsetDateTime.of(2026, 1, 2, 0, 0, 0, 0, ZoneOffset.UTC),
                OffsetDateTime.of(2026, 12, 31, 23, 59, 59, 999_999_999, ZoneOffset.UTC),
                OffsetDateTime.of(2026, 6, 15, 12, 30, 45, 100_000_000, ZoneOffset.UTC),
                OffsetDateTime.of(2026, 6, 15, 12, 30, 45, 120_000, ZoneOffset.UTC),
                OffsetDateTime.of(2026, 6, 15, 12, 30, 45, 1, ZoneOffset.UTC),
                OffsetDateTime.of(2026, 6, 15, 12, 30, 45, 10, ZoneOffset.UTC),
                OffsetDateTime.of(0, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC),
                OffsetDateTime.of(7, 3, 9, 1, 2, 3, 4_000, ZoneOffset.UTC),
                OffsetDateTime.of(999, 3, 9, 1, 2, 3, 0, ZoneOffset.UTC),
                OffsetDateTime.of(9999, 12, 31, 23, 59, 59, 0, ZoneOffset.UTC),
                // written by Jackson's formatter: not UTC, or a year without four digits
                OffsetDateTime.of(10000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC),
                OffsetDateTime.of(-1, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC),
                OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 6_000_000, ZoneOffset.ofHours(2)),
                OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 0, ZoneOffset.ofHoursMinutes(-5, -30)));
        for (OffsetDateTime value : values) {
            assertThat(fast.writeValueAsString(value)).as(value.toString()).isEqualTo(jackson.writeValueAsString(value));
        }
    }

    @Test
    void writesWhatJacksonWritesForAnyInstantPostgreSqlCanHold() throws JsonProcessingException {
        SplittableRandom random = new SplittableRandom(20261203);
        long first = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long last = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 100_000; i++) {
            // PostgreSQL keeps microseconds; some with none, some in whole milliseconds
            int micros = switch (i % 3) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1000;
                default -> random.nextInt(1_000_000);
            };
            OffsetDateTime value = Instant.ofEpochSecond(random.nextLong(first, last + 1), micros * 1000L)
                    .atOffset(ZoneOffset.UTC);
            assertThat(fast.writeValueAsString(value)).as(value.toString()).isEqualTo(jackson.writeValueAsString(value));
        }
    }
}
