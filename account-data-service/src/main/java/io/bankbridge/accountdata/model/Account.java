package io.bankbridge.accountdata.model;

import java.util.List;

/** An account with its owners; the balance is kept apart because only some data clusters show it. */
public record Account(String accountId, AccountType type, String nickname, String productName, String maskedNumber,
                      String currency, String status, List<String> ownerIds) {
}
