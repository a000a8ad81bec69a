package io.bankbridge.accountdata.rest.fdx;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** {@code GET /accounts}: the consent's accounts. */
@RegisterForReflection
public record FdxAccounts(Page page, List<FdxAccount> accounts) {

    public record Page(int totalElements) {
    }
}
