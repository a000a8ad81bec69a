package io.bankbridge.accountdata.rest.fdx;

import java.util.List;

/** {@code GET /accounts}: the consent's accounts. */
public record FdxAccounts(Page page, List<FdxAccount> accounts) {

    public record Page(int totalElements) {
    }
}
