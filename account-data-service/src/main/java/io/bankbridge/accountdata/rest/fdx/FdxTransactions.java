package io.bankbridge.accountdata.rest.fdx;

import io.quarkus.runtime.annotations.RegisterForReflection;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** {@code GET /accounts/{id}/transactions}: one page, newest first, and the cursor of the next page if there is one. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection
public record FdxTransactions(Page page, Links links, List<FdxTransaction> transactions) {

    /** {@code nextOffset} is an opaque cursor: pass it back as {@code offset}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Page(String nextOffset) {
    }

    public record Links(Link next) {
    }

    public record Link(String href) {
    }
}
